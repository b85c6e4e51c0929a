import { afterEach, describe, expect, it } from 'vitest';
import { WorkerPool } from '../../src/workers/worker-pool.js';
import type { TestCall } from './fixtures/calls-worker.js';

const callsWorker = new URL('./fixtures/calls-worker.ts', import.meta.url);
const brokenWorker = new URL('./fixtures/broken-worker.ts', import.meta.url);

const pools: WorkerPool<TestCall>[] = [];
const poolOf = (entry: URL, data: unknown, threads: number) => {
  const pool = new WorkerPool<TestCall>(entry, data, threads);
  pools.push(pool);
  return pool;
};
afterEach(async () => {
  await Promise.all(pools.splice(0).map((pool) => pool.close()));
});

const failureOf = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: { code?: string; detail?: string }) => ({ code: error.code, detail: error.detail }),
  );

describe('WorkerPool', () => {
  it('answers calls with what its thread returns', async () => {
    const pool = poolOf(callsWorker, { answer: 42 }, 1);
    expect(await pool.call({ method: 'data' })).toEqual({ answer: 42 });
  });

  it.each([
    ['an uncaught error', 'crash'],
    ['an exit', 'exit'],
  ] as const)('fails only the call a thread held when it dies of %s, and answers the next from a new thread', async (_, method) => {
    const pool = poolOf(callsWorker, 'first', 1);
    expect(await pool.call({ method: 'data' })).toBe('first');
    expect(await failureOf(pool.call({ method }))).toEqual({ code: 'ENGINE_UNAVAILABLE', detail: 'a worker thread failed' });
    expect(pool.size).toBe(1);
    expect(await pool.call({ method: 'data' })).toBe('first');
  });

  // Regression: one call that killed its thread failed every call queued on it with it.
  it('answers the calls queued on a thread beside the call that kills it, and fails only that one', async () => {
    const pool = poolOf(callsWorker, null, 1);
    await pool.call({ method: 'data' });
    const queued = [1, 2, 3, 4, 5].map(() => pool.call({ method: 'slow', ms: 50 }));
    const killer = failureOf(pool.call({ method: 'crash' }));
    expect(await Promise.all(queued)).toEqual(Array(5).fill('slow done'));
    expect(await killer).toEqual({ code: 'ENGINE_UNAVAILABLE', detail: 'a worker thread failed' });
  });

  // Regression: a restarted thread counted as one that never loaded, and its next death dropped it.
  it('starts a thread again however many times it dies', async () => {
    const pool = poolOf(callsWorker, 'data', 1);
    await pool.call({ method: 'data' });
    for (let i = 0; i < 3; i += 1) {
      expect(await failureOf(pool.call({ method: 'crash' }))).toMatchObject({ code: 'ENGINE_UNAVAILABLE' });
      expect(pool.size).toBe(1);
    }
    expect(await pool.call({ method: 'data' })).toBe('data');
  });

  it('keeps the calls of its other threads running while one dies', async () => {
    const pool = poolOf(callsWorker, null, 2);
    await Promise.all([pool.call({ method: 'data' }, 0), pool.call({ method: 'data' }, 1)]);
    const slow = pool.call({ method: 'slow', ms: 300 }, 0);
    expect(await failureOf(pool.call({ method: 'crash' }, 1))).toMatchObject({ code: 'ENGINE_UNAVAILABLE' });
    expect(await slow).toBe('slow done');
  });

  it('starts a dead thread again with the data it was last given', async () => {
    const pool = poolOf(callsWorker, 'old settings', 1);
    await pool.call({ method: 'data' });
    pool.useWorkerData('new settings');
    await failureOf(pool.call({ method: 'exit' }));
    expect(await pool.call({ method: 'data' })).toBe('new settings');
  });

  it('drops a thread that dies before it ever answers, and then fails calls at once', async () => {
    const pool = poolOf(brokenWorker, null, 1);
    expect(await failureOf(pool.call({ method: 'data' }))).toEqual({ code: 'ENGINE_UNAVAILABLE', detail: 'a worker thread failed' });
    expect(pool.size).toBe(0);
    expect(await failureOf(pool.call({ method: 'data' }))).toEqual({ code: 'ENGINE_UNAVAILABLE', detail: 'no worker thread is running' });
  });
});
