import { type EnqueuedTaskPromise, Meilisearch, MeilisearchApiError, type Task } from 'meilisearch';
import { AppError } from '../../errors.js';
import { ParagraphDocument, type StatementDocuments } from '../../schema/document.js';
import type { EngineFilters, EngineQuery, EngineResult, FacetCount, FacetField } from '../../schema/query.js';
import { splitFacets, withoutSelection } from '../disjunctive.js';
import type { SearchEngine } from '../engine.js';
import type { IndexSettings } from '../settings.js';
import { batches } from './batches.js';
import { assertSucceeded, toAppError } from './errors.js';
import { toFacetCounts } from './facets.js';
import { quote } from './filter.js';
import { filterParam, toEngineResult, toSearchParams } from './search.js';
import { listStatementsMeili, scanEndMeili, scanMeili, type MeiliSearch } from './scan.js';
import { toMeiliSettings } from './settings.js';

export interface MeiliEngineOptions {
  url: string;
  apiKey: string | null;
  indexUid: string;
  /** Most paragraphs (or statement ids) per write; each write is confirmed before the next is sent. */
  batchSize?: number;
  /** How long to wait for one task; a settings change re-indexes everything and can take minutes. */
  taskTimeoutMs?: number;
}

/** One HTTP request; a hung server must fail a search, not hold it forever. */
const requestTimeoutMs = 30_000;
/** Page size when reading documents back (fingerprints, ids, statements). */
const fetchLimit = 1000;

const StatementFingerprint = ParagraphDocument.pick({ statementId: true, fingerprint: true });

const statementFilter = (ids: readonly string[]): string => `statementId IN [${ids.map(quote).join(', ')}]`;
/**
 * One document per statement: ingest numbers paragraphs from 1, so fingerprints, ids and counts
 * read the first paragraphs instead of every paragraph.
 */
const firstParagraphs = 'paragraph = 1';

/**
 * The Meilisearch engine. No request is sent until a method is called, so the API can start
 * (and report itself unhealthy) while Meilisearch is still booting.
 *
 * @example const engine = await createMeiliEngine({ url: 'http://meilisearch:7700', apiKey, indexUid: 'statements' });
 */
export async function createMeiliEngine(options: MeiliEngineOptions): Promise<SearchEngine> {
  const batchSize = options.batchSize ?? 1000;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new AppError('INVALID_CONFIG', `batchSize must be a positive integer, got ${batchSize}`);
  const client = new Meilisearch({
    host: options.url,
    ...(options.apiKey === null ? {} : { apiKey: options.apiKey }),
    timeout: requestTimeoutMs,
    defaultWaitOptions: { timeout: options.taskTimeoutMs ?? 300_000 },
  });
  const index = client.index(options.indexUid);

  async function read<T>(run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      throw toAppError(error, 'read');
    }
  }

  /** Sends one write and resolves once its task has succeeded. */
  async function write(send: () => EnqueuedTaskPromise): Promise<Task> {
    try {
      return assertSucceeded(await send().waitTask());
    } catch (error) {
      throw toAppError(error, 'write');
    }
  }

  /** Every document matching `filter`, page by page. */
  async function fetchAll(filter: string, fields?: string[]): Promise<Record<string, unknown>[]> {
    const documents: Record<string, unknown>[] = [];
    for (let offset = 0; ; offset += fetchLimit) {
      const page = await read(() => index.getDocuments({ filter, limit: fetchLimit, offset, ...(fields === undefined ? {} : { fields }) }));
      documents.push(...page.results);
      if (page.results.length < fetchLimit || offset + fetchLimit >= page.total) return documents;
    }
  }

  const search: MeiliSearch = (q, params) => read(() => index.search(q, params));

  async function ensureIndex(): Promise<void> {
    try {
      await client.getRawIndex(options.indexUid);
      return;
    } catch (error) {
      if (!(error instanceof MeilisearchApiError && error.cause?.code === 'index_not_found')) throw toAppError(error, 'read');
    }
    try {
      await write(() => client.createIndex(options.indexUid, { primaryKey: 'id' }));
    } catch (error) {
      // Another process (the worker, a second API replica) created it in between: that is the outcome we wanted.
      if (!(error instanceof AppError && error.extra['meiliCode'] === 'index_already_exists')) throw error;
    }
  }

  return {
    name: 'meilisearch',

    async applySettings(settings: IndexSettings) {
      await ensureIndex();
      await write(() => index.updateSettings(toMeiliSettings(settings)));
    },

    async replaceStatements(statements: StatementDocuments[]) {
      // Whole statements per batch, so one statement's paragraphs land in one atomic task; deleting
      // first means a crash leaves a statement missing (re-ingested next time), never half-replaced.
      for (const group of batches(statements, batchSize, (s) => s.documents.length)) {
        await write(() => index.deleteDocuments({ filter: statementFilter(group.map((s) => s.statementId)) }));
        // The statement's fingerprint is the one recorded, whatever its paragraphs carried before.
        const documents = group.flatMap((s) => s.documents.map((document) => ({ ...document, fingerprint: s.fingerprint })));
        await write(() => index.addDocuments(documents, { primaryKey: 'id' }));
      }
    },

    async deleteStatements(statementIds: string[]) {
      for (const group of batches([...new Set(statementIds)], batchSize)) {
        await write(() => index.deleteDocuments({ filter: statementFilter(group) }));
      }
    },

    async optimize() {
      // Meilisearch organises its index within each write task; there is nothing left to do.
      return false;
    },

    async fingerprints(statementIds: string[]) {
      const found = new Map<string, string>();
      for (const group of batches([...new Set(statementIds)], batchSize)) {
        for (const document of await fetchAll(`${statementFilter(group)} AND ${firstParagraphs}`, ['statementId', 'fingerprint'])) {
          const { statementId, fingerprint } = StatementFingerprint.parse(document);
          found.set(statementId, fingerprint);
        }
      }
      return found;
    },

    async search(query: EngineQuery): Promise<EngineResult> {
      // A facet the filters select values of is counted by a search of its own, without that selection.
      const { own, selected } = splitFacets(query);
      const main = { ...query, facets: own };
      const counts = selected.map((facet) => ({
        ...query,
        filters: withoutSelection(query.filters, facet),
        offset: 0,
        limit: 0,
        facets: [facet],
      }));
      const send = (search: EngineQuery) => {
        const params = toSearchParams(search);
        return read(() => index.search(search.q, params));
      };
      const [answer, countAnswers] = await Promise.all([send(main), Promise.all(counts.map(send))]);
      const result = toEngineResult(main, answer);
      selected.forEach((facet, i) => {
        result.facets[facet] = toFacetCounts(countAnswers[i]?.facetDistribution?.[facet]);
      });
      return result;
    },

    async searchFacetValues(facet: FacetField, q: string, filters: EngineFilters): Promise<FacetCount[]> {
      // The facet distribution narrowed here, not Meilisearch's facet search: that matches word
      // prefixes (not "containing") and skips numeric facets such as `year`.
      const response = await read(() => index.search('', { ...filterParam(filters), facets: [facet], page: 1, hitsPerPage: 0 }));
      const needle = q.toLowerCase();
      return toFacetCounts(response.facetDistribution?.[facet]).filter((count) => count.value.toLowerCase().includes(needle));
    },

    async getStatement(statementId: string) {
      const documents = (await fetchAll(statementFilter([statementId]))).map((document) => ParagraphDocument.parse(document));
      return documents.sort((a, b) => a.paragraph - b.paragraph);
    },

    scan: (request) => scanMeili(search, request),
    scanEnd: (request) => scanEndMeili(search, request),
    listStatements: (query) => listStatementsMeili(search, query),

    async stats() {
      const [indexStats, firsts] = await Promise.all([
        read(() => index.getStats()),
        // The documents route counts exactly, uncapped by maxTotalHits.
        read(() => index.getDocuments({ filter: firstParagraphs, limit: 1, fields: ['id'] })),
      ]);
      return { documents: indexStats.numberOfDocuments, statements: firsts.total };
    },

    health: () => client.isHealthy(),

    // The client holds no sockets or timers between requests: nothing to release.
    async close() {},
  };
}
