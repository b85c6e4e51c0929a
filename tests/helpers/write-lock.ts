import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { projectRoot } from './seed.js';

/**
 * Another process that takes the index file's write lock and keeps it for `ms`: resolves once it
 * holds it, with the promise of its exit.
 */
export async function holdWriteLock(dir: string, ms: number): Promise<{ released: Promise<void> }> {
  const script = `const db = new (require('better-sqlite3'))(${JSON.stringify(join(dir, 'communique.sqlite'))});
    db.exec('BEGIN IMMEDIATE'); console.log('locked');
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ${ms}); db.exec('COMMIT');`;
  const child = spawn(process.execPath, ['-e', script], { cwd: projectRoot, stdio: ['ignore', 'pipe', 'inherit'] });
  const released = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  await new Promise<void>((resolve) => child.stdout.on('data', () => resolve()));
  return { released };
}
