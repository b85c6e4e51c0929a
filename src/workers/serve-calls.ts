import { parentPort, workerData } from 'node:worker_threads';
import { isAppError } from '../errors.js';
import type { WorkerReply } from './worker-pool.js';

/** What the pool handed this thread when it started it. */
export const threadData = (): unknown => (workerData as { data: unknown }).data;

/** Answers every call the pool sends this thread with `handle`, errors included. */
export function serveCalls<Call extends object>(handle: (call: Call) => unknown): void {
  parentPort?.on('message', (message: Call & { id: number }) => {
    let reply: WorkerReply;
    try {
      reply = { id: message.id, ok: true, result: handle(message) };
    } catch (error) {
      reply = {
        id: message.id,
        ok: false,
        error: isAppError(error)
          ? { code: error.code, detail: error.detail, extra: error.extra }
          : { code: 'INTERNAL', detail: error instanceof Error ? (error.stack ?? error.message) : String(error), extra: {} },
      };
    }
    parentPort?.postMessage(reply);
  });
}
