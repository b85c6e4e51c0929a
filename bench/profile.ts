import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface SelfTime {
  name: string;
  ms: number;
  /** Of the busy (not idle) time. */
  share: number;
}

export interface ThreadTime {
  thread: string;
  busyMs: number;
  /** Idle, and the profiler's own work. */
  idleMs: number;
}

export interface ProfileSummary {
  threads: ThreadTime[];
  /** Busy time of all threads together: the base of every share. */
  busyMs: number;
  functions: SelfTime[];
  places: SelfTime[];
}

const root = fileURLToPath(new URL('..', import.meta.url));

/** Where a function lives, coarsely: a package, `node:`, a folder of ours, or the VM itself. */
function placeOf(url: string): string {
  if (url === '') return '(V8: GC, runtime)';
  if (url.startsWith('node:')) return 'node: internals';
  const path = url.replace(/^file:\/\//, '');
  const modules = path.lastIndexOf('/node_modules/');
  if (modules >= 0) {
    const [scope, name] = path.slice(modules + '/node_modules/'.length).split('/');
    return scope?.startsWith('@') ? `${scope}/${name ?? ''}` : (scope ?? path);
  }
  const relative = path.startsWith(root) ? path.slice(root.length) : path;
  return relative.split('/').slice(0, -1).join('/') || relative;
}

// Line numbers are left out: tsx's transpiled output does not keep the source's lines.
function labelOf({ functionName, url }: ProfileNode['callFrame']): string {
  const name = functionName || '(anonymous)';
  if (url === '') return name;
  const path = url.replace(/^file:\/\//, '');
  const modules = path.lastIndexOf('/node_modules/');
  const short = modules >= 0 ? path.slice(modules + '/node_modules/'.length) : path.startsWith(root) ? path.slice(root.length) : path;
  return `${name} (${short})`;
}

/** A native function (better-sqlite3's `run`, `all`, ...) says little alone: name it with the JavaScript that called it. */
const isNative = ({ functionName, url }: ProfileNode['callFrame']): boolean => url === '' && !functionName.startsWith('(');

function ranked(times: Map<string, number>, busyMs: number, top: number): SelfTime[] {
  return [...times]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([name, ms]) => ({ name, ms, share: ms / busyMs }));
}

/** Self time by function and by place over the profiles of several threads (`files[0]` the main one), idle time set apart. */
export function summariseProfiles(files: string[], top = 12): ProfileSummary {
  const byFunction = new Map<string, number>();
  const byPlace = new Map<string, number>();
  const threads = files.map((file, i) => {
    const { busyMs, idleMs } = addProfile(file, byFunction, byPlace);
    return { thread: i === 0 ? 'main' : `worker ${i}`, busyMs, idleMs };
  });
  const busyMs = threads.reduce((sum, thread) => sum + thread.busyMs, 0);
  return { threads, busyMs, functions: ranked(byFunction, busyMs, top), places: ranked(byPlace, busyMs, top) };
}

function addProfile(file: string, byFunction: Map<string, number>, byPlace: Map<string, number>): { busyMs: number; idleMs: number } {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const parents = new Map<number, ProfileNode>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node);
  const caller = (id: number): ProfileNode['callFrame'] | undefined => {
    let parent = parents.get(id);
    while (parent !== undefined && isNative(parent.callFrame)) parent = parents.get(parent.id);
    return parent?.callFrame;
  };
  let idleMs = 0;
  let totalMs = 0;
  profile.samples.forEach((id, i) => {
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    const frame = nodes.get(id)?.callFrame;
    totalMs += ms;
    if (frame === undefined || frame.functionName === '(idle)') {
      idleMs += ms;
      return;
    }
    const from = isNative(frame) ? caller(id) : undefined;
    // The inspector session that takes the profile is not the server's work.
    if (from?.url === 'node:inspector') {
      idleMs += ms;
      return;
    }
    const label = from === undefined ? labelOf(frame) : `${frame.functionName} (native) ← ${labelOf(from)}`;
    byFunction.set(label, (byFunction.get(label) ?? 0) + ms);
    const place = from === undefined ? placeOf(frame.url) : `native, called from ${placeOf(from.url)}`;
    byPlace.set(place, (byPlace.get(place) ?? 0) + ms);
  });
  return { busyMs: totalMs - idleMs, idleMs };
}
