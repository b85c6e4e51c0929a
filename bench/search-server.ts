/**
 * The search benchmark's server: a child process that serves the real app on the benchmark's
 * index, wired as `src/main.ts` wires it (pino request log, metrics registry, the HTTP policy
 * from the environment) but without ingesting, and without Node's connection timeouts, which
 * do not bear on a saturated keep-alive load. The load generator (the parent) thus does not
 * share its event loop. Talks to the parent over IPC: `{ port }` once listening, then profile
 * start/stop and stop commands.
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { serve } from '@hono/node-server';
import { pino } from 'pino';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { createApp } from '../src/api/app.js';
import { loadConfig } from '../src/config.js';
import { openEngine } from '../src/engine/open-engine.js';
import { loadIndexSettings } from '../src/engine/settings.js';

export type ServerCommand = { command: 'profile-start' } | { command: 'profile-stop'; file: string } | { command: 'stop' };
/** `profiled`: the files written, the main thread's first, then one per worker thread. */
export type ServerMessage = { port: number } | { profiling: true } | { profiled: string[] } | { error: string };

const send = (message: ServerMessage): void => {
  process.send?.(message);
};

const config = loadConfig(process.env);
const logger = pino({ level: config.logLevel });
const engine = await openEngine(config.engine, loadIndexSettings());
const registry = new Registry();
collectDefaultMetrics({ register: registry });
const app = createApp({ engine, adminToken: config.adminToken, logger, http: config.http, registry });
const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
  send({ port: info.port });
});

/**
 * CPU profiles of the main thread and of every worker thread (the engine's search threads):
 * the workers are reached through the inspector's NodeWorker domain from this thread's session.
 */
class ThreadProfiler {
  private readonly session = new Session();
  private readonly workers: string[] = [];
  private readonly pending = new Map<number, (result: unknown) => void>();
  private nextId = 1;

  async start(): Promise<void> {
    this.session.connect();
    this.session.on('NodeWorker.attachedToWorker', ({ params }) => this.workers.push(params.sessionId));
    this.session.on('NodeWorker.receivedMessageFromWorker', ({ params }) => {
      const reply = JSON.parse(params.message) as { id?: number; result?: unknown };
      const resolve = reply.id === undefined ? undefined : this.pending.get(reply.id);
      if (reply.id !== undefined && resolve) {
        this.pending.delete(reply.id);
        resolve(reply.result);
      }
    });
    await this.session.post('NodeWorker.enable', { waitForDebuggerOnStart: false });
    // The workers already running announce themselves just after `enable`.
    await new Promise((resolve) => setTimeout(resolve, 200));
    // 250 µs samples: most requests take a few milliseconds.
    await this.session.post('Profiler.enable');
    await this.session.post('Profiler.setSamplingInterval', { interval: 250 });
    await this.session.post('Profiler.start');
    for (const worker of this.workers) {
      await this.toWorker(worker, 'Profiler.enable');
      await this.toWorker(worker, 'Profiler.setSamplingInterval', { interval: 250 });
      await this.toWorker(worker, 'Profiler.start');
    }
  }

  /** Stops every profiler and writes `file` (this thread) and `file` + `.worker-n` (the others). */
  async stop(file: string): Promise<string[]> {
    const files = [file];
    writeFileSync(file, JSON.stringify((await this.session.post('Profiler.stop')).profile));
    for (const [i, worker] of this.workers.entries()) {
      const { profile } = (await this.toWorker(worker, 'Profiler.stop')) as { profile: unknown };
      const workerFile = file.replace(/\.cpuprofile$/, '') + `.worker-${i + 1}.cpuprofile`;
      writeFileSync(workerFile, JSON.stringify(profile));
      files.push(workerFile);
    }
    await this.session.post('NodeWorker.disable');
    this.session.disconnect();
    return files;
  }

  private toWorker(sessionId: string, method: string, params: object = {}): Promise<unknown> {
    const id = this.nextId++;
    const reply = new Promise<unknown>((resolve) => this.pending.set(id, resolve));
    const message = JSON.stringify({ id, method, params });
    return this.session.post('NodeWorker.sendMessageToWorker', { sessionId, message }).then(() => reply);
  }
}

let profiler: ThreadProfiler | null = null;

async function handle(message: ServerCommand): Promise<void> {
  switch (message.command) {
    case 'profile-start':
      profiler = new ThreadProfiler();
      await profiler.start();
      send({ profiling: true });
      return;
    case 'profile-stop': {
      if (profiler === null) throw new Error('profile-stop without profile-start');
      const files = await profiler.stop(message.file);
      profiler = null;
      send({ profiled: files });
      return;
    }
    case 'stop':
      server.close(() => void engine.close().then(() => process.exit(0)));
      return;
  }
}

process.on('message', (message: ServerCommand) => {
  handle(message).catch((error: unknown) => send({ error: error instanceof Error ? error.message : String(error) }));
});
// The parent gone (crashed or killed) leaves no server behind.
process.on('disconnect', () => process.exit(0));
