import type { EngineFilters } from '../../schema/query.js';
import { facetFilters, isStatementFacet, type StoredFacet } from './database.js';
import { STATEMENT_META } from './stored-document.js';

export interface SqlFilter {
  where: string;
  params: (string | number)[];
}

const placeholders = (count: number): string => Array.from({ length: count }, () => '?').join(', ');

/**
 * Filters as a WHERE clause over `docs d`: values of one facet are ORed, facets are ANDed.
 * Every value is a bound parameter, never spliced into the SQL.
 */
export function sqlFilter(filters: EngineFilters): SqlFilter {
  const clauses: string[] = [];
  const params: (string | number)[] = [];
  const facet = (field: StoredFacet, values: (string | number)[]): void => {
    if (values.length === 0) return;
    if (isStatementFacet(field)) {
      clauses.push(`d.statement_id IN (SELECT id FROM statements WHERE CAST(${STATEMENT_META} ->> ? AS TEXT) IN (${placeholders(values.length)}))`);
      params.push(`$.${field}`, ...values.map(String));
      return;
    }
    clauses.push(`d.rowid IN (SELECT doc FROM facet WHERE field = ? AND value IN (${placeholders(values.length)}))`);
    params.push(field, ...values.map(String));
  };
  for (const [field, values] of facetFilters(filters)) facet(field, values);
  if (filters.statementIds.length > 0) {
    clauses.push(`d.statement_id IN (${placeholders(filters.statementIds.length)})`);
    params.push(...filters.statementIds);
  }
  if (filters.from !== null) {
    clauses.push('d.date_num >= ?');
    params.push(filters.from);
  }
  if (filters.to !== null) {
    clauses.push('d.date_num <= ?');
    params.push(filters.to);
  }
  return { where: clauses.length > 0 ? clauses.join(' AND ') : '1', params };
}
