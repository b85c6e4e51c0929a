import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

export const projectRoot = fileURLToPath(new URL('../../', import.meta.url));
export const corpusDir = join(projectRoot, 'corpus');
export const seedPath = join(corpusDir, '000_f9833616b54a3226.txt');
export const seedId = '000_f9833616b54a3226';

const FacetExpectation = z.object({ required: z.array(z.union([z.string(), z.number()])), optional: z.array(z.union([z.string(), z.number()])).optional() });

/** tests/fixtures/000_f9833616b54a3226.json: what the seed statement's normalisation and search must give. */
export const SeedExpectation = z.object({
  statement: z.object({
    issuer: z.string(),
    language: z.string(),
    paragraphs: z.number(),
    date: z.object({ value: z.string(), precision: z.string() }),
  }),
  paragraphs: z.array(
    z.object({
      n: z.number(),
      countries: FacetExpectation,
      groups: FacetExpectation,
      rounds: FacetExpectation,
      dates: FacetExpectation,
    }),
  ),
  queries: z.array(
    z.object({
      q: z.string().optional(),
      filter: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
      paragraphs: z.array(z.number()).optional(),
      paragraphs_include: z.array(z.number()).optional(),
      why: z.string().optional(),
    }),
  ),
});
export type SeedExpectation = z.infer<typeof SeedExpectation>;

export const seedExpectation: SeedExpectation = SeedExpectation.parse(
  JSON.parse(readFileSync(join(projectRoot, 'tests/fixtures/000_f9833616b54a3226.json'), 'utf8')),
);

/** A fresh temporary folder for one test's index; `cleanup` removes it. */
export function tempDataDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'communique-test-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
