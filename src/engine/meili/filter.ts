import { AppError } from '../../errors.js';
import type { EngineFilters } from '../../schema/query.js';

/**
 * A string as a Meilisearch filter literal: always double-quoted, with `\` and `"` escaped,
 * so no value (quotes, brackets, `AND`, `OR`, `TO`, colons) can change the expression.
 *
 * @example quote('say "hi"') // '"say \\"hi\\""'
 */
export function quote(value: string): string {
  return `"${value.replace(/[\\"]/g, '\\$&')}"`;
}

/** Integers only: a NaN or Infinity would otherwise reach the filter as a bare word. */
function integer(value: number): string {
  if (!Number.isSafeInteger(value)) throw new AppError('INVALID_QUERY', `not an integer: ${value}`);
  return String(value);
}

/**
 * The Meilisearch filter for `filters`: OR within a facet (`IN [...]`), AND across facets;
 * `undefined` when nothing is filtered.
 *
 * @example buildFilter({ ...noFilters(), countries: ['QA', 'TR'], from: 20250101 })
 * // 'countries IN ["QA", "TR"] AND dateNum >= 20250101'
 */
export function buildFilter(filters: EngineFilters): string | undefined {
  const anyOf: [field: string, literals: string[]][] = [
    ['countries', filters.countries.map(quote)],
    ['groups', filters.groups.map(quote)],
    ['talks', filters.talks.map(quote)],
    ['rounds', filters.rounds.map(quote)],
    ['roundNumbers', filters.roundNumbers.map(integer)],
    ['issuer', filters.issuers.map(quote)],
    ['speaker', filters.speakers.map(quote)],
    ['statementId', filters.statementIds.map(quote)],
  ];
  const clauses = anyOf.filter(([, literals]) => literals.length > 0).map(([field, literals]) => `${field} IN [${literals.join(', ')}]`);
  if (filters.from !== null) clauses.push(`dateNum >= ${integer(filters.from)}`);
  if (filters.to !== null) clauses.push(`dateNum <= ${integer(filters.to)}`);
  return clauses.length > 0 ? clauses.join(' AND ') : undefined;
}
