import autocannon from 'autocannon';
import { summarise, type Latency } from './stats.js';

export interface LoadResult {
  connections: number;
  /** 2xx answers. */
  requests: number;
  perSecond: number;
  /** Client-side latency of the 2xx answers, exact (autocannon's own histogram rounds to whole ms). */
  latency: Latency;
  /** Non-2xx answers, connection errors and timeouts: a clean run has none. */
  failed: number;
}

/**
 * Sends GET `paths` in rotation to `base` from `connections` keep-alive connections for
 * `seconds`, and times every answer.
 */
export function load(base: string, paths: string[], connections: number, seconds: number): Promise<LoadResult> {
  const latencies: number[] = [];
  let next = 0;
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: base,
        connections,
        duration: seconds,
        requests: [{ method: 'GET', setupRequest: (request) => ({ ...request, path: paths[next++ % paths.length] ?? '/' }) }],
      },
      (error: unknown, result) => {
        if (error) {
          reject(error instanceof Error ? error : new Error(String(error)));
          return;
        }
        resolve({
          connections,
          requests: latencies.length,
          perSecond: latencies.length / result.duration,
          latency: summarise(latencies),
          failed: result.non2xx + result.errors + result.timeouts,
        });
      },
    );
    instance.on('response', (_client, status, _bytes, responseTime) => {
      if (status >= 200 && status < 300) latencies.push(responseTime);
    });
  });
}
