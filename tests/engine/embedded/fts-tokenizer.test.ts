import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type Database from 'better-sqlite3';
import { openDatabase } from '../../../src/engine/embedded/database.js';
import { terms } from '../../../src/query/tokens.js';
import { tempDataDir } from '../../helpers/seed.js';

// The query side (src/query/tokens.ts) must cut and fold words exactly as the index's FTS5 tokenizer does:
// a query term the index never holds finds nothing, however exactly it was typed.
let db: Database.Database;
const data = tempDataDir();
beforeAll(() => {
  db = openDatabase(data.dir);
  db.exec("CREATE VIRTUAL TABLE temp.fts_instances USING fts5vocab(main, fts, 'instance')");
});
afterAll(() => {
  db.close();
  data.cleanup();
});

/** The terms the index holds for a text, in order. */
function indexTerms(text: string): string[] {
  db.exec('DELETE FROM fts');
  db.prepare('INSERT INTO fts (rowid, text) VALUES (1, ?)').run(text);
  return db.prepare<[], string>('SELECT term FROM fts_instances ORDER BY offset').pluck().all();
}

// Characters assigned or given a lower case after Unicode 6.1, whose tables SQLite's unicode61 uses,
// and ǡ, which unicode61 keeps whole though it is an a with removable marks.
const newerThanSqlite = new Set([0x1e0, 0x1e1, 0x37f, 0x528, 0x52a, 0x52c, 0x52e, 0x605, 0x61c, 0x61d, 0x9fd]);
const blocks: [string, number, number][] = [
  ['Latin-1 and Latin Extended', 0x80, 0x24f],
  ['combining marks, Greek and Cyrillic', 0x300, 0x52f],
  ['Hebrew and Arabic', 0x590, 0x6ff],
  ['Devanagari and Bengali', 0x900, 0x9ff],
  ['Thai', 0xe00, 0xe7f],
  ['Latin and Greek Extended', 0x1e00, 0x1fff],
];

describe('the index tokenizer and the query tokenizer', () => {
  it.each([
    ['Arabic fatha, shadda, damma, sukun', 'السَّلَامُ عَلَيْكُمْ'],
    ['Devanagari virama, vowel signs, anusvara', 'नमस्ते दुनिया मंत्रालय'],
    ['Hebrew points', 'שָׁלוֹם'],
    ['Thai vowel and tone marks', 'ไม่ ที่ กิน'],
    ['Latin marks, precomposed and decomposed', 'Café cafe\u0301 naïve nai\u0308ve Ụ̈'],
    ['Greek and Cyrillic letters with marks', 'λόγος ΛΌΓΟΣ Йемен и\u0306'],
  ])('make the same terms of %s', (_, text) => {
    expect(terms(text)).toEqual(indexTerms(text));
  });

  it.each(blocks)('make the same terms of every assigned character of %s', (_, from, to) => {
    const differ: string[] = [];
    for (let code = from; code <= to; code += 1) {
      const char = String.fromCodePoint(code);
      if (/\p{Cn}/u.test(char) || newerThanSqlite.has(code)) continue;
      const text = `q${char}q`;
      if (JSON.stringify(terms(text)) !== JSON.stringify(indexTerms(text))) differ.push(code.toString(16));
    }
    expect(differ).toEqual([]);
  });
});
