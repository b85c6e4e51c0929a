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
}

interface Pending {
  message: { id: number };
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
  /** Threads that died holding this call. */
  crashes: number;
}

const boot = new URL('./worker-boot.mjs', import.meta.url);

/** A call whose thread died this many times is refused: it is, most likely, what kills them. */
const MAX_CRASHES = 2;

/**
 * Threads that each run one module (`entry`) and answer calls in order. Calls go to the least
 * busy thread; an `AppError` thrown in a thread is rethrown here with its code; any other
 * failure becomes a plain error whose message stays in the logs.
 *
 * A thread that dies (an uncaught error, running out of memory) is started again, and the calls
 * it held are sent again, one at a time, so that one bad call cannot take the others down with
 * it: the call that kills a thread twice fails with `ENGINE_UNAVAILABLE`, the others are answered.
 * Until some thread has answered once the module may not load at all: a thread that dies then
 * is dropped with its calls, not restarted in a loop; with no thread left, calls fail at once.
 */
export class WorkerPool<Call extends object> {
  private readonly slots: Slot[] = [];
  private readonly pending = new Map<number, Pending>();
  private readonly resending: Pending[] = [];
  private resendingNow: number | null = null;
  private nextId = 0;
  private loaded = false;
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
    return this.loaded;
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
    const slot: Slot = { worker, calls: new Set() };
    let failure: unknown = null;
    worker.on('message', (reply: WorkerReply) => {
      this.loaded = true;
      slot.calls.delete(reply.id);
      if (slot.calls.size === 0) worker.unref();
      this.settle(reply);
    });
    worker.on('error', (error) => {
      failure = error;
    });
    worker.on('exit', (exitCode) => {
      if (!this.closing) this.died(slot, failure ?? new Error(`the thread exited with code ${exitCode}`));
    });
    worker.unref();
    return slot;
  }

  private died(slot: Slot, cause: unknown): void {
    const index = this.slots.indexOf(slot);
    if (index !== -1) {
      if (this.loaded) this.slots[index] = this.start();
      else this.slots.splice(index, 1);
    }
    for (const id of slot.calls) {
      const call = this.pending.get(id);
      if (!call) continue;
      this.pending.delete(id);
      if (id === this.resendingNow) this.resendingNow = null;
      call.crashes += 1;
      if (this.loaded && call.crashes < MAX_CRASHES) this.resending.push(call);
      else call.reject(new AppError('ENGINE_UNAVAILABLE', 'a worker thread failed', { cause }));
    }
    this.resendNext();
  }

  /** Sends again the next call a dead thread held, once the one before it is answered. */
  private resendNext(): void {
    if (this.resendingNow !== null) return;
    const call = this.resending.shift();
    if (!call) return;
    const target = this.leastBusy();
    if (!target) {
      call.reject(new AppError('ENGINE_UNAVAILABLE', 'no worker thread is running'));
      return this.resendNext();
    }
    this.resendingNow = call.message.id;
    this.send(call, target);
  }

  private settle(reply: WorkerReply): void {
    const pending = this.pending.get(reply.id);
    this.pending.delete(reply.id);
    if (reply.id === this.resendingNow) {
      this.resendingNow = null;
      this.resendNext();
    }
    if (!pending) return;
    if (reply.ok) return pending.resolve(reply.result);
    const { code = 'INTERNAL', detail = 'a worker thread failed', extra = {} } = reply.error ?? {};
    pending.reject(code === 'INTERNAL' ? new Error(detail) : new AppError(code as ErrorCode, detail, { extra }));
  }

  private send(call: Pending, slot: Slot): void {
    this.pending.set(call.message.id, call);
    slot.calls.add(call.message.id);
    slot.worker.ref();
    slot.worker.postMessage(call.message);
  }

  /** Runs one call on the least busy thread, or on `slot` (to reach every thread, as settings changes must). */
  call<T>(call: Call, slot?: number): Promise<T> {
    const target = slot === undefined ? this.leastBusy() : this.slots[slot];
    if (!target) return Promise.reject(new AppError('ENGINE_UNAVAILABLE', 'no worker thread is running'));
    const id = (this.nextId += 1);
    return new Promise<T>((resolve, reject) => {
      this.send({ message: { ...call, id }, resolve: resolve as (value: unknown) => void, reject, crashes: 0 }, target);
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
