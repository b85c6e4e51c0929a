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
export type ServerMessage = { port: number } | { profiled: string } | { error: string };

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

let session: Session | null = null;

async function handle(message: ServerCommand): Promise<void> {
  switch (message.command) {
    case 'profile-start':
      session = new Session();
      session.connect();
      await session.post('Profiler.enable');
      // 250 µs samples: most requests take a few milliseconds.
      await session.post('Profiler.setSamplingInterval', { interval: 250 });
      await session.post('Profiler.start');
      return;
    case 'profile-stop': {
      if (session === null) throw new Error('profile-stop without profile-start');
      const { profile } = await session.post('Profiler.stop');
      session.disconnect();
      session = null;
      writeFileSync(message.file, JSON.stringify(profile));
      send({ profiled: message.file });
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
