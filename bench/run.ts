import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ingestSources } from '../ingest/pipeline.js';
import { openEmbeddedEngine } from '../src/engine/embedded/embedded-engine.js';
import { loadIndexSettings } from '../src/engine/settings.js';
import { benchIngest } from './ingest.js';
import { describeRun, loadAverage } from './machine.js';
import { PeakMemory } from './memory.js';
import { benchSearch, formatSearchBench } from './search.js';
import { searchKinds } from './search-queries.js';

const usage = `npm run bench -- [--only ingest|search] [--ungd DIR] [--seconds S] [--connections N] [--kind NAME]... [--profile DIR] [--index DIR]
  --only         run one benchmark (default: ingest, then search on the index it built)
  --ungd         the folder to ingest (default ../shared/bench/ungd)
  --seconds      seconds of load per kind of search (default 10)
  --connections  concurrent HTTP connections (default 10)
  --kind         measure only this kind of search (repeatable; default: all of them)
  --profile      also profile the server per kind of search, writing .cpuprofile files into DIR
  --index        with --only search: keep the index in DIR and reuse it next time (ingest skips unchanged files)`;

const { values } = parseArgs({
  options: {
    ungd: { type: 'string', default: '../shared/bench/ungd' },
    only: { type: 'string' },
    seconds: { type: 'string', default: '10' },
    connections: { type: 'string', default: '10' },
    kind: { type: 'string', multiple: true },
    profile: { type: 'string' },
    index: { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});

function fail(message: string): never {
  console.error(`bench: ${message}\n${usage}`);
  process.exit(2);
}

if (values.help) {
  console.log(usage);
  process.exit(0);
}
if (values.only !== undefined && values.only !== 'ingest' && values.only !== 'search') fail(`--only ${values.only}?`);
if (values.index !== undefined && values.only !== 'search') fail('--index goes with --only search');
const seconds = Number(values.seconds);
const connections = Number(values.connections);
if (!(seconds >= 1)) fail('--seconds is at least 1');
if (!(Number.isInteger(connections) && connections >= 1)) fail('--connections is a whole number, at least 1');

const unknownKinds = (values.kind ?? []).filter((name) => !searchKinds.some((kind) => kind.name === name));
if (unknownKinds.length > 0) fail(`no kind of search is named ${unknownKinds.map((name) => `"${name}"`).join(', ')}; the kinds: ${searchKinds.map((kind) => `"${kind.name}"`).join(', ')}`);
const kinds = values.kind === undefined ? searchKinds : searchKinds.filter((kind) => values.kind?.includes(kind.name));

const folder = resolve(values.ungd ?? '../shared/bench/ungd');
const runIngest = values.only !== 'search';
const runSearch = values.only !== 'ingest';
const dir = mkdtempSync(join(tmpdir(), 'communique-bench-'));
const memory = new PeakMemory();

/** Ingests `folder` into `indexDir` without timing it: the search benchmark's setup when the ingest one did not run. */
async function buildIndex(indexDir: string): Promise<void> {
  const engine = openEmbeddedEngine(indexDir, loadIndexSettings());
  const started = performance.now();
  try {
    const report = await ingestSources([folder], engine, { concurrency: 4 });
    if (report.failures.length > 0) throw new Error(`ingest failed on ${report.failures.length} sources`);
    const stats = await engine.stats();
    console.log(`  index: ${stats.documents} paragraphs (${report.unchanged} statements already there), ${((performance.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    await engine.close();
  }
}

try {
  const run = describeRun();
  console.log(`machine: ${run.machine}, Node ${run.node}`);
  console.log(`date: ${run.date}`);
  console.log(`commit: ${run.commit}`);
  console.log(`load average at start: ${loadAverage()} (other processes share the ${availableParallelism()} cores)`);
  const indexDir = values.index === undefined ? join(dir, 'index') : resolve(values.index);
  if (runIngest) {
    console.log(`ingest of ${folder} into the embedded engine:`);
    const ingest = await benchIngest(folder, dir, memory);
    console.log(`  ${ingest.files} files, ${ingest.paragraphs} paragraphs`);
    console.log(`  pipeline end to end: ${ingest.pipelineSeconds.toFixed(1)} s, ${Math.round(ingest.pipelineRate)} paragraphs/s, peak RSS ${ingest.peakRssMb} MB`);
    console.log(`    of which merging:  ${ingest.optimizeSeconds.toFixed(1)} s (the full-text segments, once, for faster searches)`);
    console.log(`  bare FTS5 insert:    ${ingest.bareSeconds.toFixed(1)} s, ${Math.round(ingest.bareRate)} paragraphs/s`);
    console.log(`  pipeline / bare:     ${ingest.ratio.toFixed(2)}×`);
  }
  if (runSearch) {
    console.log(`search over ${folder} through the HTTP API (${connections} connections, ${seconds} s per kind):`);
    if (!runIngest) await buildIndex(indexDir);
    const profileDir = values.profile === undefined ? null : resolve(values.profile);
    if (profileDir !== null) mkdirSync(profileDir, { recursive: true });
    const search = await benchSearch(indexDir, { seconds, connections, rawSeconds: 2, profileDir, kinds }, (line) => console.log(line));
    console.log('');
    for (const line of formatSearchBench(search)) console.log(line);
  }
  console.log(`load average at end: ${loadAverage()}`);
} finally {
  memory.stop();
  rmSync(dir, { recursive: true, force: true });
}
