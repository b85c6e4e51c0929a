import { Gauge, Histogram, type Registry } from 'prom-client';
import type { EngineStats, SearchEngine } from '../../engine/engine.js';
import { latencyBuckets } from './metrics.js';

/** The engine's read methods that are timed, and their `operation` label; writes and health pass through. */
const operations = new Map<PropertyKey, string>([
  ['search', 'search'],
  ['searchFacetValues', 'facet_values'],
  ['getStatement', 'get_statement'],
  ['listStatements', 'list_statements'],
  ['scan', 'scan'],
]);

/**
 * `engine`, with its queries timed into `registry` (`communique_engine_query_duration_seconds`
 * by operation and outcome) and its size read on each scrape (`communique_index_documents`,
 * `communique_index_statements`, `communique_engine_up`). Every other method passes through
 * untouched, so the routes need not know they are measured.
 *
 * @example const engine = instrumentEngine(openEmbeddedEngine(dir, settings), registry);
 */
export function instrumentEngine(engine: SearchEngine, registry: Registry): SearchEngine {
  const queryTime = new Histogram({
    name: 'communique_engine_query_duration_seconds',
    help: 'Time the engine took to answer a query, by operation (search, facet_values, ...) and outcome (ok, error)',
    labelNames: ['operation', 'outcome'] as const,
    buckets: latencyBuckets,
    registers: [registry],
  });
  const timed = (operation: string, run: (...args: unknown[]) => Promise<unknown>) =>
    async (...args: unknown[]): Promise<unknown> => {
      const stop = queryTime.startTimer({ operation });
      try {
        const result = await run(...args);
        stop({ outcome: 'ok' });
        return result;
      } catch (error) {
        stop({ outcome: 'error' });
        throw error;
      }
    };
  const wrappers = new Map<PropertyKey, unknown>();
  indexSizeMetrics(engine, registry);
  // A proxy, not a hand-written delegate: a method added to SearchEngine passes through with no edit here.
  return new Proxy(engine, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value !== 'function') return value;
      let wrapper = wrappers.get(property);
      if (!wrapper) {
        const method = (value as (...args: unknown[]) => unknown).bind(target);
        const operation = operations.get(property);
        wrapper = operation ? timed(operation, async (...args) => method(...args)) : method;
        wrappers.set(property, wrapper);
      }
      return wrapper;
    },
  });
}

/** The index size, read when Prometheus scrapes; a failing engine leaves the last size and reports `up` 0. */
function indexSizeMetrics(engine: SearchEngine, registry: Registry): void {
  let reading: Promise<EngineStats | null> | null = null;
  // One stats() per scrape, shared by the gauges, which prom-client collects concurrently.
  const readStats = () =>
    (reading ??= engine
      .stats()
      .catch(() => null)
      .finally(() => {
        reading = null;
      }));
  new Gauge({
    name: 'communique_engine_up',
    help: '1 when the engine answered the last scrape, 0 when it did not',
    registers: [registry],
    async collect() {
      this.set((await readStats()) ? 1 : 0);
    },
  });
  for (const key of ['documents', 'statements'] as const) {
    new Gauge({
      name: `communique_index_${key}`,
      help: `Indexed ${key === 'documents' ? 'paragraph documents' : 'statements'}`,
      registers: [registry],
      async collect() {
        const stats = await readStats();
        if (stats) this.set(stats[key]);
      },
    });
  }
}
