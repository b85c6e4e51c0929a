import { spawnSync } from 'node:child_process';
import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { projectRoot, seedPath, tempDataDir } from '../helpers/seed.js';

const data = tempDataDir();
const sources = tempDataDir();
afterAll(() => {
  data.cleanup();
  sources.cleanup();
});

const ingest = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'ingest/cli.ts', ...args], {
    cwd: projectRoot,
    env: { ...process.env, DATA_DIR: data.dir },
    encoding: 'utf8',
  });

describe('npm run ingest', () => {
  it('prints a summary, one line per failed source, and exits 1 when any failed', () => {
    copyFileSync(seedPath, join(sources.dir, 'seed.txt'));
    writeFileSync(join(sources.dir, 'empty.txt'), '');
    const run = ingest(sources.dir);
    expect(run.stdout).toContain('ingested 1 statement (11 paragraphs), 0 unchanged, 1 failed, of 2 sources');
    expect(run.stdout).toMatch(/failed: .*empty\.txt: the file is empty \[EMPTY_SOURCE\]/);
    expect(run.stderr).not.toMatch(/at .*\.ts:\d+/);
    expect(run.status).toBe(1);
  }, 30_000);

  it('exits 0 when every source went in, and 2 with usage when given nothing', () => {
    expect(ingest(join(sources.dir, 'seed.txt')).status).toBe(0);
    const usage = ingest();
    expect(usage.status).toBe(2);
    expect(usage.stderr).toContain('usage: npm run ingest -- <file|folder>...');
  }, 30_000);
});
