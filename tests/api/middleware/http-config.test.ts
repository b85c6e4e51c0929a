import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.js';
import { AppError } from '../../../src/errors.js';

/** The configuration keys the HTTP middleware reads: CORS, rate limit, handler timeout, log level. */
const problemsOf = (env: Record<string, string>): string[] => {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof AppError && error.code === 'INVALID_CONFIG') return error.extra['problems'] as string[];
    throw error;
  }
  return [];
};

describe('HTTP configuration', () => {
  it('defaults to no CORS, 600 requests a minute, a 10 s handler timeout and info logs', () => {
    expect(loadConfig({})).toMatchObject({
      http: { corsOrigins: [], rateLimitPerMinute: 600, requestTimeoutMs: 10_000 },
      logLevel: 'info',
    });
  });

  it.each([
    ['*', '*'],
    ['https://dashboard.example.org', ['https://dashboard.example.org']],
    [' https://a.example , http://localhost:5173,', ['https://a.example', 'http://localhost:5173']],
    ['', []],
  ])('reads CORS_ORIGINS=%j', (value, expected) => {
    expect(loadConfig({ CORS_ORIGINS: value }).http.corsOrigins).toEqual(expected);
  });

  it('reads RATE_LIMIT_PER_MINUTE=0 as no limit', () => {
    expect(loadConfig({ RATE_LIMIT_PER_MINUTE: '0' }).http.rateLimitPerMinute).toBe(0);
  });

  it.each([
    ['CORS_ORIGINS', 'dashboard.example.org'],
    ['CORS_ORIGINS', 'https://dashboard.example.org/'],
    ['CORS_ORIGINS', 'https://a.example/app'],
    ['CORS_ORIGINS', '*,https://a.example'],
    ['RATE_LIMIT_PER_MINUTE', '-1'],
    ['RATE_LIMIT_PER_MINUTE', 'lots'],
    ['RATE_LIMIT_PER_MINUTE', '1.5'],
    ['REQUEST_TIMEOUT_MS', '0'],
    ['LOG_LEVEL', 'loud'],
  ])('refuses %s=%s, naming the key', (key, value) => {
    const problems = problemsOf({ [key]: value });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(new RegExp(`^${key}: `));
  });

  it('names the bad origins and reports every bad key at once', () => {
    const problems = problemsOf({ CORS_ORIGINS: 'https://ok.example,nope,https://x.example/', RATE_LIMIT_PER_MINUTE: 'many' });
    expect(problems).toHaveLength(2);
    expect(problems[0]).toContain('nope, https://x.example/');
    expect(problems[0]).not.toContain('https://ok.example,');
    expect(problems[1]).toMatch(/^RATE_LIMIT_PER_MINUTE: /);
  });
});
