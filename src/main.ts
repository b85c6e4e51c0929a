import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { formatReport } from '../ingest/report.js';
import { ingestSources } from '../ingest/pipeline.js';
import { createProgress } from '../ingest/progress.js';
import { createApp } from './api/app.js';
import { loadConfig } from './config.js';
import { openEngine } from './engine/open-engine.js';
import { loadIndexSettings } from './engine/settings.js';
import { isAppError } from './errors.js';

const bundledCorpus = fileURLToPath(new URL('../corpus/', import.meta.url));

/** `npm start`: ingest the bundled corpus (unchanged statements are skipped) and serve the API. */
async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const engine = await openEngine(config.engine, loadIndexSettings());
  const report = await ingestSources([bundledCorpus], engine, { progress: (total) => createProgress(total) });
  console.log(formatReport(report));
  const server = serve({ fetch: createApp({ engine }).fetch, port: config.port, hostname: config.host }, (info) => {
    console.log(`Communiqué (${engine.name} engine) listening on http://localhost:${info.port}/`);
  });
  const stop = (): void => {
    server.close(() => void engine.close().then(() => process.exit(0)));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(`communique: ${isAppError(error) ? `${error.detail} [${error.code}]` : String(error)}`);
  process.exit(1);
});
