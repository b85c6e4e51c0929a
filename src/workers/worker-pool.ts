import { Worker } from 'node:worker_threads';
import { AppError, type ErrorCode } from '../errors.js';

export interface WorkerReply {
  id: number;
  ok: boolean;
  result?: unknown;
  error?: { code: string; detail: string; extra: Record<string, unknown> };
}

interface Slot {
  worker: Worker;
  busy: number;
}

const boot = new URL('./worker-boot.mjs', import.meta.url);

/**
 * Threads that each run one module (`entry`) and answer calls in order. Calls go to the least
 * busy thread; an `AppError` thrown in a thread is rethrown here with its code; any other
 * failure becomes a plain error whose message stays in the logs.
 */
export class WorkerPool<Call extends object> {
  private readonly slots: Slot[] = [];
  private readonly pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: unknown) => void }>();
  private nextId = 0;

  constructor(entry: URL, workerData: unknown, threads: number) {
    for (let i = 0; i < threads; i += 1) {
      const worker = new Worker(boot, { workerData: { entry: entry.href, data: workerData } });
      const slot = { worker, busy: 0 };
      worker.on('message', (reply: WorkerReply) => {
        slot.busy -= 1;
        if (slot.busy === 0) worker.unref();
        this.settle(reply);
      });
      worker.on('error', (error) => this.failAll(error));
      worker.unref();
      this.slots.push(slot);
    }
  }

  get size(): number {
    return this.slots.length;
  }

  private settle(reply: WorkerReply): void {
    const pending = this.pending.get(reply.id);
    this.pending.delete(reply.id);
    if (!pending) return;
    if (reply.ok) return pending.resolve(reply.result);
    const { code = 'INTERNAL', detail = 'a worker thread failed', extra = {} } = reply.error ?? {};
    pending.reject(code === 'INTERNAL' ? new Error(detail) : new AppError(code as ErrorCode, detail, { extra }));
  }

  private failAll(error: unknown): void {
    for (const pending of this.pending.values()) {
      pending.reject(new AppError('ENGINE_UNAVAILABLE', 'a worker thread failed', { cause: error }));
    }
    this.pending.clear();
  }

  /** Runs one call on the least busy thread, or on `slot` (to reach every thread, as settings changes must). */
  call<T>(call: Call, slot?: number): Promise<T> {
    const target = slot === undefined ? this.leastBusy() : this.slots[slot];
    if (!target) return Promise.reject(new AppError('ENGINE_UNAVAILABLE', 'no worker thread is running'));
    const id = (this.nextId += 1);
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      target.busy += 1;
      target.worker.ref();
      target.worker.postMessage({ ...call, id });
    });
  }

  private leastBusy(): Slot | undefined {
    return this.slots.reduce<Slot | undefined>((best, slot) => (best === undefined || slot.busy < best.busy ? slot : best), undefined);
  }

  async close(): Promise<void> {
    await Promise.all(this.slots.map((slot) => slot.worker.terminate()));
    this.slots.length = 0;
  }
}
