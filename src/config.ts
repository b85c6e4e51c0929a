import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { AppError } from './errors.js';

const emptyAsUndefined = (value: unknown) => (value === '' ? undefined : value);

export const LogLevel = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);
export type LogLevel = z.infer<typeof LogLevel>;

/** `*`, or comma-separated origins (`https://a.example,http://localhost:5173`); unset means no CORS headers. */
const CorsOrigins = z.string().transform((value, ctx): '*' | string[] => {
  if (value.trim() === '*') return '*';
  const origins = value.split(',').map((origin) => origin.trim()).filter(Boolean);
  // An origin is scheme://host[:port] exactly: a path, a trailing slash or a bare host never matches a browser's Origin.
  const bad = origins.filter((origin) => !URL.canParse(origin) || new URL(origin).origin !== origin);
  if (bad.length > 0) {
    ctx.addIssue({ code: 'custom', input: value, message: `not an origin (scheme://host[:port], or * alone): ${bad.join(', ')}` });
    return z.NEVER;
  }
  return origins;
});

/** What `npm start` ingests unless told otherwise: the corpus the project ships. */
const bundledCorpus = fileURLToPath(new URL('../corpus/', import.meta.url));

/**
 * Comma-separated files and folders; empty for none (an API in front of an index a separate
 * worker fills). Not `emptyAsUndefined`: there empty would mean the default.
 */
const StartIngest = z
  .string()
  .default(bundledCorpus)
  .transform((value) => value.split(',').map((path) => path.trim()).filter(Boolean));

const ConfigSchema = z.object({
  PORT: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(0).max(65535).default(8080)),
  HOST: z.preprocess(emptyAsUndefined, z.string().default('0.0.0.0')),
  DATA_DIR: z.preprocess(emptyAsUndefined, z.string().default('./data')),
  MEILI_URL: z.preprocess(emptyAsUndefined, z.url().optional()),
  MEILI_API_KEY: z.preprocess(emptyAsUndefined, z.string().optional()),
  MEILI_INDEX: z.preprocess(emptyAsUndefined, z.string().regex(/^[A-Za-z0-9_-]+$/).default('statements')),
  ADMIN_TOKEN: z.preprocess(emptyAsUndefined, z.string().min(16, 'ADMIN_TOKEN must be at least 16 characters').optional()),
  CORS_ORIGINS: z.preprocess(emptyAsUndefined, CorsOrigins.optional()),
  RATE_LIMIT_PER_MINUTE: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(0).max(1_000_000).default(600)),
  REQUEST_TIMEOUT_MS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(100).max(600_000).default(10_000)),
  LOG_LEVEL: z.preprocess(emptyAsUndefined, LogLevel.default('info')),
  SEARCH_THREADS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(0).max(16).default(2)),
  START_INGEST: StartIngest,
});

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  engine: { kind: 'embedded'; dataDir: string; searchThreads: number } | { kind: 'meilisearch'; url: string; apiKey: string | null; indexUid: string };
  adminToken: string | null;
  http: HttpPolicy;
  logLevel: LogLevel;
  /** Files and folders to ingest before serving; unchanged statements are skipped. */
  startIngest: string[];
}

/** What the API enforces per request, beyond its routes. */
export interface HttpPolicy {
  /** `[]`: no CORS headers at all. */
  corsOrigins: '*' | string[];
  /** Requests a minute per client IP, with bursts up to the same number; 0 disables the limit. */
  rateLimitPerMinute: number;
  /** A handler still busy after this long answers 504 `REQUEST_TIMEOUT` (streamed exports excepted). */
  requestTimeoutMs: number;
}

/**
 * Reads the environment once. Every bad key is reported together, so a deploy fails
 * with the whole list rather than one key per restart.
 */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const parsed = ConfigSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new AppError('INVALID_CONFIG', problems.join('; '), { extra: { problems } });
  }
  const e = parsed.data;
  const dataDir = resolve(e.DATA_DIR);
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir,
    engine: e.MEILI_URL
      ? { kind: 'meilisearch', url: e.MEILI_URL, apiKey: e.MEILI_API_KEY ?? null, indexUid: e.MEILI_INDEX }
      : { kind: 'embedded', dataDir, searchThreads: e.SEARCH_THREADS },
    adminToken: e.ADMIN_TOKEN ?? null,
    http: {
      corsOrigins: e.CORS_ORIGINS ?? [],
      rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
      requestTimeoutMs: e.REQUEST_TIMEOUT_MS,
    },
    logLevel: e.LOG_LEVEL,
    startIngest: e.START_INGEST,
  };
}
