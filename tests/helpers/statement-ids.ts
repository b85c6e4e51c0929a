import type { SearchEngine } from '../../src/engine/engine.js';
import { noFilters } from '../../src/schema/query.js';

const PAGE = 1000;

/** Every indexed statement id, sorted, read page by page from the statement listing, as `--prune` reads it. */
export async function indexedStatementIds(engine: SearchEngine): Promise<string[]> {
  const ids: string[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const { statements } = await engine.listStatements({ q: '', filters: noFilters(), order: 'date:asc', offset, limit: PAGE });
    ids.push(...statements.map(({ document }) => document.statementId));
    if (statements.length < PAGE) return ids.sort();
  }
}
