import { closeSync, copyFileSync, ftruncateSync, mkdirSync, openSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_SOURCE_BYTES } from '../../ingest/load-source.js';
import { ingestSources } from '../../ingest/pipeline.js';
import { formatReport } from '../../ingest/report.js';
import { openEmbeddedEngine } from '../../src/engine/embedded/embedded-engine.js';
import { loadIndexSettings } from '../../src/engine/settings.js';
import { seedPath, tempDataDir } from '../helpers/seed.js';
import { indexedStatementIds } from '../helpers/statement-ids.js';

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
  it('ingests the seed statement once, then skips it as unchanged', async () => {
    const { engine } = setup();
    const first = await ingestSources([seedPath], engine);
    expect(first).toMatchObject({ sources: 1, indexed: 1, paragraphs: 11, unchanged: 0, failures: [] });
    const second = await ingestSources([seedPath], engine);
    expect(second).toMatchObject({ sources: 1, indexed: 0, paragraphs: 0, unchanged: 1, failures: [] });
    expect(await engine.stats()).toEqual({ documents: 11, statements: 1 });
    await engine.close();
  });

  it('reorganises the index for searching after writing, says so on the progress stream, and not after a run that wrote nothing', async () => {
    const { engine } = setup();
    const steps: string[] = [];
    const progress = () => ({ sourceDone: () => undefined, finish: () => undefined, step: (label: string) => steps.push(label) });
    const first = await ingestSources([seedPath], engine, { progress });
    expect(first.optimizedSeconds).toBeGreaterThanOrEqual(0);
    expect(steps).toEqual([`reorganised the index for searching in ${first.optimizedSeconds?.toFixed(1)} s`]);

    const second = await ingestSources([seedPath], engine, { progress });
    expect(second.optimizedSeconds).toBeNull();
    expect(steps).toHaveLength(1);
    await engine.close();
  });

  it('still reports every statement indexed when reorganising the index fails, and says why', async () => {
    const { engine } = setup();
    const locked = new Proxy(engine, {
      get: (target, key, receiver) =>
        key === 'optimize' ? () => Promise.reject(new Error('database is locked')) : Reflect.get(target, key, receiver),
    });
    const report = await ingestSources([seedPath], locked);
    expect(report).toMatchObject({ indexed: 1, paragraphs: 11, failures: [], optimizedSeconds: null, optimizeFailure: 'database is locked' });
    expect(formatReport(report).split('\n')).toEqual([
      'ingested 1 statement (11 paragraphs), 0 unchanged, 0 failed, of 1 source',
      'not reorganised for searching: database is locked (the statements are indexed; the next ingest run will reorganise it)',
    ]);
    expect(await engine.stats()).toEqual({ documents: 11, statements: 1 });

    // The reorganisation stays due: the next run does it, though it writes nothing.
    const next = await ingestSources([seedPath], engine);
    expect(next).toMatchObject({ indexed: 0, unchanged: 1, optimizeFailure: null });
    expect(next.optimizedSeconds).not.toBeNull();
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

  // Regression: the walk skipped every symbolic link without a word, so a linked file was never
  // ingested and a broken link never reported.
  it('follows links to files and folders in a folder, each real file once, and names a broken link', async () => {
    const { engine, sources } = setup();
    mkdirSync(join(sources, 'elsewhere'));
    copyFileSync(seedPath, join(sources, 'elsewhere', 'good.txt'));
    writeFileSync(join(sources, 'elsewhere', 'other.txt'), 'Qatar hosted the talks in Doha.');
    const links = join(sources, 'links');
    mkdirSync(join(links, 'sub'), { recursive: true });
    writeFileSync(join(links, 'real.txt'), 'The talks resume in Istanbul.');
    symlinkSync('../elsewhere/good.txt', join(links, 'linked.txt'));
    symlinkSync('nowhere', join(links, 'dangling.txt'));
    // Neither a second name for a file already listed, nor a folder reached twice, is read again.
    symlinkSync('real.txt', join(links, 'alias.txt'));
    // Reaches good.txt again, after linked.txt: of two links to one file, the first in name order names it.
    symlinkSync('../elsewhere', join(links, 'more'));
    symlinkSync('..', join(links, 'sub', 'up'));
    symlinkSync('loop-b.txt', join(links, 'loop-a.txt'));
    symlinkSync('loop-a.txt', join(links, 'loop-b.txt'));
    // An editor's lock file: a hidden, dangling link, not a source.
    symlinkSync('user@host.123', join(links, '.#real.txt'));

    const report = await ingestSources([links], engine);
    expect(await indexedStatementIds(engine)).toEqual(['linked', 'other', 'real']);
    expect(report).toMatchObject({ sources: 6, indexed: 3 });
    expect(report.failures).toEqual([
      { source: join(links, 'dangling.txt'), code: 'UNREADABLE_SOURCE', reason: 'broken symbolic link: its target does not exist' },
      { source: join(links, 'loop-a.txt'), code: 'UNREADABLE_SOURCE', reason: 'symbolic link loop' },
      { source: join(links, 'loop-b.txt'), code: 'UNREADABLE_SOURCE', reason: 'symbolic link loop' },
    ]);
    const other = await engine.getStatement('other');
    expect(other[0]?.source.path).toMatch(/links\/more\/other\.txt$/);
    await engine.close();
  });

  // A link whose target is unmounted or moved is still there: pruning must not delete its statement.
  it('reports a link that broke since the last ingest, and does not prune its folder', async () => {
    const { engine, sources } = setup();
    mkdirSync(join(sources, 'archive'));
    copyFileSync(seedPath, join(sources, 'archive', 'kept.txt'));
    const folder = join(sources, 'folder');
    mkdirSync(folder);
    writeFileSync(join(folder, 'own.txt'), 'The talks resume in Istanbul.');
    symlinkSync('../archive/kept.txt', join(folder, 'kept.txt'));
    expect((await ingestSources([folder], engine)).indexed).toBe(2);

    rmSync(join(sources, 'archive'), { recursive: true });
    const report = await ingestSources([folder], engine, { prune: true });
    expect(report.failures).toEqual([{ source: join(folder, 'kept.txt'), code: 'UNREADABLE_SOURCE', reason: 'broken symbolic link: its target does not exist' }]);
    expect(report.pruned).toEqual([]);
    expect(await indexedStatementIds(engine)).toEqual(['kept', 'own']);
    await engine.close();
  });

  const page = (head: string, body: string): string =>
    `<!DOCTYPE html>\n<html lang="en"><head>${head}<title>Statement on the talks in Doha</title></head>\n<body><main><h1>Statement on the talks in Doha</h1>${body}</main></body></html>\n`;
  const french = "Le ministère des Affaires étrangères salue l'accord conclu à Doha entre les deux délégations.";
  const cp1252 = (text: string): Buffer => iconv.encode(text, 'windows-1252');
  /** A page whose one paragraph is `bytes`, whatever their encoding; the markup around them is ASCII. */
  const pageAround = (head: string, bytes: Buffer): Buffer => {
    const [start = '', end = ''] = page(head, '<p>@</p>').split('@');
    return Buffer.concat([Buffer.from(start), bytes, Buffer.from(end)]);
  };
  const whole = page('', '<p>The Foreign Ministry welcomes the agreement reached in Doha.</p><p>It calls on all parties to honour it.</p>');

  // What ministries' sites and tired disks really hand us. `failed` is the reason the one line gives.
  const badInputs: { file: string; bytes: () => Buffer; failed: { code: string; reason: RegExp } | { ingested: RegExp } }[] = [
    { file: 'empty.txt', bytes: () => Buffer.alloc(0), failed: { code: 'EMPTY_SOURCE', reason: /^the file is empty$/ } },
    { file: 'blank.md', bytes: () => Buffer.from('\n \n\t\n'), failed: { code: 'EMPTY_SOURCE', reason: /^no text/ } },
    { file: 'photo.txt', bytes: () => Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), failed: { code: 'UNREADABLE_SOURCE', reason: /^binary content/ } },
    { file: 'report.html', bytes: () => Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(64)]), failed: { code: 'UNREADABLE_SOURCE', reason: /^binary content/ } },
    { file: 'truncated-in-head.html', bytes: () => Buffer.from(whole.slice(0, 60)), failed: { code: 'UNREADABLE_SOURCE', reason: /^truncated HTML/ } },
    { file: 'truncated-in-body.html', bytes: () => Buffer.from(whole.slice(0, whole.indexOf('honour'))), failed: { code: 'UNREADABLE_SOURCE', reason: /^truncated HTML/ } },
    // Browsers (and cheerio) recover misnested and unclosed tags; the words are all there.
    { file: 'malformed.html', bytes: () => Buffer.from(page('', '<div><p>Pakistan and Afghanistan <b>agreed <i>to</b> meet</i> again in <span>Istanbul.</p></div></span><p>Second <<>> paragraph')), failed: { ingested: /^Pakistan and Afghanistan agreed to meet again in Istanbul\.$/ } },
    { file: 'fragment.html', bytes: () => Buffer.from('<p>A fragment without html or body tags, about Qatar.'), failed: { ingested: /^A fragment without html or body tags, about Qatar\.$/ } },
    { file: 'no-body-text.html', bytes: () => Buffer.from(page('', '<nav><a href="/">Home</a> | <a href="/print">Print this page</a></nav><footer>Copyright</footer>')), failed: { code: 'EMPTY_SOURCE', reason: /^the page has no body text$/ } },
    { file: 'wrong-charset.html', bytes: () => pageAround('<meta charset="utf-8">', cp1252(french)), failed: { code: 'UNREADABLE_SOURCE', reason: /^6 characters could not be decoded: the declared charset does not match/ } },
    // No declaration: guessed from the bytes, as a browser would, and read correctly.
    { file: 'missing-charset.html', bytes: () => pageAround('', cp1252(french)), failed: { ingested: new RegExp(`^${french}$`) } },
    { file: 'unknown-encoding.html', bytes: () => pageAround('<meta charset="x-ebcdic-klingon">', Buffer.from([0xe3, 0x88, 0x85, 0x40, 0x94, 0x89, 0x95, 0x89, 0xa2, 0xa3, 0x99, 0xa8])), failed: { code: 'UNREADABLE_SOURCE', reason: /^unknown encoding "x-ebcdic-klingon", and the bytes are not UTF-8$/ } },
    { file: 'shift-jis.txt', bytes: () => iconv.encode('外務省は、ドーハでの合意を歓迎する。', 'shift_jis'), failed: { code: 'UNREADABLE_SOURCE', reason: /^not valid UTF-8 text$/ } },
    { file: 'broken-front-matter.md', bytes: () => Buffer.from('---\ntitle: "unclosed\n---\nText.\n'), failed: { code: 'INVALID_SIDECAR', reason: /^the front matter is not valid YAML$/ } },
  ];

  it('gives each kind of bad input one line naming it and why, ingests everything else, and reads a 50 MB file not at all', async () => {
    const { engine, sources } = setup();
    copyFileSync(seedPath, join(sources, 'good.txt'));
    for (const { file, bytes } of badInputs) writeFileSync(join(sources, file), bytes());
    // Sparse: 50 MB on paper, no disk or time spent on it.
    const huge = openSync(join(sources, 'huge.txt'), 'w');
    ftruncateSync(huge, 50 * 1024 * 1024);
    closeSync(huge);

    const report = await ingestSources([sources], engine);
    const failed = badInputs.filter((row) => 'code' in row.failed);
    const ingested = badInputs.filter((row) => 'ingested' in row.failed);
    expect(report).toMatchObject({ sources: badInputs.length + 2, indexed: ingested.length + 1 });

    const byFile = new Map(report.failures.map((f) => [f.source.slice(sources.length + 1), f]));
    expect([...byFile.keys()].sort()).toEqual([...failed.map((row) => row.file), 'huge.txt'].sort());
    expect(report.failures).toHaveLength(byFile.size);
    for (const row of failed) {
      const expected = row.failed as { code: string; reason: RegExp };
      expect(byFile.get(row.file), row.file).toMatchObject({ code: expected.code, reason: expect.stringMatching(expected.reason) });
    }
    expect(byFile.get('huge.txt')).toEqual({
      source: join(sources, 'huge.txt'),
      code: 'UNREADABLE_SOURCE',
      reason: `too large (52428800 bytes; the limit is ${MAX_SOURCE_BYTES})`,
    });
    for (const row of ingested) {
      const paragraphs = await engine.getStatement(row.file.replace(/\.html$/, ''));
      expect(paragraphs[0]?.text, row.file).toMatch((row.failed as { ingested: RegExp }).ingested);
    }

    // One line per failed source, naming it once.
    const lines = formatReport(report).split('\n').slice(1);
    expect(lines).toHaveLength(failed.length + 1);
    for (const line of lines) expect(line.split(sources).length - 1, line).toBe(1);
    await engine.close();
  });

  // Regression: the damage checks ran in the pipeline around prepareStatement; they now run
  // inside it, so they must come back from the prepare threads with their codes too.
  it('refuses damaged sources when reading in prepare threads, as in this one', async () => {
    const { engine, sources } = setup();
    copyFileSync(seedPath, join(sources, 'good.txt'));
    const damaged = badInputs.filter((row) => /^(?:truncated|wrong-charset|unknown-encoding)/.test(row.file));
    for (const { file, bytes } of damaged) writeFileSync(join(sources, file), bytes());
    const report = await ingestSources([sources], engine, { prepareThreads: 2 });
    expect(report).toMatchObject({ indexed: 1 });
    expect(report.failures.map((f) => [f.source.slice(sources.length + 1), f.code])).toEqual(damaged.map((row) => [row.file, 'UNREADABLE_SOURCE']).sort());
    await engine.close();
  });

  // While a prepare thread loads its modules (about a second), this thread prepares the sources
  // beyond the one handed to it (batches of one paragraph hand it one): both must give the same.
  it('indexes a folder with a prepare thread exactly as without one', async () => {
    const { sources } = setup();
    const seed = readFileSync(seedPath, 'utf8');
    for (let i = 0; i < 24; i += 1) writeFileSync(join(sources, `s${i}.txt`), seed.replace('third round', `${i + 3}th round`));
    const now = () => new Date('2025-11-08T00:00:00Z');
    const indexed = async (prepareThreads: number) => {
      const { engine } = setup();
      const report = await ingestSources([sources], engine, { prepareThreads, batchSize: 1, now });
      expect(report).toMatchObject({ indexed: 24, failures: [] });
      const statements = await Promise.all((await indexedStatementIds(engine)).map((id) => engine.getStatement(id)));
      await engine.close();
      return statements;
    };
    const [threaded, alone] = [await indexed(1), await indexed(0)];
    expect(threaded).toHaveLength(24);
    expect(threaded).toEqual(alone);
  });
});
