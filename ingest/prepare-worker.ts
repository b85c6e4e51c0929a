import { serveCalls } from '../src/workers/serve-calls.js';
import type { PrepareCall } from './prepare-pool.js';
import { prepareStatement } from './prepare.js';

/** A thread that reads, normalises and annotates sources while the main thread writes batches. */
serveCalls<PrepareCall>(({ raw, options }) =>
  prepareStatement(
    { ...raw, bytes: Buffer.from(raw.bytes.buffer, raw.bytes.byteOffset, raw.bytes.byteLength) },
    { ...options, retrievedAt: new Date(options.retrievedAt) },
  ),
);
