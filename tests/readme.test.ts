import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useIndexedApp } from './helpers/indexed-app.js';
import { corpusDir, projectRoot } from './helpers/seed.js';

/**
 * The README's curl examples, answered by the API over the bundled corpus (what `npm start`
 * serves): each shown answer must be what the API says. The README trims its answers, so an
 * answer shows a part of the real one: some of an object's keys, the first items of a list,
 * and `…` in a string for text left out.
 */
const readme = readFileSync(join(projectRoot, 'README.md'), 'utf8');
const indexed = useIndexedApp([corpusDir]);

/** Every `curl 'localhost:8080/…'` block followed at once by a ```json block, with that JSON. */
const examples = [...readme.matchAll(/```sh\ncurl '(?:http:\/\/)?localhost:8080(\/[^']+)'\n```\n```json\n([\s\S]*?)\n```/g)].map(([, path, json]) => ({
  path: path ?? '',
  shown: JSON.parse(json ?? 'null') as unknown,
}));

/** Where `shown` says something `actual` does not, as JSON paths; empty when it is a part of it. */
function differences(shown: unknown, actual: unknown, at = '$'): string[] {
  if (typeof shown === 'string') {
    if (typeof actual !== 'string') return [`${at}: ${JSON.stringify(actual)} is not a string`];
    const parts = shown.split('…');
    let from = 0;
    for (const [i, part] of parts.entries()) {
      const found = i === 0 ? (actual.startsWith(part) ? 0 : -1) : actual.indexOf(part, from);
      if (found < 0 || (i === parts.length - 1 && part !== '' && !actual.endsWith(part))) return [`${at}: ${JSON.stringify(actual)} is not ${JSON.stringify(shown)}`];
      from = found + part.length;
    }
    return [];
  }
  if (Array.isArray(shown)) {
    if (!Array.isArray(actual) || actual.length < shown.length) return [`${at}: ${JSON.stringify(actual)} has fewer items than shown`];
    return shown.flatMap((item, i) => differences(item, actual[i], `${at}[${i}]`));
  }
  if (shown !== null && typeof shown === 'object') {
    if (actual === null || typeof actual !== 'object') return [`${at}: ${JSON.stringify(actual)} is not an object`];
    return Object.entries(shown).flatMap(([key, value]) => differences(value, (actual as Record<string, unknown>)[key], `${at}.${key}`));
  }
  return Object.is(shown, actual) ? [] : [`${at}: ${JSON.stringify(actual)}, not ${JSON.stringify(shown)}`];
}

describe('the README examples', () => {
  it('are all found', () => {
    expect(examples.length).toBeGreaterThanOrEqual(3);
  });

  it.each(examples.map((example) => [example.path, example]))('GET %s answers what the README shows', async (_, { path, shown }) => {
    const response = await indexed.app.request(path);
    expect(response.status).toBe(200);
    expect(differences(shown, await response.json())).toEqual([]);
  });

  it('exports the total the README gives', async () => {
    const [, path, total] = /curl -D headers\.txt 'localhost:8080(\/v1\/export[^']+)'.*\n# headers\.txt: X-Total-Count: (\d+)/.exec(readme) ?? [];
    expect(path).toBeDefined();
    const response = await indexed.app.request(path ?? '');
    expect(response.headers.get('x-total-count')).toBe(total);
    await response.body?.cancel();
  });
});

describe('differences, the comparison of a shown answer with the real one', () => {
  it.each([
    ['…the <mark>x</mark> y…', '…and the <mark>x</mark> y said…', []],
    ['b8038a1c9436…', 'b8038a1c94361234', []],
    [{ a: [1, 2] }, { a: [1, 2, 3], b: 4 }, []],
    ['…the <mark>x</mark> y…', 'the x y', ['$: "the x y" is not "…the <mark>x</mark> y…"']],
    ['abc…', 'xabc', ['$: "xabc" is not "abc…"']],
    ['…abc', 'abcx', ['$: "abcx" is not "…abc"']],
    [{ a: [1, 2] }, { a: [2, 1] }, ['$.a[0]: 2, not 1', '$.a[1]: 1, not 2']],
    [{ a: [1, 2] }, { a: [1] }, ['$.a: [1] has fewer items than shown']],
  ])('%j in %j: %j', (shown, actual, expected) => {
    expect(differences(shown, actual)).toEqual(expected);
  });
});
