import PQueue from 'p-queue';

export interface HostLimits {
  /** Requests in flight to one host. */
  concurrency: number;
  /** Requests started per second to one host (a sliding window), so a site is never hammered. */
  requestsPerSecond: number;
}

/**
 * One queue per host (`host:port`), each with its own concurrency and rate limit, so a slow
 * or strict site holds back only its own requests.
 */
export class HostLimiter {
  private readonly queues = new Map<string, PQueue>();

  constructor(private readonly limits: HostLimits) {}

  run<T>(host: string, task: () => Promise<T>): Promise<T> {
    let queue = this.queues.get(host);
    if (queue === undefined) {
      queue = new PQueue({
        concurrency: this.limits.concurrency,
        // One start per 1/rate seconds: smooth, where intervalCap = rate per 1000 ms would allow bursts.
        intervalCap: 1,
        interval: Math.max(1, Math.round(1000 / this.limits.requestsPerSecond)),
        strict: true,
      });
      this.queues.set(host, queue);
    }
    return queue.add(task);
  }
}
