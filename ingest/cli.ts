import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.js';
import { openEngine } from '../src/engine/open-engine.js';
import { loadIndexSettings } from '../src/engine/settings.js';
import { isAppError } from '../src/errors.js';
import { ingestSources } from './pipeline.js';
import { createProgress } from './progress.js';
import { formatReport } from './report.js';

const USAGE = 'usage: npm run ingest -- <file|folder>...';

async function main(): Promise<number> {
  const { positionals } = parseArgs({ allowPositionals: true, options: {} });
  if (positionals.length === 0) {
    console.error(USAGE);
    return 2;
  }
  const config = loadConfig(process.env);
  const engine = await openEngine(config.engine, loadIndexSettings());
  try {
    const report = await ingestSources(positionals, engine, { progress: (total) => createProgress(total) });
    console.log(formatReport(report));
    return report.failures.length > 0 ? 1 : 0;
  } finally {
    await engine.close();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`ingest failed: ${isAppError(error) ? `${error.detail} [${error.code}]` : String(error)}`);
    process.exitCode = 1;
  },
);
