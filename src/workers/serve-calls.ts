import { parentPort, workerData } from 'node:worker_threads';
import { isAppError } from '../errors.js';
import type { WorkerReply } from './worker-pool.js';

/** What the pool handed this thread when it started it. */
export const threadData = (): unknown => (workerData as { data: unknown }).data;

const failure = (id: number, error: unknown): WorkerReply => ({
  id,
  ok: false,
  error: isAppError(error)
    ? { code: error.code, detail: error.detail, extra: error.extra }
    : { code: 'INTERNAL', detail: error instanceof Error ? (error.stack ?? error.message) : String(error), extra: {} },
});

/**
 * Answers every call the pool sends this thread with `handle`, errors included. A handler that
 * returns a promise (one that reads files) is answered when it settles; calls may overlap then.
 */
export function serveCalls<Call extends object>(handle: (call: Call) => unknown): void {
  const reply = (message: WorkerReply): void => parentPort?.postMessage(message);
  parentPort?.on('message', (message: Call & { id: number }) => {
    const { id } = message;
    let result: unknown;
    try {
      result = handle(message);
    } catch (error) {
      return reply(failure(id, error));
    }
    if (result instanceof Promise) {
      void result.then(
        (value: unknown) => reply({ id, ok: true, result: value }),
        (error: unknown) => reply(failure(id, error)),
      );
    } else {
      reply({ id, ok: true, result });
    }
  });
}
