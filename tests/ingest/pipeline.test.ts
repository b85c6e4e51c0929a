import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ingestSources } from '../../ingest/pipeline.js';
import { openEmbeddedEngine } from '../../src/engine/embedded/embedded-engine.js';
import { loadIndexSettings } from '../../src/engine/settings.js';
import { corpusDir, seedPath, tempDataDir } from '../helpers/seed.js';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length > 0) cleanups.pop()?.();
});

function setup() {
  const data = tempDataDir();
  const sources = tempDataDir();
  cleanups.push(data.cleanup, sources.cleanup);
  return { engine: openEmbeddedEngine(data.dir, loadIndexSettings()), sources: sources.dir };
}

describe('ingestSources', () => {
  it('ingests the bundled corpus once, then skips it as unchanged', async () => {
    const { engine } = setup();
    const first = await ingestSources([corpusDir], engine);
    expect(first).toMatchObject({ sources: 1, indexed: 1, paragraphs: 11, unchanged: 0, failures: [] });
    const second = await ingestSources([corpusDir], engine);
    expect(second).toMatchObject({ sources: 1, indexed: 0, paragraphs: 0, unchanged: 1, failures: [] });
    expect(await engine.stats()).toEqual({ documents: 11, statements: 1 });
    await engine.close();
  });

  it('indexes a statement again when its metadata changes, replacing it whole', async () => {
    const { engine, sources } = setup();
    const text = join(sources, 'statement.txt');
    copyFileSync(seedPath, text);
    await ingestSources([text], engine);
    writeFileSync(join(sources, 'statement.meta.json'), JSON.stringify({ issuer: 'PK', date: '2025-11-08' }));
    const again = await ingestSources([text], engine);
    expect(again.indexed).toBe(1);
    const paragraphs = await engine.getStatement('statement');
    expect(paragraphs).toHaveLength(11);
    expect(paragraphs[0]).toMatchObject({ date: '2025-11-08', dateSource: 'metadata', issuer: 'PK' });
    await engine.close();
  });

  it('names each bad source with its reason and still ingests the good ones', async () => {
    const { engine, sources } = setup();
    copyFileSync(seedPath, join(sources, 'good.txt'));
    writeFileSync(join(sources, 'empty.txt'), '');
    writeFileSync(join(sources, 'blank.txt'), '\n\n   \n');
    writeFileSync(join(sources, 'binary.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]));
    writeFileSync(join(sources, 'sidecar.txt'), 'Some text.');
    writeFileSync(join(sources, 'sidecar.meta.json'), '{ not json');
    writeFileSync(join(sources, 'issuer.txt'), 'Some text.');
    writeFileSync(join(sources, 'issuer.meta.json'), JSON.stringify({ issuer: 'Atlantis' }));
    const report = await ingestSources([sources, join(sources, 'missing.txt')], engine);

    expect(report.indexed).toBe(1);
    const reasons = Object.fromEntries(report.failures.map((f) => [f.source.replace(`${sources}/`, ''), f.code]));
    expect(reasons).toEqual({
      'empty.txt': 'EMPTY_SOURCE',
      'blank.txt': 'EMPTY_SOURCE',
      'binary.txt': 'UNREADABLE_SOURCE',
      'sidecar.txt': 'INVALID_SIDECAR',
      'issuer.txt': 'INVALID_SIDECAR',
      'missing.txt': 'UNREADABLE_SOURCE',
    });
    expect(report.failures.find((f) => f.source.endsWith('missing.txt'))?.reason).toBe('no such file or folder');
    await engine.close();
  });

  it('refuses a second source that would take the same statement id, instead of overwriting the first', async () => {
    const { engine, sources } = setup();
    mkdirSync(join(sources, 'a'));
    mkdirSync(join(sources, 'b'));
    copyFileSync(seedPath, join(sources, 'a', 'same.txt'));
    writeFileSync(join(sources, 'b', 'same.txt'), 'A different statement.');
    const report = await ingestSources([sources], engine, { concurrency: 1 });
    expect(report.indexed).toBe(1);
    expect(report.failures).toHaveLength(1);
    expect(report.failures[0]?.reason).toMatch(/statement id "same" is already taken by .*a\/same\.txt/);
    await engine.close();
  });
});
