import { randomUUID } from 'node:crypto';
import { Meilisearch } from 'meilisearch';
import { afterAll, describe, it } from 'vitest';
import { createMeiliEngine } from '../../src/engine/meili/meili-engine.js';
import { describeEngineContract } from './contract.js';

const url = process.env['MEILI_URL'];
const apiKey = process.env['MEILI_API_KEY'] ?? null;

if (url === undefined || url === '') {
  console.log('meilisearch contract suite skipped: MEILI_URL is not set (no Meilisearch server on this machine)');
  describe.skip('meilisearch engine contract', () => {
    it('runs the shared engine contract against a live Meilisearch', () => {});
  });
} else {
  // A fresh index per engine opened, so runs (and parallel CI jobs) never see each other's documents.
  const created: string[] = [];

  describeEngineContract('meilisearch', () => {
    const indexUid = `communique_test_${Date.now()}_${randomUUID().slice(0, 8)}`;
    created.push(indexUid);
    return createMeiliEngine({ url, apiKey, indexUid });
  });

  afterAll(async () => {
    const client = new Meilisearch({ host: url, ...(apiKey === null ? {} : { apiKey }) });
    for (const uid of created) await client.deleteIndexIfExists(uid);
  });
}
