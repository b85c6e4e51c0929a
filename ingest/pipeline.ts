import { isUtf8 } from 'node:buffer';
import { relative, resolve } from 'node:path';
import iconv from 'iconv-lite';
import PQueue from 'p-queue';
import type { SearchEngine } from '../src/engine/engine.js';
import { AppError, isAppError } from '../src/errors.js';
import type { StatementDocuments } from '../src/schema/document.js';
import type { RawSource } from './extracted.js';
import { createFetcher, type FetchOptions, type Fetcher } from './fetch/fetch-source.js';
import { isHttpUrl, readUrlList } from './fetch/url-list.js';
import { listInput, loadFileSource } from './load-source.js';
import type { Progress } from './progress.js';
import { fingerprintOf, prepareStatement } from './prepare.js';
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
}

export interface IngestOptions {
  /** Sources read (and pages fetched) at once. */
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

interface Source {
  kind: 'file' | 'url';
  /** The path or URL, as failure lines name it. */
  name: string;
  statementId: string;
}

const reasonOf = (source: string, error: AppError): string =>
  // Some readers put the source in their message; the failure line names it already.
  error.detail.startsWith(`${source}: `) ? error.detail.slice(source.length + 2) : error.detail;

const asFailure = (source: string, error: unknown): IngestFailure =>
  isAppError(error)
    ? { source, code: error.code, reason: reasonOf(source, error) }
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
      const { folder, files } = await listInput(input);
      if (folder) folders.push({ path: resolve(input), files: new Set(files.map((file) => resolve(file))) });
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

// A whole HTML document (doctype or <html> first) that never closes its body or itself was cut
// off: a download that stopped, a copy that did not finish. Its text would be half a statement.
const WHOLE_DOCUMENT = /^(?:\u00ef\u00bb\u00bf|\u00ff\u00fe|\u00fe\u00ff)?\s*(?:<!--[^]*?-->\s*|<\?xml[^>]*>\s*)*<(?:!doctype\s+html|html)[\s>]/i;
const DOCUMENT_END = /<\/(?:body|html)\s*>/i;
const DECLARED_CHARSET = /<meta\b[^>]*?charset\s*=\s*["']?\s*([\w.:-]+)/i;
const END_WINDOW = 16 * 1024;

/**
 * Damage a reader would not notice: an HTML page cut off before its end, and an encoding
 * declared (by the Content-Type or a `<meta>`) that no decoder knows, on bytes that are not
 * UTF-8, which a guess would turn into plausible nonsense.
 */
function rejectDamaged(raw: RawSource): void {
  // latin1 keeps markup readable in any ASCII-compatible encoding; dropping NULs does the same for UTF-16.
  const text = (bytes: Buffer): string => bytes.toString('latin1').replaceAll('\u0000', '');
  const head = text(raw.bytes.subarray(0, 4096));
  const whole = WHOLE_DOCUMENT.test(head);
  if (whole && !DOCUMENT_END.test(text(raw.bytes.subarray(-END_WINDOW)))) {
    throw new AppError('UNREADABLE_SOURCE', 'truncated HTML: the page ends before </body> and </html>');
  }
  const declared = /;\s*charset\s*=\s*"?([\w.:-]+)/i.exec(raw.contentType ?? '')?.[1] ?? (whole ? DECLARED_CHARSET.exec(head)?.[1] : undefined);
  if (declared !== undefined && !iconv.encodingExists(declared) && !isUtf8(raw.bytes)) {
    throw new AppError('UNREADABLE_SOURCE', `unknown encoding "${declared}", and the bytes are not UTF-8`);
  }
}

/** U+FFFD in the text means bytes were decoded with the wrong charset: searches would miss those words. */
function rejectUndecodable(statement: StatementDocuments): void {
  const texts = [statement.documents[0]?.title ?? '', ...statement.documents.map((document) => document.text)];
  const count = texts.reduce((sum, text) => sum + (text.includes('\uFFFD') ? text.split('\uFFFD').length - 1 : 0), 0);
  if (count > 0) {
    throw new AppError(
      'UNREADABLE_SOURCE',
      `${count} character${count === 1 ? '' : 's'} could not be decoded: the declared charset does not match the bytes, or the encoding is unknown`,
    );
  }
}

/**
 * Ingests files, folders and http(s) URLs: every source is read or fetched, normalised,
 * annotated and written as whole statements. One bad source is reported and skipped; the
 * others still go in. Sources whose fingerprint is unchanged are not written again.
 */
export async function ingestSources(inputs: string[], engine: SearchEngine, options: IngestOptions = {}): Promise<IngestReport> {
  const report: IngestReport = { sources: 0, indexed: 0, paragraphs: 0, unchanged: 0, failures: [], pruned: [] };
  const { sources, folders } = await listSources(inputs, options.urlLists ?? [], (failure) => report.failures.push(failure));
  report.sources = sources.length + report.failures.length;
  const progress = options.progress?.(sources.length);
  const now = options.now ?? (() => new Date());
  const concurrency = options.concurrency ?? 4;
  const sink = new BatchSink(engine, {
    batchSize: options.batchSize ?? 1000,
    retries: 3,
    onWritten: (statements) => {
      report.indexed += statements.length;
      report.paragraphs += statements.reduce((sum, s) => sum + s.documents.length, 0);
    },
  });
  let fetcher: Fetcher | null = null;
  const threads = options.prepareThreads ?? 0;
  const pool = threads > 0 ? new PreparePool(threads) : null;

  /** Reads, checks and writes one source; the number of paragraphs it queued for writing. */
  const ingestOne = async (source: Source): Promise<number> => {
    const raw =
      source.kind === 'url'
        ? await (fetcher ??= createFetcher({ concurrency, ...options.fetch })).fetchSource(source.name)
        : await loadFileSource(source.name);
    rejectDamaged(raw);
    if ((await engine.fingerprints([source.statementId])).get(source.statementId) === fingerprintOf(raw)) {
      report.unchanged += 1;
      return 0;
    }
    const prepareOptions = {
      statementId: source.statementId,
      path: source.kind === 'file' ? displayPath(source.name) : null,
      retrievedAt: now(),
    };
    const statement = pool ? await pool.prepare(raw, prepareOptions) : prepareStatement(raw, prepareOptions);
    rejectUndecodable(statement);
    await sink.add(statement);
    return statement.documents.length;
  };

  const queue = new PQueue({ concurrency });
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
  report.failures.sort((a, b) => (a.source < b.source ? -1 : a.source > b.source ? 1 : 0));
  return report;
}
