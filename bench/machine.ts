import { execFileSync } from 'node:child_process';
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

const git = (...args: string[]): string => {
  try {
    return execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return '';
  }
};

/** The 1-minute load average: other work on the machine takes cores from the benchmark. */
export const loadAverage = (): string => (loadavg()[0] ?? 0).toFixed(2);

/** What a benchmark figure depends on: the machine, the runtime and the code. */
export function describeRun(): { date: string; machine: string; node: string; commit: string } {
  const changed = git('status', '--porcelain', '--untracked-files=no');
  const commit = git('rev-parse', '--short', 'HEAD') || 'unknown';
  return {
    date: new Date().toISOString(),
    machine: `${availableParallelism()} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB`,
    node: process.version,
    commit: changed === '' ? commit : `${commit} + uncommitted changes`,
  };
}
