import { join } from 'node:path';
import { loadIndexSettings } from '../src/engine/settings.js';
import { load, type LoadResult } from './load.js';
import { summariseProfiles, type ProfileSummary } from './profile.js';
import { RawSqlite } from './raw-sqlite.js';
import { HEADLINE, searchPath, type SearchKind } from './search-queries.js';
import { ServerChild } from './server-child.js';
import { ms, type Latency } from './stats.js';

export interface SearchBenchOptions {
  /** Seconds of load per kind at `connections`; the one-connection run takes half as long. */
  seconds: number;
  connections: number;
  /** Seconds of raw SQLite timing per kind. */
  rawSeconds: number;
  /** Where to write one `.cpuprofile` of the server per kind (an extra pass); null: no profiling. */
  profileDir: string | null;
  /** The kinds to measure (the whole mix is these kinds in rotation). */
  kinds: SearchKind[];
}

export interface KindResult {
  kind: string;
  /** Matches of each search of the kind, as the API counts them. */
  totals: number[];
  /** One connection: latency without queueing, the basis of the overhead ratio. */
  single: LoadResult;
  /** `connections` concurrent clients. */
  loaded: LoadResult;
  raw: Latency;
  /** API p50 at one connection / raw SQLite p50. */
  overhead: number;
  profile: ProfileSummary | null;
}

/** Connection counts the headline kind is also measured at: up to the cores, then beyond. */
const SWEEP = [2, 4];

export interface SearchBench {
  connections: number;
  kinds: KindResult[];
  mix: LoadResult;
  /** The headline kind at a few connection counts between 1 and `connections`, to show where queueing starts. */
  sweep: LoadResult[];
  warnings: string[];
}

async function totalOf(base: string, path: string): Promise<number> {
  const response = await fetch(base + path);
  const body = (await response.json()) as { total?: number; detail?: string };
  if (response.status !== 200 || typeof body.total !== 'number') {
    throw new Error(`${path} answered ${response.status}: ${body.detail ?? JSON.stringify(body)}`);
  }
  return body.total;
}

const pathsOf = (kind: SearchKind): string[] => kind.searches.map(searchPath);

/**
 * The search benchmark over an already ingested index in `dataDir`: the real server in a
 * child process, autocannon here, each kind of search on its own at one and at
 * `connections` connections, then the whole mix; then the same searches as bare SQLite.
 */
export async function benchSearch(
  dataDir: string,
  options: SearchBenchOptions,
  log: (line: string) => void,
): Promise<SearchBench> {
  const warnings: string[] = [];
  const measured: Omit<KindResult, 'raw' | 'overhead'>[] = [];
  const server = await ServerChild.start(dataDir);
  let mix: LoadResult;
  const sweep: LoadResult[] = [];
  try {
    const allPaths = options.kinds.flatMap(pathsOf);
    log(`  server on ${server.url}; warming up for 3 s`);
    await load(server.url, allPaths, options.connections, 3);
    for (const kind of options.kinds) {
      const paths = pathsOf(kind);
      const totals = await Promise.all(paths.map((path) => totalOf(server.url, path)));
      const single = await load(server.url, paths, 1, Math.max(2, options.seconds / 2));
      const loaded = await load(server.url, paths, options.connections, options.seconds);
      log(`  ${kind.name}: ${Math.round(loaded.perSecond)} req/s, p99 ${ms(loaded.latency.p99)} ms`);
      measured.push({ kind: kind.name, totals, single, loaded, profile: null });
    }
    mix = await load(server.url, allPaths, options.connections, options.seconds);
    const headline = options.kinds.find((kind) => kind.name === HEADLINE);
    if (headline) {
      for (const connections of SWEEP.filter((n) => n < options.connections)) {
        sweep.push(await load(server.url, pathsOf(headline), connections, options.seconds));
      }
    }
    if (options.profileDir !== null) {
      for (const [i, kind] of options.kinds.entries()) {
        const file = join(options.profileDir, `search-${i + 1}.cpuprofile`);
        const files = await server.profile(file, () =>
          load(server.url, pathsOf(kind), options.connections, Math.max(3, options.seconds / 2)),
        );
        const entry = measured[i];
        if (entry) entry.profile = summariseProfiles(files);
      }
    }
  } finally {
    await server.stop();
  }
  if (server.errors.trim() !== '') warnings.push(`the server wrote to stderr:\n${server.errors.trim()}`);

  const raw = new RawSqlite(dataDir, loadIndexSettings());
  const kinds: KindResult[] = [];
  try {
    for (const [i, kind] of options.kinds.entries()) {
      const api = measured[i];
      if (api === undefined) continue;
      const timed = raw.time(kind.searches, options.rawSeconds);
      if (timed.totals.join() !== api.totals.join()) {
        warnings.push(`${kind.name}: raw SQLite found ${timed.totals.join('/')} matches, the API ${api.totals.join('/')}`);
      }
      for (const run of [api.single, api.loaded]) {
        if (run.failed > 0) warnings.push(`${kind.name}: ${run.failed} failed requests at ${run.connections} connections`);
      }
      kinds.push({ ...api, raw: timed.latency, overhead: api.single.latency.p50 / timed.latency.p50 });
    }
  } finally {
    raw.close();
  }
  if (mix.failed > 0) warnings.push(`mix: ${mix.failed} failed requests`);
  for (const run of sweep) {
    if (run.failed > 0) warnings.push(`${HEADLINE}: ${run.failed} failed requests at ${run.connections} connections`);
  }
  return { connections: options.connections, kinds, mix, sweep, warnings };
}

/** The results as Markdown, ready for docs/BENCHMARKS.md. */
export function formatSearchBench(bench: SearchBench): string[] {
  const n = bench.connections;
  const lines = [
    `| kind | matches | API, 1 conn. p50 / p99 ms | API, ${n} conn. p50 / p99 ms | req/s at ${n} conn. | raw SQLite p50 / p99 ms | API / raw (p50) |`,
    '| --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const k of bench.kinds) {
    lines.push(
      `| ${k.kind} | ${k.totals.join(' / ')} | ${ms(k.single.latency.p50)} / ${ms(k.single.latency.p99)} | ${ms(k.loaded.latency.p50)} / ${ms(k.loaded.latency.p99)} | ${Math.round(k.loaded.perSecond)} | ${ms(k.raw.p50)} / ${ms(k.raw.p99)} | ${k.overhead.toFixed(2)}× |`,
    );
  }
  const m = bench.mix;
  lines.push(`| the whole mix, in rotation | | | ${ms(m.latency.p50)} / ${ms(m.latency.p99)} | ${Math.round(m.perSecond)} | | |`);

  const headline = bench.kinds.find((k) => k.kind === HEADLINE);
  if (headline) {
    const p99 = headline.loaded.latency.p99;
    lines.push('', `Target, ${HEADLINE} at ${n} connections: p99 ${ms(p99)} ms (target ≤ 25 ms: ${p99 <= 25 ? 'met' : 'not met'}).`);
    const runs = [headline.single, ...bench.sweep, headline.loaded];
    lines.push(
      '',
      `${HEADLINE}, by connections:`,
      '',
      '| connections | p50 ms | p99 ms | req/s |',
      '| --- | --- | --- | --- |',
      ...runs.map((run) => `| ${run.connections} | ${ms(run.latency.p50)} | ${ms(run.latency.p99)} | ${Math.round(run.perSecond)} |`),
      '',
    );
  }
  const within = bench.kinds.filter((k) => k.overhead <= 1.5).map((k) => k.kind);
  lines.push(
    `Target, API within 1.5× of raw SQLite: ${within.length} of ${bench.kinds.length} kinds${within.length > 0 ? ` (${within.join('; ')})` : ''}.`,
  );
  for (const k of bench.kinds) {
    if (k.profile === null) continue;
    const top = (list: ProfileSummary['functions'], count: number): string =>
      list
        .slice(0, count)
        .map((entry) => `${entry.name} ${(entry.share * 100).toFixed(0)}%`)
        .join('; ');
    lines.push(
      '',
      `Profile, ${k.kind} (busy / idle ms: ${k.profile.threads.map((t) => `${t.thread} ${Math.round(t.busyMs)} / ${Math.round(t.idleMs)}`).join(', ')}):`,
      `  by place: ${top(k.profile.places, 8)}`,
      `  by function (self): ${top(k.profile.functions, 10)}`,
    );
  }
  for (const warning of bench.warnings) lines.push('', `WARNING: ${warning}`);
  return lines;
}
