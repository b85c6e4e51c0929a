import type { StatementDocuments } from '../src/schema/document.js';
import { WorkerPool } from '../src/workers/worker-pool.js';
import type { RawSource } from './extracted.js';
import type { PrepareOptions } from './prepare.js';

type ThreadOptions = Omit<PrepareOptions, 'retrievedAt'> & { retrievedAt: string };

/** A file the thread reads itself, or a source already read (or fetched) by the caller. */
export type PrepareCall =
  | { file: string; indexed: string | null; options: ThreadOptions }
  | { raw: Omit<RawSource, 'bytes'> & { bytes: Uint8Array }; indexed: string | null; options: ThreadOptions };

const entry = new URL('./prepare-worker.ts', import.meta.url);

const forThread = (options: PrepareOptions): ThreadOptions => ({ ...options, retrievedAt: options.retrievedAt.toISOString() });

/**
 * `prepareStatement` in worker threads. Reading and annotating cost about as much CPU as
 * writing to SQLite; in threads they run beside the writes instead of before them.
 */
export class PreparePool {
  private readonly pool: WorkerPool<PrepareCall>;

  constructor(threads: number) {
    this.pool = new WorkerPool<PrepareCall>(entry, null, threads);
  }

  /**
   * Reads the file at `path` in a thread and prepares it; null when its fingerprint is `indexed`,
   * the one already in the index. The writing thread then spends no time on file reads.
   */
  prepareFile(path: string, indexed: string | null, options: PrepareOptions): Promise<StatementDocuments | null> {
    return this.pool.call({ file: path, indexed, options: forThread(options) });
  }

  /** Prepares a source already read (or fetched) in a thread; null when its fingerprint is `indexed`. */
  prepare(raw: RawSource, indexed: string | null, options: PrepareOptions): Promise<StatementDocuments | null> {
    return this.pool.call({ raw, indexed, options: forThread(options) });
  }

  /** Whether a thread has prepared anything yet: until then they are loading (about a second under tsx). */
  get ready(): boolean {
    return this.pool.answered;
  }

  /** Sources sent to the threads and not prepared yet. */
  get inFlight(): number {
    return this.pool.inFlight;
  }

  /** Threads running: none once every thread has died before it could answer. */
  get size(): number {
    return this.pool.size;
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}

/** Prepares one source into its statement's documents; errors are the `AppError`s of `prepareStatement`. */
export type PrepareWrite = (raw: RawSource, options: PrepareOptions) => Promise<StatementDocuments>;

/**
 * `prepareStatement` in one thread started at the first call, for a server's writes: annotating a
 * large statement takes a second or more of CPU, which in the server's thread would stall every
 * request meanwhile. Idle servers that never write start no thread.
 */
export function preparingThread(): { prepare: PrepareWrite; close(): Promise<void> } {
  let pool: PreparePool | null = null;
  return {
    async prepare(raw, options) {
      // A thread that died before it ever answered is not restarted by its pool: start a new pool.
      if (pool?.size === 0) await pool.close();
      if (pool === null || pool.size === 0) pool = new PreparePool(1);
      const prepared = await pool.prepare(raw, null, options);
      // Null means "unchanged", which only a fingerprint to compare with (none here) can say.
      if (prepared === null) throw new Error('the prepare thread found an unchanged source where none was indexed');
      return prepared;
    },
    close: () => pool?.close() ?? Promise.resolve(),
  };
}

