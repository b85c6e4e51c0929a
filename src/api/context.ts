import type { SearchEngine } from '../engine/engine.js';
import type { Hit } from '../schema/api.js';
import type { ParagraphDocument } from '../schema/document.js';
import { presentContextParagraph } from './present.js';

/**
 * Adds to each hit, in place, up to `n` paragraphs of its statement on either side, in order. Each
 * statement is read once however many of its paragraphs are hits; `n` 0 (or none) adds nothing.
 *
 * @example await withContext(engine, hits, 2) // hit 5 gets paragraphs 3-4 before and 6-7 after
 */
export async function withContext(engine: SearchEngine, hits: Hit[], n: number | undefined): Promise<Hit[]> {
  if (!n) return hits;
  const statementIds = [...new Set(hits.map((hit) => hit.statementId))];
  const statements = new Map<string, ParagraphDocument[]>(
    await Promise.all(statementIds.map(async (id) => [id, await engine.getStatement(id)] as const)),
  );
  return hits.map((hit) => {
    const paragraphs = statements.get(hit.statementId) ?? [];
    // Positions, not paragraph numbers: a statement re-ingested between search and read may have shifted.
    const at = paragraphs.findIndex((paragraph) => paragraph.id === hit.id);
    // Added to the hit, not spread into a copy: see present.ts on spreading objects this wide.
    if (at < 0) return Object.assign(hit, { context: { before: [], after: [] } });
    return Object.assign(hit, {
      context: {
        before: paragraphs.slice(Math.max(0, at - n), at).map(presentContextParagraph),
        after: paragraphs.slice(at + 1, at + 1 + n).map(presentContextParagraph),
      },
    });
  });
}
