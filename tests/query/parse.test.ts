import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/errors.js';
import { parseQuery } from '../../src/query/parse.js';

describe('parseQuery', () => {
  it.each([
    ['ceasefire', [{ negated: false, alternatives: [{ kind: 'word', raw: 'ceasefire', terms: ['ceasefire'], prefix: true }] }]],
    ['ceasefire ', [{ negated: false, alternatives: [{ kind: 'word', raw: 'ceasefire', terms: ['ceasefire'], prefix: false }] }]],
    ['"unserious statements"', [{ negated: false, alternatives: [{ kind: 'phrase', raw: 'unserious statements', terms: ['unserious', 'statements'] }] }]],
    ["Pakistan's", [{ negated: false, alternatives: [{ kind: 'word', raw: "Pakistan's", terms: ['pakistan', 's'], prefix: true }] }]],
    ['Pakistan’s', [{ negated: false, alternatives: [{ kind: 'word', raw: 'Pakistan’s', terms: ['pakistan', 's'], prefix: true }] }]],
    ['Türkiye', [{ negated: false, alternatives: [{ kind: 'word', raw: 'Türkiye', terms: ['turkiye'], prefix: true }] }]],
    ['-Doha talks', [
      { negated: true, alternatives: [{ kind: 'word', raw: 'Doha', terms: ['doha'], prefix: false }] },
      { negated: false, alternatives: [{ kind: 'word', raw: 'talks', terms: ['talks'], prefix: true }] },
    ]],
    ['Doha OR Istanbul', [{ negated: false, alternatives: [
      { kind: 'word', raw: 'Doha', terms: ['doha'], prefix: false },
      { kind: 'word', raw: 'Istanbul', terms: ['istanbul'], prefix: true },
    ] }]],
  ])('parses %j', (q, clauses) => {
    expect(parseQuery(q).clauses).toEqual(clauses);
  });

  it('folds a hyphenated word into adjacent terms', () => {
    expect(parseQuery('al-Ahrar').clauses[0]?.alternatives[0]).toMatchObject({ terms: ['al', 'ahrar'] });
  });

  it.each([
    ['ceasefire NEAR/5 Doha', 5],
    ['"monitoring system" NEAR terrorism', 10],
  ])('parses %j as one NEAR term within %i words', (q, distance) => {
    const [clause, ...rest] = parseQuery(q).clauses;
    expect(rest).toEqual([]);
    expect(clause?.alternatives).toHaveLength(1);
    expect(clause?.alternatives[0]).toMatchObject({ kind: 'near', distance });
  });

  it('lets OR offer a NEAR term as one alternative', () => {
    const [clause] = parseQuery('ceasefire NEAR/3 temporary OR truce').clauses;
    expect(clause?.alternatives.map((term) => term.kind)).toEqual(['near', 'word']);
  });

  it.each([
    ['"unserious statements', 'unterminated phrase', 1],
    ['talks "open', 'unterminated phrase', 7],
    ['OR Doha', 'OR needs a term on each side', 1],
    ['Doha OR', 'OR needs a term on each side', 6],
    ['""', 'empty phrase', 1],
    ['NEAR/3 Doha', 'NEAR needs a term on each side', 1],
    ['a NEAR/3 b NEAR/3 c', 'NEAR joins exactly two terms', 12],
    ['a NEAR/500 b', 'NEAR allows at most 100 words', 3],
    ['a NEAR/3 -b', 'NEAR cannot join an excluded term', 3],
    ['talks NEAR/-1 Pakistan', 'NEAR/ takes a whole number of words', 7],
    ['a NEAR/ b', 'NEAR/ takes a whole number of words', 3],
    ['a NEAR/5x b', 'NEAR/ takes a whole number of words', 3],
    ['NEAR/', 'NEAR/ takes a whole number of words', 1],
  ])('rejects %j, saying where', (q, message, position) => {
    try {
      parseQuery(q);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe('INVALID_QUERY');
      expect((error as AppError).detail).toContain(message);
      expect((error as AppError).extra['position']).toBe(position);
    }
  });
});
