import { copyFileSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadFileSource } from '../../ingest/load-source.js';
import { ingestSources } from '../../ingest/pipeline.js';
import { prepareStatement } from '../../ingest/prepare.js';
import { statementId } from '../../ingest/statement-id.js';
import { findGone } from '../../ingest/prune.js';
import { formatReport } from '../../ingest/report.js';
import { openEmbeddedEngine } from '../../src/engine/embedded/embedded-engine.js';
import { loadIndexSettings } from '../../src/engine/settings.js';
import { seedPath, tempDataDir } from '../helpers/seed.js';
import { copyStatement, seedStatement } from '../helpers/synthetic.js';
import { indexedStatementIds } from '../helpers/statement-ids.js';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length > 0) cleanups.pop()?.();
});

/** An index and a folder of sources: `a.txt`, `b.txt` and `sub/c.txt`, each its own statement. */
function setup() {
  const data = tempDataDir();
  const sources = tempDataDir();
  cleanups.push(data.cleanup, sources.cleanup);
  const folder = join(sources.dir, 'statements');
  mkdirSync(join(folder, 'sub'), { recursive: true });
  copyFileSync(seedPath, join(folder, 'a.txt'));
  writeFileSync(join(folder, 'b.txt'), 'Pakistan and Afghanistan met in Doha.');
  writeFileSync(join(folder, 'sub', 'c.txt'), 'Qatar and Türkiye mediated the talks.');
  return { engine: openEmbeddedEngine(data.dir, loadIndexSettings()), root: sources.dir, folder };
}

/** How provenance names a file: relative to the working folder of the ingest. */
const shown = (path: string): string => relative(process.cwd(), path);

describe('ingestSources with prune', () => {
  it('deletes the statements whose file is gone from the folder, and says which', async () => {
    const { engine, folder } = setup();
    await ingestSources([folder], engine);
    rmSync(join(folder, 'b.txt'));
    rmSync(join(folder, 'sub'), { recursive: true });

    const report = await ingestSources([folder], engine, { prune: true });
    expect(report).toMatchObject({ indexed: 0, unchanged: 1, failures: [] });
    expect(report.pruned).toEqual([
      { statementId: 'b', path: shown(join(folder, 'b.txt')) },
      { statementId: 'c', path: shown(join(folder, 'sub', 'c.txt')) },
    ]);
    expect(await indexedStatementIds(engine)).toEqual(['a']);
    expect(formatReport(report, { prune: true }).split('\n').slice(1)).toEqual([
      'pruned 2 statements whose source file is gone or has a new id',
      `pruned: ${shown(join(folder, 'b.txt'))} (statement b)`,
      `pruned: ${shown(join(folder, 'sub', 'c.txt'))} (statement c)`,
    ]);
    await engine.close();
  });

  it('never deletes without the flag', async () => {
    const { engine, folder } = setup();
    await ingestSources([folder], engine);
    rmSync(join(folder, 'b.txt'));
    const report = await ingestSources([folder], engine);
    expect(report.pruned).toEqual([]);
    expect(formatReport(report)).not.toMatch(/pruned/);
    expect(await indexedStatementIds(engine)).toEqual(['a', 'b', 'c']);
    await engine.close();
  });

  it('says so when there was nothing to prune', async () => {
    const { engine, folder } = setup();
    const report = await ingestSources([folder], engine, { prune: true });
    expect(report.pruned).toEqual([]);
    expect(formatReport(report, { prune: true }).split('\n').at(-1)).toBe('pruned 0 statements whose source file is gone or has a new id');
    await engine.close();
  });

  it('leaves statements from other folders, from files named one by one and from URLs alone', async () => {
    const { engine, root, folder } = setup();
    const other = join(root, 'other');
    mkdirSync(other);
    writeFileSync(join(other, 'd.txt'), 'Oman welcomed the ceasefire.');
    writeFileSync(join(root, 'e.txt'), 'Iran welcomed the ceasefire.');
    await ingestSources([folder, other, join(root, 'e.txt')], engine);
    rmSync(join(other, 'd.txt'));
    rmSync(join(root, 'e.txt'));

    // Neither `other` nor e.txt's folder is given: their statements are not this run's business.
    const report = await ingestSources([folder, join(folder, 'a.txt')], engine, { prune: true });
    expect(report.pruned).toEqual([]);
    expect(await indexedStatementIds(engine)).toEqual(['a', 'b', 'c', 'd', 'e']);
    await engine.close();
  });

  it('keeps a statement whose file moved to another folder of the same run, and indexes it with its new path', async () => {
    const { engine, root, folder } = setup();
    await ingestSources([folder], engine);
    const moved = join(root, 'moved');
    mkdirSync(moved);
    renameSync(join(folder, 'b.txt'), join(moved, 'b.txt'));

    const report = await ingestSources([folder, moved], engine, { prune: true });
    expect(report).toMatchObject({ indexed: 1, unchanged: 2, pruned: [] });
    expect(await indexedStatementIds(engine)).toEqual(['a', 'b', 'c']);
    expect((await engine.getStatement('b'))[0]?.source.path).toBe(shown(join(moved, 'b.txt')));
    await engine.close();
  });

  // Regression: the move went unnoticed ("unchanged"), the statement kept its old path, and a
  // later prune of the old folder deleted it although its file was there and indexed.
  it('keeps a statement whose file moved and was ingested from its new folder in an earlier run', async () => {
    const { engine, root, folder } = setup();
    await ingestSources([folder], engine);
    const moved = join(root, 'moved');
    mkdirSync(moved);
    renameSync(join(folder, 'b.txt'), join(moved, 'b.txt'));
    expect(await ingestSources([moved], engine)).toMatchObject({ indexed: 1 });
    expect((await ingestSources([folder], engine, { prune: true })).pruned).toEqual([]);
    expect(await indexedStatementIds(engine)).toEqual(['a', 'b', 'c']);
    await engine.close();
  });

  it('keeps a statement whose file is still there but cannot be read this time', async () => {
    const { engine, folder } = setup();
    await ingestSources([folder], engine);
    writeFileSync(join(folder, 'b.txt'), '');
    const report = await ingestSources([folder], engine, { prune: true });
    expect(report.failures).toMatchObject([{ source: join(folder, 'b.txt'), code: 'EMPTY_SOURCE' }]);
    expect(report.pruned).toEqual([]);
    expect(await indexedStatementIds(engine)).toEqual(['a', 'b', 'c']);
    await engine.close();
  });

  it('prunes nothing under a folder that is gone altogether: that is a failure, not an empty folder', async () => {
    const { engine, folder } = setup();
    await ingestSources([folder], engine);
    rmSync(folder, { recursive: true });
    const report = await ingestSources([folder], engine, { prune: true });
    expect(report.failures).toEqual([{ source: folder, code: 'UNREADABLE_SOURCE', reason: 'no such file or folder' }]);
    expect(report.pruned).toEqual([]);
    expect(await indexedStatementIds(engine)).toEqual(['a', 'b', 'c']);
    await engine.close();
  });

  describe('statements an older version indexed under another id (non-ASCII file names until 2026-11-27)', () => {
    /** `café.txt` as an older version indexed it: statement `caf`, with the file as its provenance. */
    async function indexedByOldVersion() {
      const { engine, folder } = setup();
      const file = join(folder, 'café.txt');
      writeFileSync(file, 'Oman welcomed the ceasefire in Yemen.');
      const old = prepareStatement(await loadFileSource(file), { statementId: 'caf', path: shown(file), retrievedAt: new Date() });
      await engine.replaceStatements([old]);
      return { engine, folder, file };
    }

    it('prunes the old statement once the file is indexed under its id, and says which id it has now', async () => {
      const { engine, folder, file } = await indexedByOldVersion();
      const report = await ingestSources([folder], engine, { prune: true });
      expect(report.pruned).toEqual([{ statementId: 'caf', path: shown(file), replacedBy: statementId(file) }]);
      expect(await indexedStatementIds(engine)).toEqual(['a', 'b', 'c', statementId(file)]);
      expect(formatReport(report, { prune: true }).split('\n').at(-1)).toBe(
        `pruned: ${shown(file)} (statement caf; the file is statement ${statementId(file)} now)`,
      );
      await engine.close();
    });

    // Regression: the new id was held by another file of the same name, and the only copy went.
    it('keeps the old statement when its new id belongs to another file of the same name', async () => {
      const { engine, folder, file } = await indexedByOldVersion();
      const elsewhere = join(folder, '..', 'elsewhere');
      mkdirSync(elsewhere);
      writeFileSync(join(elsewhere, 'café.txt'), 'Iran welcomed the talks.');
      await ingestSources([elsewhere], engine);
      writeFileSync(file, '');
      expect((await ingestSources([folder], engine, { prune: true })).pruned).toEqual([]);
      expect(await indexedStatementIds(engine)).toContain('caf');
      await engine.close();
    });

    it('keeps the old statement, without the flag or while the file cannot be read', async () => {
      const { engine, folder, file } = await indexedByOldVersion();
      expect((await ingestSources([folder], engine)).pruned).toEqual([]);
      await engine.deleteStatements([statementId(file)]);
      writeFileSync(file, '');
      expect((await ingestSources([folder], engine, { prune: true })).pruned).toEqual([]);
      expect(await indexedStatementIds(engine)).toContain('caf');
      await engine.close();
    });
  });
});

describe('findGone', () => {
  it('reads every indexed statement, past the first page of the listing it reads them from', async () => {
    const data = tempDataDir();
    cleanups.push(data.cleanup);
    const engine = openEmbeddedEngine(data.dir, loadIndexSettings());
    const seed = await seedStatement();
    // 1,205 statements from files under gone/, none of them listed in the folder any more.
    const statements = Array.from({ length: 1205 }, (_, i) => {
      const copy = copyStatement(seed, `s${i}`, '2025-11-07');
      return { ...copy, documents: copy.documents.map((document) => ({ ...document, source: { ...document.source, path: `gone/s${i}.txt` } })) };
    });
    await engine.replaceStatements(statements);
    const gone = await findGone(engine, [{ path: join(data.dir, 'gone'), files: new Map() }], new Set(['s7']), data.dir);
    expect(gone).toHaveLength(1204);
    expect(new Set(gone.map((statement) => statement.statementId)).size).toBe(1204);
    expect(gone.find((statement) => statement.statementId === 's1204')).toEqual({ statementId: 's1204', path: 'gone/s1204.txt' });
    await engine.close();
  });
});
