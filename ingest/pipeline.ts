import { relative } from 'node:path';
import PQueue from 'p-queue';
import type { SearchEngine } from '../src/engine/engine.js';
import { AppError, isAppError } from '../src/errors.js';
import type { StatementDocuments } from '../src/schema/document.js';
import type { RawSource } from './extracted.js';
import { listSourceFiles, loadFileSource } from './load-source.js';
import type { Progress } from './progress.js';
import { fingerprintOf, prepareStatement } from './prepare.js';
import { BatchSink } from './sink.js';
import { statementId } from './statement-id.js';

export interface IngestFailure {
  source: string;
  code: string;
  reason: string;
}

export interface IngestReport {
  /** Sources found. */
  sources: number;
  /** Statements written and confirmed by the engine. */
  indexed: number;
  paragraphs: number;
  /** Sources already indexed with the same bytes, metadata and pipeline: not written again. */
  unchanged: number;
  failures: IngestFailure[];
}

export interface IngestOptions {
  concurrency?: number;
  batchSize?: number;
  /** Called once the sources are listed, with how many there are. */
  progress?: (total: number) => Progress;
  now?: () => Date;
}

const asFailure = (source: string, error: unknown): IngestFailure =>
  isAppError(error)
    ? { source, code: error.code, reason: error.detail }
    : { source, code: 'INTERNAL', reason: error instanceof Error ? error.message : String(error) };

/** Where a source came from, as provenance shows it: relative paths, so an index does not leak a machine's layout. */
const displayPath = (path: string): string => relative(process.cwd(), path) || path;

/**
 * Ingests files and folders: every source is read, normalised, annotated and written as
 * whole statements. One bad source is reported and skipped; the others still go in.
 */
export async function ingestSources(inputs: string[], engine: SearchEngine, options: IngestOptions = {}): Promise<IngestReport> {
  const report: IngestReport = { sources: 0, indexed: 0, paragraphs: 0, unchanged: 0, failures: [] };
  const files: string[] = [];
  for (const input of inputs) {
    try {
      files.push(...(await listSourceFiles(input)));
    } catch (error) {
      report.failures.push(asFailure(input, error));
    }
  }
  report.sources = files.length;
  const progress = options.progress?.(files.length);
  const now = options.now ?? (() => new Date());
  const sink = new BatchSink(engine, {
    batchSize: options.batchSize ?? 1000,
    retries: 3,
    onWritten: (statements) => {
      report.indexed += statements.length;
      report.paragraphs += statements.reduce((sum, s) => sum + s.documents.length, 0);
    },
  });
  const claimed = new Map<string, string>();

  const prepare = async (path: string): Promise<StatementDocuments | null> => {
    const raw: RawSource = await loadFileSource(path);
    const id = statementId(path);
    const earlier = claimed.get(id);
    if (earlier !== undefined) {
      throw new AppError('UNREADABLE_SOURCE', `statement id "${id}" is already taken by ${earlier}; rename one of the two`);
    }
    claimed.set(id, path);
    if ((await engine.fingerprints([id])).get(id) === fingerprintOf(raw)) return null;
    return prepareStatement(raw, { statementId: id, path: displayPath(path), retrievedAt: now() });
  };

  const queue = new PQueue({ concurrency: options.concurrency ?? 4 });
  await Promise.all(
    files.map((path) =>
      queue.add(async () => {
        let paragraphs = 0;
        try {
          const statement = await prepare(path);
          if (statement === null) report.unchanged += 1;
          else {
            paragraphs = statement.documents.length;
            await sink.add(statement);
          }
        } catch (error) {
          report.failures.push(asFailure(path, error));
        }
        progress?.sourceDone(paragraphs);
      }),
    ),
  );
  await sink.flush();
  progress?.finish();
  return report;
}
