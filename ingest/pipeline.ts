import { relative, resolve } from 'node:path';
import PQueue from 'p-queue';
import type { SearchEngine } from '../src/engine/engine.js';
import { isAppError } from '../src/errors.js';
import type { StatementDocuments } from '../src/schema/document.js';
import { createFetcher, type FetchOptions, type Fetcher } from './fetch/fetch-source.js';
import { isHttpUrl, readUrlList } from './fetch/url-list.js';
import { listInput, loadFileSource } from './load-source.js';
import type { Progress } from './progress.js';
import { prepareIfChanged } from './prepare.js';
import { PreparePool } from './prepare-pool.js';
import { pruneGone, type ListedFolder, type PrunedStatement } from './prune.js';
import { BatchSink } from './sink.js';
import { statementId } from './statement-id.js';

export interface IngestFailure {
  source: string;
  code: string;
  reason: string;
}

export interface IngestReport {
  /** Sources found, including those that could not even be listed. */
  sources: number;
  /** Statements written and confirmed by the engine. */
  indexed: number;
  paragraphs: number;
  /** Sources already indexed with the same bytes, metadata and pipeline: not written again. */
  unchanged: number;
  failures: IngestFailure[];
  /** Statements deleted because their file is gone from its folder (only with `prune`). */
  pruned: PrunedStatement[];
  /** Seconds the engine took to reorganise its index for searching after the writes; null when it did not. */
  optimizedSeconds: number | null;
  /** Why that reorganisation failed, if it did: every statement is indexed all the same. */
  optimizeFailure: string | null;
}

export interface IngestOptions {
  /** Sources read (and pages fetched) at once; prepare threads, which read their files themselves, are handed more. */
  concurrency?: number;
  /** Paragraphs per engine write; a statement is never split. */
  batchSize?: number;
  /** Text files listing URLs to fetch, one a line. */
  urlLists?: string[];
  /** After ingesting, delete statements whose file is gone from a folder in `inputs`. Never implied. */
  prune?: boolean;
  /** Limits for fetching URLs; `concurrency` defaults to the option above. */
  fetch?: Partial<FetchOptions>;
  /** Called once the sources are listed, with how many there are. */
  progress?: (total: number) => Progress;
  now?: () => Date;
  /** Threads that read and annotate sources beside the writes; 0 does it in this thread. */
  prepareThreads?: number;
}

/**
 * A batch is written in one synchronous transaction (about 50 ms per 1000 paragraphs), and no new
 * source reaches the prepare threads meanwhile: each is handed `BATCHES_AHEAD` batches of
 * paragraphs ahead, counting `PARAGRAPHS_PER_SOURCE` a source (a UNGD statement has about 30),
 * so it still has work during the write. With 8 sources ahead a thread ran dry during each write,
 * and the UNGD ingest took a fifth longer; two batches ahead instead of one gave about 5% (4 of 5
 * alternated runs, 9,455 against 9,000 paragraphs/s on average, ~15 MB more RSS); three gave less.
 */
const PARAGRAPHS_PER_SOURCE = 30;
const BATCHES_AHEAD = 2;

interface Source {
  kind: 'file' | 'url';
  /** The path or URL, as failure lines name it. */
  name: string;
  statementId: string;
}

const asFailure = (source: string, error: unknown): IngestFailure =>
  isAppError(error)
    ? { source, code: error.code, reason: error.detail }
    : { source, code: 'INTERNAL', reason: error instanceof Error ? error.message : String(error) };

/** Where a source came from, as provenance shows it: relative paths, so an index does not leak a machine's layout. */
const displayPath = (path: string): string => relative(process.cwd(), path) || path;

/**
 * Every source the inputs stand for, in order, each with the statement id it will take.
 * The same file or URL named twice is read once; a second source that would take an id
 * already taken fails here, before anything is read, so which one wins never depends on timing.
 */
async function listSources(
  inputs: readonly string[],
  urlLists: readonly string[],
  fail: (failure: IngestFailure) => void,
): Promise<{ sources: Source[]; folders: ListedFolder[] }> {
  const named: Omit<Source, 'statementId'>[] = [];
  const folders: ListedFolder[] = [];
  for (const input of inputs) {
    if (isHttpUrl(input)) {
      if (URL.canParse(input)) named.push({ kind: 'url', name: input });
      else fail({ source: input, code: 'UNREADABLE_SOURCE', reason: 'not a valid URL' });
      continue;
    }
    try {
      const { folder, files, failures } = await listInput(input);
      for (const failure of failures) fail(asFailure(failure.path, failure.error));
      // A file the walk could not see may still be there; pruning the folder would delete its statement.
      if (folder && failures.length === 0) {
        folders.push({ path: resolve(input), files: new Map(files.map((file) => [resolve(file), statementId(file)])) });
      }
      named.push(...files.map((file) => ({ kind: 'file' as const, name: file })));
    } catch (error) {
      fail(asFailure(input, error));
    }
  }
  for (const list of urlLists) {
    try {
      const { urls, invalid } = await readUrlList(list);
      named.push(...urls.map((url) => ({ kind: 'url' as const, name: url })));
      for (const { line, text } of invalid) {
        fail({ source: `${list}:${line}`, code: 'UNREADABLE_SOURCE', reason: `not an http(s) URL: ${text}` });
      }
    } catch (error) {
      fail(asFailure(list, error));
    }
  }

  const seen = new Set<string>();
  const claimed = new Map<string, string>();
  const sources: Source[] = [];
  for (const source of named) {
    const key = source.kind === 'file' ? resolve(source.name) : source.name;
    if (seen.has(key)) continue;
    seen.add(key);
    const id = statementId(source.name);
    const earlier = claimed.get(id);
    if (earlier !== undefined) {
      fail({ source: source.name, code: 'UNREADABLE_SOURCE', reason: `statement id "${id}" is already taken by ${earlier}; rename one of the two` });
      continue;
    }
    claimed.set(id, source.name);
    sources.push({ ...source, statementId: id });
  }
  return { sources, folders };
}

/**
 * Ingests files, folders and http(s) URLs: every source is read or fetched, normalised,
 * annotated and written as whole statements. One bad source is reported and skipped; the
 * others still go in. Sources whose fingerprint is unchanged are not written again.
 */
export async function ingestSources(inputs: string[], engine: SearchEngine, options: IngestOptions = {}): Promise<IngestReport> {
  const report: IngestReport = { sources: 0, indexed: 0, paragraphs: 0, unchanged: 0, failures: [], pruned: [], optimizedSeconds: null, optimizeFailure: null };
  const { sources, folders } = await listSources(inputs, options.urlLists ?? [], (failure) => report.failures.push(failure));
  report.sources = sources.length + report.failures.length;
  const progress = options.progress?.(sources.length);
  const now = options.now ?? (() => new Date());
  const concurrency = options.concurrency ?? 4;
  const batchSize = options.batchSize ?? 1000;
  const sink = new BatchSink(engine, {
    batchSize,
    retries: 3,
    onWritten: (statements) => {
      report.indexed += statements.length;
      report.paragraphs += statements.reduce((sum, s) => sum + s.documents.length, 0);
    },
  });
  let fetcher: Fetcher | null = null;
  const threads = options.prepareThreads ?? 0;
  const pool = threads > 0 ? new PreparePool(threads) : null;
  const threadBudget = Math.ceil((BATCHES_AHEAD * batchSize) / PARAGRAPHS_PER_SOURCE) * threads;

  /**
   * The statement of one source, or null when its fingerprint is `indexed`, the one already in
   * the index. A prepare thread reads a file itself, so this thread's time goes to the writes.
   */
  const prepareSource = async (source: Source, indexed: string | null): Promise<StatementDocuments | null> => {
    const prepareOptions = () => ({
      statementId: source.statementId,
      path: source.kind === 'file' ? displayPath(source.name) : null,
      retrievedAt: now(),
    });
    if (pool && source.kind === 'file') {
      if (pool.ready || pool.inFlight < threadBudget) return pool.prepareFile(source.name, indexed, prepareOptions());
      // The threads are still loading their modules (a second or more under tsx) with their first
      // sources handed over, and this thread has nothing to write yet: it prepares the next ones.
      return prepareIfChanged(await loadFileSource(source.name), indexed, prepareOptions());
    }
    const raw =
      source.kind === 'url'
        ? await (fetcher ??= createFetcher({ concurrency, ...options.fetch })).fetchSource(source.name)
        : await loadFileSource(source.name);
    return pool ? pool.prepare(raw, indexed, prepareOptions()) : prepareIfChanged(raw, indexed, prepareOptions());
  };

  /** Reads, checks and writes one source; the number of paragraphs it queued for writing. */
  const ingestOne = async (source: Source): Promise<number> => {
    const indexed = (await engine.fingerprints([source.statementId])).get(source.statementId) ?? null;
    const statement = await prepareSource(source, indexed);
    if (statement === null) {
      report.unchanged += 1;
      return 0;
    }
    await sink.add(statement);
    return statement.documents.length;
  };

  const queue = new PQueue({ concurrency: Math.max(concurrency, threadBudget + 1) });
  await Promise.all(
    sources.map((source) =>
      queue.add(async () => {
        let paragraphs = 0;
        try {
          paragraphs = await ingestOne(source);
        } catch (error) {
          report.failures.push(asFailure(source.name, error));
        }
        progress?.sourceDone(paragraphs);
      }),
    ),
  );
  await pool?.close();
  await sink.flush();
  progress?.finish();
  if (options.prune) {
    report.pruned = await pruneGone(engine, folders, new Set(sources.map((source) => source.statementId)));
  }
  // Asked after every run, writes or not: a run killed or locked out before its merge leaves it due.
  const started = performance.now();
  try {
    if (await engine.optimize()) {
      report.optimizedSeconds = (performance.now() - started) / 1000;
      progress?.step(`reorganised the index for searching in ${report.optimizedSeconds.toFixed(1)} s`);
    }
  } catch (error) {
    // The statements are committed; the reorganisation stays due for the next run.
    report.optimizeFailure = asFailure('the index', error).reason;
  }
  report.failures.sort((a, b) => (a.source < b.source ? -1 : a.source > b.source ? 1 : 0));
  return report;
}
