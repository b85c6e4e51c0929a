import { loadFileSource } from '../../ingest/load-source.js';
import { prepareStatement } from '../../ingest/prepare.js';
import type { ParagraphDocument, StatementDocuments } from '../../src/schema/document.js';
import { seedId, seedPath } from './seed.js';

/** The seed statement as the pipeline makes it, ready to be copied. */
export async function seedStatement(): Promise<StatementDocuments> {
  const raw = await loadFileSource(seedPath);
  return prepareStatement(raw, { statementId: seedId, path: 'corpus/000_f9833616b54a3226.txt', retrievedAt: new Date('2025-11-08T00:00:00Z') });
}

/** A copy of `seed` under another id and date, its paragraphs optionally rewritten. */
export function copyStatement(
  seed: StatementDocuments,
  statementId: string,
  date: string | null,
  text: (document: ParagraphDocument) => string = (document) => document.text,
): StatementDocuments {
  const dateNum = date === null ? 0 : Number(date.replaceAll('-', ''));
  return {
    statementId,
    fingerprint: `synthetic-${statementId}`,
    documents: seed.documents.map((document) => ({
      ...document,
      id: `${statementId}-p${document.paragraph}`,
      statementId,
      text: text(document),
      date,
      dateNum,
      year: date === null ? null : Number(date.slice(0, 4)),
      fingerprint: `synthetic-${statementId}`,
    })),
  };
}

/**
 * `count` copies of the seed, spread over 97 days of 2024 with every 50th undated, so a walk by
 * date crosses day boundaries, meets many ties within a day, and ends in the undated ones.
 */
export function syntheticCorpus(seed: StatementDocuments, count: number): StatementDocuments[] {
  return Array.from({ length: count }, (_, i) => {
    const day = i % 97;
    const date = i % 50 === 0 ? null : `2024-${String(1 + Math.floor(day / 28)).padStart(2, '0')}-${String(1 + (day % 28)).padStart(2, '0')}`;
    return copyStatement(seed, `syn-${i}`, date);
  });
}
