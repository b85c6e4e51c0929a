import { serveCalls } from '../src/workers/serve-calls.js';
import { loadFileSource } from './load-source.js';
import type { PrepareCall } from './prepare-pool.js';
import { prepareIfChanged } from './prepare.js';

/** A thread that reads, normalises and annotates sources while the main thread writes batches. */
serveCalls<PrepareCall>((call) => {
  const options = { ...call.options, retrievedAt: new Date(call.options.retrievedAt) };
  if ('file' in call) {
    return loadFileSource(call.file).then((raw) => prepareIfChanged(raw, call.indexed, options));
  }
  const { raw } = call;
  return prepareIfChanged({ ...raw, bytes: Buffer.from(raw.bytes.buffer, raw.bytes.byteOffset, raw.bytes.byteLength) }, call.indexed, options);
});
