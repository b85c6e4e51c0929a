// Worker threads do not inherit the TypeScript loader of `tsx`: register it here when the
// worker's entry is a .ts file (as under `npm start` and the tests), then load the entry.
import { workerData } from 'node:worker_threads';

if (workerData.entry.endsWith('.ts')) {
  const { register } = await import('tsx/esm/api');
  register();
}
await import(workerData.entry);
