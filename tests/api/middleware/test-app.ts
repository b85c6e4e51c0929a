import { pino } from 'pino';
import { ingestSources } from '../../../ingest/pipeline.js';
import type { AppLogger } from '../../../src/api/middleware/logging.js';
import { openEmbeddedEngine } from '../../../src/engine/embedded/embedded-engine.js';
import type { SearchEngine } from '../../../src/engine/engine.js';
import { loadIndexSettings } from '../../../src/engine/settings.js';
import { seedPath, tempDataDir } from '../../helpers/seed.js';

/** A real embedded engine in its own temporary folder, with the seed statement when asked. */
export async function testEngine({ seed = false } = {}): Promise<{ engine: SearchEngine; close: () => Promise<void> }> {
  const data = tempDataDir();
  const engine = openEmbeddedEngine(data.dir, loadIndexSettings());
  if (seed) await ingestSources([seedPath], engine);
  return {
    engine,
    close: async () => {
      await engine.close();
      data.cleanup();
    },
  };
}

/** `engine`, except that the named methods first wait `ms`, or fail: an engine under load, or gone. */
export function degraded(
  engine: SearchEngine,
  { slow = {}, failing = [] }: { slow?: Partial<Record<keyof SearchEngine, number>>; failing?: (keyof SearchEngine)[] },
): SearchEngine {
  return new Proxy(engine, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value !== 'function') return value;
      const method = (value as (...args: unknown[]) => unknown).bind(target);
      const name = property as keyof SearchEngine;
      if (failing.includes(name)) return async () => Promise.reject(new Error(`${String(property)} failed in a test`));
      const delay = slow[name];
      if (delay === undefined) return method;
      return async (...args: unknown[]) => {
        await new Promise((resolve) => setTimeout(resolve, delay));
        return method(...args);
      };
    },
  });
}

/** A real pino logger writing into memory: every line it logged, parsed. */
export function capturingLogger(): { logger: AppLogger; lines: () => Record<string, unknown>[] } {
  const written: string[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => void written.push(line) });
  return { logger, lines: () => written.map((line) => JSON.parse(line) as Record<string, unknown>) };
}

/** A clock the test moves by hand. */
export function fakeClock(start = 1_000_000): { now: () => number; advance: (ms: number) => void } {
  let time = start;
  return { now: () => time, advance: (ms) => void (time += ms) };
}

/** A logger that drops everything. */
export const silent: AppLogger = { error: () => undefined };
