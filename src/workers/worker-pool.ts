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
  /** Calls sent to this thread and not answered yet. */
  calls: Set<number>;
  /** Whether the thread has answered a call: one that dies before it ever does is not started again. */
  answered: boolean;
}

const boot = new URL('./worker-boot.mjs', import.meta.url);

/**
 * Threads that each run one module (`entry`) and answer calls in order. Calls go to the least
 * busy thread; an `AppError` thrown in a thread is rethrown here with its code; any other
 * failure becomes a plain error whose message stays in the logs.
 *
 * A thread that dies (an uncaught error, running out of memory) fails only the calls it held,
 * with `ENGINE_UNAVAILABLE`, and is started again, so later calls are answered instead of
 * waiting forever on a thread that is gone. One that dies before it ever answered (a module
 * that cannot load) is dropped instead of restarted in a loop; with no thread left, calls fail
 * at once.
 */
export class WorkerPool<Call extends object> {
  private readonly slots: Slot[] = [];
  private readonly pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: unknown) => void }>();
  private nextId = 0;
  private closing = false;

  constructor(
    private readonly entry: URL,
    private workerData: unknown,
    threads: number,
  ) {
    for (let i = 0; i < threads; i += 1) this.slots.push(this.start());
  }

  /** Threads running now. */
  get size(): number {
    return this.slots.length;
  }

  /** Whether a thread has answered a call yet: until then they are still loading their modules. */
  get answered(): boolean {
    return this.slots.some((slot) => slot.answered);
  }

  /** Calls sent and not answered yet. */
  get inFlight(): number {
    return this.pending.size;
  }

  /** What threads started from now on are handed (settings changed since the pool started). */
  useWorkerData(workerData: unknown): void {
    this.workerData = workerData;
  }

  private start(): Slot {
    const worker = new Worker(boot, { workerData: { entry: this.entry.href, data: this.workerData } });
    const slot: Slot = { worker, calls: new Set(), answered: false };
    let failure: unknown = null;
    worker.on('message', (reply: WorkerReply) => {
      slot.answered = true;
      slot.calls.delete(reply.id);
      if (slot.calls.size === 0) worker.unref();
      this.settle(reply);
    });
    worker.on('error', (error) => {
      failure = error;
    });
    worker.on('exit', (exitCode) => {
      if (this.closing) return;
      for (const id of slot.calls) {
        const cause = failure ?? new Error(`the thread exited with code ${exitCode}`);
        this.pending.get(id)?.reject(new AppError('ENGINE_UNAVAILABLE', 'a worker thread failed', { cause }));
        this.pending.delete(id);
      }
      const index = this.slots.indexOf(slot);
      if (index === -1) return;
      if (slot.answered) this.slots[index] = this.start();
      else this.slots.splice(index, 1);
    });
    worker.unref();
    return slot;
  }

  private settle(reply: WorkerReply): void {
    const pending = this.pending.get(reply.id);
    this.pending.delete(reply.id);
    if (!pending) return;
    if (reply.ok) return pending.resolve(reply.result);
    const { code = 'INTERNAL', detail = 'a worker thread failed', extra = {} } = reply.error ?? {};
    pending.reject(code === 'INTERNAL' ? new Error(detail) : new AppError(code as ErrorCode, detail, { extra }));
  }

  /** Runs one call on the least busy thread, or on `slot` (to reach every thread, as settings changes must). */
  call<T>(call: Call, slot?: number): Promise<T> {
    const target = slot === undefined ? this.leastBusy() : this.slots[slot];
    if (!target) return Promise.reject(new AppError('ENGINE_UNAVAILABLE', 'no worker thread is running'));
    const id = (this.nextId += 1);
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      target.calls.add(id);
      target.worker.ref();
      target.worker.postMessage({ ...call, id });
    });
  }

  private leastBusy(): Slot | undefined {
    return this.slots.reduce<Slot | undefined>((best, slot) => (best === undefined || slot.calls.size < best.calls.size ? slot : best), undefined);
  }

  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(this.slots.map((slot) => slot.worker.terminate()));
    this.slots.length = 0;
  }
}
