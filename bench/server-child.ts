import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ServerCommand, ServerMessage } from './search-server.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const entry = fileURLToPath(new URL('./search-server.ts', import.meta.url));

/** The environment the server child reads its configuration from: embedded engine, loopback, no rate limit. */
function serverEnv(dataDir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of ['MEILI_URL', 'MEILI_API_KEY', 'MEILI_INDEX']) delete env[key];
  return {
    ...env,
    DATA_DIR: dataDir,
    HOST: '127.0.0.1',
    PORT: '0',
    // The load generator is one client sending thousands of requests a second: the per-client limit would answer 429.
    RATE_LIMIT_PER_MINUTE: '0',
  };
}

/** The API server in a child process, on 127.0.0.1 and a free port, serving the index in `dataDir`. */
export class ServerChild {
  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
    private readonly log: { stderr: string },
  ) {}

  static async start(dataDir: string): Promise<ServerChild> {
    const child = fork(entry, [], {
      cwd: root,
      env: serverEnv(dataDir),
      execArgv: ['--import', 'tsx'],
      // Request logs, if the app writes any, cost what they cost in production but are not shown.
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    const log = { stderr: '' };
    child.stderr?.on('data', (chunk: Buffer) => {
      log.stderr = (log.stderr + chunk.toString()).slice(-8000);
    });
    try {
      const message = await nextMessage(child, (m): m is { port: number } => 'port' in m, 60_000, () => log.stderr);
      return new ServerChild(child, `http://127.0.0.1:${message.port}`, log);
    } catch (error) {
      child.kill('SIGKILL');
      throw error;
    }
  }

  /** What the server wrote to stderr lately (errors it logged). */
  get errors(): string {
    return this.log.stderr;
  }

  private send(command: ServerCommand): void {
    this.child.send(command);
  }

  /** Runs `work` while the server's threads are sampled; returns the profile files written (`file` first). */
  async profile(file: string, work: () => Promise<unknown>): Promise<string[]> {
    this.send({ command: 'profile-start' });
    await nextMessage(this.child, (m): m is { profiling: true } => 'profiling' in m, 60_000, () => this.log.stderr);
    await work();
    this.send({ command: 'profile-stop', file });
    const done = await nextMessage(this.child, (m): m is { profiled: string[] } => 'profiled' in m, 60_000, () => this.log.stderr);
    return done.profiled;
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.send({ command: 'stop' });
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }
}

function nextMessage<T extends ServerMessage>(
  child: ChildProcess,
  wanted: (message: ServerMessage) => message is T,
  timeoutMs: number,
  stderr: () => string,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const fail = (reason: string): void => {
      cleanup();
      reject(new Error(`benchmark server: ${reason}\n${stderr()}`));
    };
    const onMessage = (message: ServerMessage): void => {
      if ('error' in message) fail(message.error);
      else if (wanted(message)) {
        cleanup();
        resolve(message);
      }
    };
    const onExit = (code: number | null, signal: string | null): void => fail(`exited (${signal ?? code})`);
    const timer = setTimeout(() => fail(`no answer within ${timeoutMs / 1000} s`), timeoutMs);
    const cleanup = (): void => {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
    };
    child.on('message', onMessage);
    child.on('exit', onExit);
  });
}
