import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { projectRoot } from './helpers/seed.js';

describe('START_INGEST: what npm start ingests before it serves', () => {
  it('is the bundled corpus unless set, wherever the server is started from', () => {
    expect(loadConfig({}).startIngest).toEqual([join(projectRoot, 'corpus/')]);
  });

  it('takes comma-separated files and folders', () => {
    expect(loadConfig({ START_INGEST: ' corpus/readouts, ./sources/a.html ,' }).startIngest).toEqual(['corpus/readouts', './sources/a.html']);
  });

  it('ingests nothing when empty, for an API in front of an index a worker fills', () => {
    expect(loadConfig({ START_INGEST: '' }).startIngest).toEqual([]);
  });
});
