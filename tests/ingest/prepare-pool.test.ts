import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadFileSource } from '../../ingest/load-source.js';
import { fingerprintOf, prepareStatement } from '../../ingest/prepare.js';
import { PreparePool } from '../../ingest/prepare-pool.js';
import { AppError } from '../../src/errors.js';
import { seedPath, tempDataDir } from '../helpers/seed.js';

const options = { statementId: 'seed', path: 'corpus/000_f9833616b54a3226.txt', retrievedAt: new Date('2025-11-08T00:00:00Z') };
const dir = tempDataDir();
let pool: PreparePool;

beforeAll(() => {
  pool = new PreparePool(1);
});
afterAll(async () => {
  await pool.close();
  dir.cleanup();
});

describe('PreparePool', () => {
  it('prepares a file in its thread exactly as this thread does', async () => {
    const here = prepareStatement(await loadFileSource(seedPath), options);
    expect(here.documents).toHaveLength(11);
    expect(await pool.prepareFile(seedPath, null, options)).toEqual(here);
  });

  it('answers null for a file whose fingerprint the index already holds', async () => {
    const indexed = fingerprintOf(await loadFileSource(seedPath), options.path);
    expect(await pool.prepareFile(seedPath, indexed, options)).toBeNull();
    expect(await pool.prepareFile(seedPath, 'another fingerprint', options)).not.toBeNull();
  });

  // Regression: the damage checks ran around prepareStatement in the pipeline; they now run
  // inside it, so they must come back from the thread as errors with their codes.
  it.each([
    { file: 'empty.txt', bytes: Buffer.alloc(0), code: 'EMPTY_SOURCE', detail: /^the file is empty$/ },
    { file: 'photo.txt', bytes: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), code: 'UNREADABLE_SOURCE', detail: /^binary content/ },
    { file: 'cut.html', bytes: Buffer.from('<!DOCTYPE html><html><head><title>Cut'), code: 'UNREADABLE_SOURCE', detail: /^truncated HTML/ },
  ])('refuses $file with $code, across the thread', async ({ file, bytes, code, detail }) => {
    const path = join(dir.dir, file);
    writeFileSync(path, bytes);
    const refused = await pool.prepareFile(path, null, options).then(
      () => null,
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(AppError);
    expect(refused).toMatchObject({ code, detail: expect.stringMatching(detail) });
  });
});
