import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { benchIngest } from './ingest.js';
import { PeakMemory } from './memory.js';

const { values } = parseArgs({
  options: { ungd: { type: 'string', default: '../shared/bench/ungd' } },
});
const folder = resolve(values.ungd ?? '../shared/bench/ungd');
const dir = mkdtempSync(join(tmpdir(), 'communique-bench-'));
const memory = new PeakMemory();

try {
  console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`);
  console.log(`date: ${new Date().toISOString()}`);
  console.log(`ingest of ${folder} into the embedded engine:`);
  const ingest = await benchIngest(folder, dir, memory);
  console.log(`  ${ingest.files} files, ${ingest.paragraphs} paragraphs`);
  console.log(`  pipeline end to end: ${ingest.pipelineSeconds.toFixed(1)} s, ${Math.round(ingest.pipelineRate)} paragraphs/s, peak RSS ${ingest.peakRssMb} MB`);
  console.log(`  bare FTS5 insert:    ${ingest.bareSeconds.toFixed(1)} s, ${Math.round(ingest.bareRate)} paragraphs/s`);
  console.log(`  pipeline / bare:     ${ingest.ratio.toFixed(2)}×`);
} finally {
  memory.stop();
  rmSync(dir, { recursive: true, force: true });
}
