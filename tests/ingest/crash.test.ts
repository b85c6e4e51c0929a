import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEmbeddedEngine } from '../../src/engine/embedded/embedded-engine.js';
import { loadIndexSettings } from '../../src/engine/settings.js';
import { noFilters } from '../../src/schema/query.js';
import { projectRoot, seedPath, tempDataDir } from '../helpers/seed.js';
import { indexedStatementIds } from '../helpers/statement-ids.js';

// kill -9 at random moments of a real ingest, rerun it, and the index must be the one a single
// clean run builds: every statement whole, none twice, none lost, nothing indexed twice over.

const STATEMENTS = 600;
// Small writes (about two statements each) so kills land between commits as well as inside them.
const BATCH_SIZE = '20';
const seed = Number(process.env.CRASH_SEED ?? Math.floor(Math.random() * 2 ** 31));

/** mulberry32: a seeded generator, so a failing run can be replayed with CRASH_SEED. */
function random(state: number): () => number {
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = random(seed);
const between = (low: number, high: number): number => low + Math.floor(rand() * (high - low + 1));

const work = tempDataDir();
const sources = join(work.dir, 'sources');
const children = new Set<ChildProcess>();
afterAll(() => {
  for (const child of children) child.kill('SIGKILL');
  work.cleanup();
});

interface Run {
  child: ChildProcess;
  done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string }>;
}

function startIngest(dataDir: string): Run {
  const child = spawn(process.execPath, ['--import', 'tsx', 'ingest/cli.ts', sources, '--batch-size', BATCH_SIZE], {
    cwd: projectRoot,
    env: { ...process.env, DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  children.add(child);
  let stdout = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string }>((resolve) => {
    child.on('exit', (code, signal) => {
      children.delete(child);
      // 'exit' can come before stdout is drained; 'close' comes after.
      child.on('close', () => resolve({ code, signal, stdout }));
    });
  });
  return { child, done };
}

const indexFile = (dataDir: string): string => join(dataDir, 'communique.sqlite');

/** Statements committed so far, as another process sees them (WAL lets a reader in beside the writer). */
function committed(dataDir: string, db: { handle: Database.Database | null }): number {
  if (db.handle === null) {
    if (!existsSync(indexFile(dataDir))) return 0;
    try {
      db.handle = new Database(indexFile(dataDir), { readonly: true, fileMustExist: true });
    } catch {
      return 0;
    }
  }
  try {
    return db.handle.prepare<[], number>('SELECT count(*) FROM statements').pluck().get() ?? 0;
  } catch {
    // The writer has not created the table yet.
    return 0;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Starts an ingest and SIGKILLs it once `target` statements are committed (plus a random few
 * milliseconds, to land anywhere in the next write), or after `delayMs` when there is no target.
 */
async function killAt(dataDir: string, kill: { target: number } | { delayMs: number }): Promise<void> {
  const run = startIngest(dataDir);
  const db = { handle: null as Database.Database | null };
  const exited = run.done.then(() => true);
  if ('target' in kill) {
    while (committed(dataDir, db) < kill.target) {
      if (await Promise.race([exited, sleep(5).then(() => false)])) break;
    }
    await sleep(between(0, 30));
  } else {
    await sleep(kill.delayMs);
  }
  db.handle?.close();
  run.child.kill('SIGKILL');
  const result = await run.done;
  expect(result.signal, `the ingest finished before the kill (CRASH_SEED=${seed}); ${JSON.stringify(kill)}`).toBe('SIGKILL');
}

type Snapshot = Map<string, unknown[]>;

/** Every statement's paragraphs as stored, without the one field that differs between runs (retrievedAt). */
async function snapshot(dataDir: string): Promise<{ statements: Snapshot; documents: number; spokesperson: number }> {
  const engine = openEmbeddedEngine(dataDir, loadIndexSettings());
  try {
    const statements: Snapshot = new Map();
    for (const id of await indexedStatementIds(engine)) {
      const paragraphs = await engine.getStatement(id);
      // Whole: paragraphs 1..n, each once.
      expect(paragraphs.map((p) => p.paragraph), `statement ${id} (CRASH_SEED=${seed})`).toEqual(paragraphs.map((_, i) => i + 1));
      statements.set(
        id,
        paragraphs.map(({ source, ...rest }) => ({ ...rest, source: { ...source, retrievedAt: null } })),
      );
    }
    const { documents } = await engine.stats();
    // The full-text index agrees with the documents: one word every statement has, counted through FTS.
    const { total } = await engine.search({
      q: 'spokesperson',
      filters: noFilters(),
      sort: 'relevance',
      offset: 0,
      limit: 0,
      facets: [],
    });
    return { statements, documents, spokesperson: total };
  } finally {
    await engine.close();
  }
}

const summary = /^ingested (\d+) statements? \(\d+ paragraphs?\), (\d+) unchanged, 0 failed, of (\d+) sources$/m;

let clean: Awaited<ReturnType<typeof snapshot>>;

beforeAll(async () => {
  // 300 statements from the seed, each a little different: another day, a closing line of its own.
  mkdirSync(sources);
  const text = readFileSync(seedPath, 'utf8');
  for (let i = 0; i < STATEMENTS; i += 1) {
    const edited = `${text.replace('November 7', `November ${1 + (i % 28)}`).trimEnd()}\nStatement ${i} closes with question kilo${i} about Qatar.\n`;
    writeFileSync(join(sources, `s${String(i).padStart(3, '0')}.txt`), edited);
  }
  const dataDir = join(work.dir, 'clean');
  const result = await startIngest(dataDir).done;
  expect(result.code).toBe(0);
  clean = await snapshot(dataDir);
  expect(clean.statements.size).toBe(STATEMENTS);
}, 120_000);

// Each trial has its own index; they run side by side, since most of a run is waiting on the other.
describe.concurrent('ingest killed with SIGKILL and run again', () => {
  // One kill before anything is written, the others at committed counts drawn from successive
  // stretches of the first half; the last trial is killed twice before it may finish. Every kill
  // leaves at least half the statements to go: a fast ingest (or a watcher slowed by the trials
  // beside it) must not finish between the target and the kill.
  const stretch = Math.floor(STATEMENTS / 8);
  const trials: ({ target: number } | { delayMs: number })[][] = [
    [{ delayMs: between(100, 1500) }],
    [{ target: between(1, stretch) }],
    [{ target: between(stretch, 2 * stretch) }],
    [{ target: between(2 * stretch, 4 * stretch) }],
    [{ target: between(1, 2 * stretch) }, { target: between(2 * stretch + 10, 4 * stretch) }],
  ];

  const described = (kill: (typeof trials)[number][number]): string =>
    'target' in kill ? `${kill.target} statements committed` : `${kill.delayMs} ms`;
  it.each(trials.map((kills, index) => ({ trial: `#${index + 1}`, kills, at: kills.map(described).join(', then at ') })))(
    'trial $trial: killed at $at, the rerun completes the index exactly as a clean run builds it',
    async ({ trial, kills }) => {
      const dataDir = join(work.dir, `trial-${trial.slice(1)}`);
      let before = 0;
      for (const kill of kills) {
        await killAt(dataDir, kill);
        // What a kill leaves is whole statements only, each exactly as the clean run wrote it.
        const partial = existsSync(indexFile(dataDir)) ? await snapshot(dataDir) : null;
        const count = partial?.statements.size ?? 0;
        for (const [id, paragraphs] of partial?.statements ?? []) {
          expect(paragraphs, `statement ${id} after a kill (CRASH_SEED=${seed})`).toEqual(clean.statements.get(id));
        }
        expect(partial?.documents ?? 0).toBe([...(partial?.statements.values() ?? [])].reduce((n, p) => n + p.length, 0));
        expect(count).toBeGreaterThanOrEqual(before);
        expect(count).toBeLessThan(STATEMENTS);
        before = count;
      }

      const rerun = await startIngest(dataDir).done;
      expect(rerun.code, rerun.stdout).toBe(0);
      const [, indexed, unchanged, total] = summary.exec(rerun.stdout) ?? [];
      // Exactly what was committed before the kill is skipped; everything else is written once.
      expect({ indexed: Number(indexed), unchanged: Number(unchanged), total: Number(total) }).toEqual({
        indexed: STATEMENTS - before,
        unchanged: before,
        total: STATEMENTS,
      });

      const final = await snapshot(dataDir);
      expect([...final.statements.keys()]).toEqual([...clean.statements.keys()]);
      expect(final.statements, `CRASH_SEED=${seed}`).toEqual(clean.statements);
      expect(final.documents).toBe(clean.documents);
      expect(final.spokesperson).toBe(clean.spokesperson);
    },
    120_000,
  );
});
