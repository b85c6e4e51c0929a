import type { StatementDocuments } from '../src/schema/document.js';
import { WorkerPool } from '../src/workers/worker-pool.js';
import type { RawSource } from './extracted.js';
import type { PrepareOptions } from './prepare.js';

export interface PrepareCall {
  raw: Omit<RawSource, 'bytes'> & { bytes: Uint8Array };
  options: Omit<PrepareOptions, 'retrievedAt'> & { retrievedAt: string };
}

const entry = new URL('./prepare-worker.ts', import.meta.url);

/**
 * `prepareStatement` in worker threads. Reading and annotating cost about as much CPU as
 * writing to SQLite; in threads they run beside the writes instead of before them.
 */
export class PreparePool {
  private readonly pool: WorkerPool<PrepareCall>;

  constructor(threads: number) {
    this.pool = new WorkerPool<PrepareCall>(entry, null, threads);
  }

  prepare(raw: RawSource, options: PrepareOptions): Promise<StatementDocuments> {
    return this.pool.call({ raw, options: { ...options, retrievedAt: options.retrievedAt.toISOString() } });
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}
