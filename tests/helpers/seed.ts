import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

export const projectRoot = fileURLToPath(new URL('../../', import.meta.url));
export const corpusDir = join(projectRoot, 'corpus');
export const seedPath = join(corpusDir, '000_f9833616b54a3226.txt');
export const seedId = '000_f9833616b54a3226';

/**
 * A handful of the bundled corpus's published pages, for tests that want real sources of every
 * kind in a small index: Chinese MFA press conferences (Q&A), Belarus MFA statements, White House readouts.
 */
export const corpusSample = [
  'html/fmprc/t1593756.html',
  'html/fmprc/t1689110.html',
  'html/fmprc/t1752564.html',
  'html/fmprc/t1767935.html',
  'html/mfa.gov.by/b7b71aff55bfca76.html',
  'html/mfa.gov.by/bf7e69d3fec2c5f0.html',
  'readouts/2021-02-10-readout-of-president-joseph-r-biden-jr-call-with-president-xi-jinping-of-china.md',
  'readouts/2022-01-20-readout-of-president-bidens-meeting-with-the-presidents-council-of-advisors-on-science-and-technology-pcast.md',
  'readouts/2022-05-22-readout-of-president-bidens-call-with-prime-minister-designate-anthony-albanese.md',
  'readouts/2022-09-08-readout-of-white-house-listening-session-on-tech-platform-accountability.md',
  'readouts/2024-05-07-readout-of-president-joe-bidens-meeting-with-ceos.md',
  'readouts/2024-06-15-readout-of-vice-president-harriss-meeting-with-president-zelenskyy-of-ukraine-3.md',
].map((path) => join(corpusDir, path));

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
