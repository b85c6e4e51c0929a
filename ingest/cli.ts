import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.js';
import { openEngine } from '../src/engine/open-engine.js';
import { loadIndexSettings } from '../src/engine/settings.js';
import { isAppError } from '../src/errors.js';
import { ingestSources, type IngestOptions } from './pipeline.js';
import { createProgress } from './progress.js';
import { formatReport } from './report.js';

export const USAGE = `usage: npm run ingest -- [options] <file|folder|url>...

  --urls FILE        also fetch the http(s) URLs listed in FILE, one a line (# comments)
  --prune            delete indexed statements whose file is gone from a folder given here
  --concurrency N    sources read or fetched at once, 1 to 64 (default 4)
  --batch-size N     paragraphs per write to the engine, 1 to 100000 (default 1000)
  --host-rate N      requests per second to any one web host, 0.1 to 100 (default 2)
  --timeout S        seconds before a request is given up and retried, 1 to 600 (default 30)
  -h, --help         show this`;

export type CliCommand =
  | { kind: 'run'; inputs: string[]; options: Omit<IngestOptions, 'progress' | 'now'> }
  | { kind: 'help' }
  | { kind: 'usage-error'; message: string };

class UsageError extends Error {}

function integer(flag: string, value: string | undefined, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const number = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!(number >= min && number <= max)) throw new UsageError(`--${flag} must be a whole number from ${min} to ${max}, not "${value}"`);
  return number;
}

function decimal(flag: string, value: string | undefined, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const number = /^\d+(\.\d+)?$/.test(value) ? Number(value) : Number.NaN;
  if (!(number >= min && number <= max)) throw new UsageError(`--${flag} must be a number from ${min} to ${max}, not "${value}"`);
  return number;
}

/**
 * The command line as a command: what to ingest and how, the help, or a usage error that
 * says which flag is wrong. Pure, so every flag is tested without starting a process.
 */
export function parseCliArgs(args: string[]): CliCommand {
  try {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: {
        urls: { type: 'string', multiple: true },
        prune: { type: 'boolean' },
        concurrency: { type: 'string' },
        'batch-size': { type: 'string' },
        'host-rate': { type: 'string' },
        timeout: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
    if (values.help) return { kind: 'help' };
    const urlLists = values.urls ?? [];
    if (positionals.length === 0 && urlLists.length === 0) throw new UsageError('nothing to ingest: name a file, folder or URL');
    const concurrency = integer('concurrency', values.concurrency, 1, 64);
    const batchSize = integer('batch-size', values['batch-size'], 1, 100_000);
    const hostRate = decimal('host-rate', values['host-rate'], 0.1, 100);
    const timeout = decimal('timeout', values.timeout, 1, 600);
    const fetch: NonNullable<IngestOptions['fetch']> = {
      ...(hostRate !== undefined ? { perHost: { concurrency: 2, requestsPerSecond: hostRate } } : {}),
      ...(timeout !== undefined ? { timeoutMs: timeout * 1000 } : {}),
    };
    return {
      kind: 'run',
      inputs: positionals,
      options: {
        urlLists,
        prune: values.prune ?? false,
        fetch,
        ...(concurrency !== undefined ? { concurrency } : {}),
        ...(batchSize !== undefined ? { batchSize } : {}),
      },
    };
  } catch (error) {
    // parseArgs throws TypeErrors with a code for unknown flags and missing values.
    if (error instanceof UsageError || (error as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS')) {
      return { kind: 'usage-error', message: (error as Error).message };
    }
    throw error;
  }
}

/** `npm run ingest`: exit 0 when every source went in, 1 when any failed, 2 for a usage error. */
async function main(): Promise<number> {
  const command = parseCliArgs(process.argv.slice(2));
  if (command.kind === 'help') {
    console.log(USAGE);
    return 0;
  }
  if (command.kind === 'usage-error') {
    console.error(`ingest: ${command.message}\n${USAGE}`);
    return 2;
  }
  const config = loadConfig(process.env);
  // The worker only writes and checks fingerprints: it needs no search threads.
  const engineConfig = config.engine.kind === 'embedded' ? { ...config.engine, searchThreads: 0 } : config.engine;
  const engine = await openEngine(engineConfig, loadIndexSettings());
  try {
    const report = await ingestSources(command.inputs, engine, {
      // Reading and annotating run in threads beside the writes, which keep this thread busy.
      prepareThreads: Math.max(1, availableParallelism() - 1),
      ...command.options,
      progress: (total) => createProgress(total),
    });
    console.log(formatReport(report, { prune: command.options.prune ?? false }));
    return report.failures.length > 0 ? 1 : 0;
  } finally {
    await engine.close();
  }
}

// Run only as the entry point, so tests can import parseCliArgs.
if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(`ingest failed: ${isAppError(error) ? `${error.detail} [${error.code}]` : String(error)}`);
      process.exitCode = 1;
    },
  );
}
