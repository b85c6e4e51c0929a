import PQueue from 'p-queue';
import pRetry, { AbortError } from 'p-retry';
import { AppError } from '../../src/errors.js';
import type { RawSource } from '../extracted.js';
import { MAX_SOURCE_BYTES } from '../load-source.js';
import { HostLimiter, type HostLimits } from './host-limiter.js';
import { readBody } from './read-body.js';

/** Who is asking, and where to read about it: sites that log or block crawlers can tell us apart. */
export const USER_AGENT = 'Communique/0.1 (+https://github.com/communique; statements search)';

export interface FetchOptions {
  /** Requests in flight across every host. */
  concurrency: number;
  perHost: HostLimits;
  /** Per attempt, from connecting to the last byte of the body. */
  timeoutMs: number;
  /** Attempts after the first, on 5xx answers, network errors and timeouts; never on 4xx. */
  retries: number;
  /** The wait before the first retry; doubled (with jitter) before each next one. */
  retryDelayMs: number;
  maxBytes: number;
}

export const defaultFetchOptions: FetchOptions = {
  concurrency: 4,
  perHost: { concurrency: 2, requestsPerSecond: 2 },
  timeoutMs: 30_000,
  retries: 3,
  retryDelayMs: 1000,
  maxBytes: MAX_SOURCE_BYTES,
};

export interface Fetcher {
  /** The page at `url` as a raw source named by its URL; rejects with an AppError FETCH_FAILED that says why. */
  fetchSource(url: string): Promise<RawSource>;
}

const NETWORK_REASONS: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host not found (DNS lookup failed)',
  ETIMEDOUT: 'connection timed out',
  EHOSTUNREACH: 'host unreachable',
  UND_ERR_SOCKET: 'connection closed before the page was complete',
  UND_ERR_CONNECT_TIMEOUT: 'connection timed out',
};

/** A request that got no answer, with the URL it was for: after a redirect, not the one asked for. */
class RequestFailure extends Error {
  constructor(
    readonly url: string,
    readonly redirected: boolean,
    cause: unknown,
  ) {
    super(cause instanceof Error ? cause.message : String(cause), { cause });
  }
}

/** Why a request or its body failed: `connection refused`, or fetch's own refusal of the port of `url`. */
function networkReason(error: unknown, url: string): string {
  if (error instanceof TypeError && error.cause instanceof Error) {
    if (error.cause.message === 'bad port') return `port ${new URL(url).port} is one fetch never connects to (reserved for another protocol)`;
    const code = (error.cause as NodeJS.ErrnoException).code;
    return (code && NETWORK_REASONS[code]) ?? error.cause.message;
  }
  return error instanceof Error ? error.message : String(error);
}

/** A failure as one readable reason: `HTTP 404 Not Found`, `timed out after 30 s (4 attempts)`. */
function describeFailure(url: string, error: unknown, attempts: number, timeoutMs: number): string {
  const tries = attempts > 1 ? ` (${attempts} attempts)` : '';
  const failure = error instanceof RequestFailure ? error : null;
  const cause = failure ? failure.cause : error;
  if (cause instanceof Error && cause.name === 'TimeoutError') return `timed out after ${timeoutMs / 1000} s${tries}`;
  const reason = networkReason(cause, failure?.url ?? url);
  return `${failure?.redirected ? `redirected to ${failure.url}, where ${reason}` : reason}${tries}`;
}

/** What fetch itself follows: at most 20 redirects, each a 301, 302, 303, 307 or 308 with a Location. */
const MAX_REDIRECTS = 20;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/**
 * One request, following redirects here rather than in fetch, so that a failure names the URL it
 * happened at: a redirect to a port fetch refuses was reported as the first URL's port.
 */
async function request(url: string, signal: AbortSignal): Promise<Response> {
  let current = url;
  for (let hops = 0; ; hops += 1) {
    const response = await fetch(current, {
      headers: { 'user-agent': USER_AGENT, accept: 'text/html,application/xhtml+xml,text/markdown,text/plain;q=0.9,*/*;q=0.5' },
      redirect: 'manual',
      signal,
    }).catch((error: unknown) => {
      const failure = new RequestFailure(current, current !== url, error);
      // A network error without a system error code is fetch's own refusal (a blocked port such as
      // 9 or 25): it says the same on every attempt, so it is not retried.
      if (error instanceof TypeError && error.cause instanceof Error && !(error.cause as NodeJS.ErrnoException).code) throw new AbortError(failure);
      throw failure;
    });
    const location = response.headers.get('location');
    if (!REDIRECTS.has(response.status) || location === null) return response;
    await response.body?.cancel();
    if (hops === MAX_REDIRECTS) throw new AbortError(`more than ${MAX_REDIRECTS} redirects`);
    const next = URL.parse(location, current);
    if (next === null || (next.protocol !== 'http:' && next.protocol !== 'https:')) throw new AbortError(`redirected to ${location}, not an http(s) URL`);
    current = next.href;
  }
}

/** One attempt: the page's bytes and Content-Type, or an error p-retry retries (5xx, network) or not (AbortError). */
async function fetchOnce(url: string, options: FetchOptions): Promise<RawSource> {
  const response = await request(url, AbortSignal.timeout(options.timeoutMs));
  if (!response.ok) {
    await response.body?.cancel();
    const status = `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
    // A 5xx may pass; a 4xx (or a 3xx without a Location) will say the same again.
    if (response.status >= 500) throw new Error(status);
    throw new AbortError(status);
  }
  const bytes = await readBody(response, options.maxBytes);
  return { name: url, bytes, sidecar: { url }, contentType: response.headers.get('content-type') };
}

/**
 * Fetches pages politely: at most `concurrency` requests at once, and per host its own
 * concurrency and rate; each attempt has a timeout; 5xx answers, network errors and
 * timeouts are retried with exponential backoff, 4xx answers are not; bodies over
 * `maxBytes` are refused without being read whole.
 *
 * @example
 * const page = await createFetcher().fetchSource('https://www.mfa.gov.by/en/press/news_mfa/abc/');
 * prepareStatement(page, { statementId: statementId(page.name), path: null, retrievedAt: new Date() });
 */
export function createFetcher(overrides: Partial<FetchOptions> = {}): Fetcher {
  const options: FetchOptions = { ...defaultFetchOptions, ...overrides };
  const inFlight = new PQueue({ concurrency: options.concurrency });
  const hosts = new HostLimiter(options.perHost);
  return {
    async fetchSource(url) {
      const host = new URL(url).host;
      let attempts = 0;
      try {
        // Every attempt, retries included, waits its turn for the host: a retry is a request too.
        return await pRetry(
          () =>
            hosts.run(host, () =>
              inFlight.add(() => {
                attempts += 1;
                return fetchOnce(url, options);
              }),
            ),
          { retries: options.retries, minTimeout: options.retryDelayMs, factor: 2, randomize: true },
        );
      } catch (error) {
        throw new AppError('FETCH_FAILED', describeFailure(url, error, attempts, options.timeoutMs), { cause: error });
      }
    },
  };
}
