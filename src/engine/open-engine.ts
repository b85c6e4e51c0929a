import type { Config } from '../config.js';
import type { SearchEngine } from './engine.js';
import { openEmbeddedEngine } from './embedded/embedded-engine.js';
import { createMeiliEngine } from './meili/meili-engine.js';
import type { IndexSettings } from './settings.js';

/** Opens the configured engine and applies the settings, so every caller gets an engine ready to use. */
export async function openEngine(engine: Config['engine'], settings: IndexSettings): Promise<SearchEngine> {
  const opened =
    engine.kind === 'embedded'
      ? openEmbeddedEngine(engine.dataDir, settings, { searchThreads: engine.searchThreads })
      : await createMeiliEngine({ url: engine.url, apiKey: engine.apiKey, indexUid: engine.indexUid });
  await opened.applySettings(settings);
  return opened;
}
