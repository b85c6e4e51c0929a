import { resolve } from 'node:path';
import { z } from 'zod';
import { AppError } from './errors.js';

const emptyAsUndefined = (value: unknown) => (value === '' ? undefined : value);

const ConfigSchema = z.object({
  PORT: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(0).max(65535).default(8080)),
  HOST: z.preprocess(emptyAsUndefined, z.string().default('0.0.0.0')),
  DATA_DIR: z.preprocess(emptyAsUndefined, z.string().default('./data')),
  MEILI_URL: z.preprocess(emptyAsUndefined, z.url().optional()),
  MEILI_API_KEY: z.preprocess(emptyAsUndefined, z.string().optional()),
  MEILI_INDEX: z.preprocess(emptyAsUndefined, z.string().regex(/^[A-Za-z0-9_-]+$/).default('statements')),
  ADMIN_TOKEN: z.preprocess(emptyAsUndefined, z.string().min(16, 'ADMIN_TOKEN must be at least 16 characters').optional()),
});

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  engine: { kind: 'embedded'; dataDir: string } | { kind: 'meilisearch'; url: string; apiKey: string | null; indexUid: string };
  adminToken: string | null;
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
      : { kind: 'embedded', dataDir },
    adminToken: e.ADMIN_TOKEN ?? null,
  };
}
