import { afterAll, beforeAll, expect } from 'vitest';
import { ingestSources } from '../../ingest/pipeline.js';
import { createApp } from '../../src/api/app.js';
import { openEmbeddedEngine } from '../../src/engine/embedded/embedded-engine.js';
import type { SearchEngine } from '../../src/engine/engine.js';
import { loadIndexSettings } from '../../src/engine/settings.js';
import { SearchResponse } from '../../src/schema/api.js';
import { tempDataDir } from './seed.js';

export interface IndexedApp {
  engine: SearchEngine;
  app: ReturnType<typeof createApp>;
  /** `GET /v1/search?query`, expected to answer 200, parsed with the published schema. */
  search: (query: string) => Promise<SearchResponse>;
}

/**
 * An embedded index of `sources` in its own temporary folder and the app over it, built
 * before the file's tests and removed after them. Its fields are set once `beforeAll` ran.
 */
export function useIndexedApp(sources: string[]): IndexedApp {
  const data = tempDataDir();
  const indexed = {
    search: async (query: string) => {
      const response = await indexed.app.request(`/v1/search?${query}`);
      expect(response.status).toBe(200);
      return SearchResponse.parse(await response.json());
    },
  } as IndexedApp;
  beforeAll(async () => {
    indexed.engine = openEmbeddedEngine(data.dir, loadIndexSettings());
    await ingestSources(sources, indexed.engine);
    indexed.app = createApp({ engine: indexed.engine, logger: { error: () => undefined } });
  });
  afterAll(async () => {
    await indexed.engine.close();
    data.cleanup();
  });
  return indexed;
}
