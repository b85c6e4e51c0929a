import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { ingestSources } from '../ingest/pipeline.js';
import { listSourceFiles } from '../ingest/load-source.js';
import { splitParagraphs } from '../ingest/normalise.js';
import { openEmbeddedEngine } from '../src/engine/embedded/embedded-engine.js';
import { loadIndexSettings } from '../src/engine/settings.js';
import type { PeakMemory } from './memory.js';

export interface IngestBench {
  files: number;
  paragraphs: number;
  pipelineSeconds: number;
  pipelineRate: number;
  bareSeconds: number;
  bareRate: number;
  ratio: number;
  /** Of `pipelineSeconds`, the merge of the full-text segments at the end, which the bare insert does not do. */
  optimizeSeconds: number;
  peakRssMb: number;
}

/**
 * One thread reads and annotates beside the writes. On two cores a second was slower in 3 of 3
 * alternated runs (7,695–8,706 against 9,073–9,296 paragraphs/s) and went over 500 MB of RSS.
 */
const PREPARE_THREADS = 1;

/** A bare FTS5 insert of the same paragraphs, in one transaction: the floor the pipeline is compared with. */
function bareInsert(dir: string, files: string[]): { paragraphs: number; seconds: number } {
  const db = new Database(join(dir, 'bare.sqlite'));
  db.pragma('journal_mode = WAL');
  // The index's own tokenizer (src/engine/embedded/database.ts), so both sides cut the same words.
  db.exec("CREATE VIRTUAL TABLE fts USING fts5(text, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2 categories ''L* N* Co M*''')");
  const insert = db.prepare('INSERT INTO fts (text) VALUES (?)');
  const started = performance.now();
  let paragraphs = 0;
  db.transaction(() => {
    for (const file of files) {
      for (const paragraph of splitParagraphs(readFileSync(file, 'utf8'))) {
        insert.run(paragraph);
        paragraphs += 1;
      }
    }
  })();
  const seconds = (performance.now() - started) / 1000;
  db.close();
  return { paragraphs, seconds };
}

/** Ingests `folder` end to end into a fresh embedded engine, then times a bare FTS5 insert of the same text. */
export async function benchIngest(folder: string, dir: string, memory: PeakMemory): Promise<IngestBench> {
  const files = await listSourceFiles(folder);
  const engine = openEmbeddedEngine(join(dir, 'index'), loadIndexSettings());
  memory.reset();
  const started = performance.now();
  const report = await ingestSources([folder], engine, { concurrency: 8, prepareThreads: PREPARE_THREADS });
  const pipelineSeconds = (performance.now() - started) / 1000;
  const peakRssMb = memory.peakMb();
  await engine.close();
  if (report.failures.length > 0) {
    throw new Error(`ingest failed on ${report.failures.length} sources, first: ${JSON.stringify(report.failures[0])}`);
  }
  const bare = bareInsert(dir, files);
  return {
    files: files.length,
    paragraphs: report.paragraphs,
    pipelineSeconds,
    pipelineRate: report.paragraphs / pipelineSeconds,
    bareSeconds: bare.seconds,
    bareRate: bare.paragraphs / bare.seconds,
    ratio: pipelineSeconds / bare.seconds,
    optimizeSeconds: report.optimizedSeconds ?? 0,
    peakRssMb,
  };
}
