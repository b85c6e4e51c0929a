import type { ParagraphTalks } from './rounds.js';
import type { TalksRef } from './talks.js';

/** The negotiations and rounds of one paragraph, every round tied to a talks id. */
export interface ResolvedTalks {
  talks: string[];
  rounds: { talks: string; n: number }[];
}

/**
 * Ties every round of a statement to a negotiation. A round whose words name none ("during
 * the first round in Doha") inherits the negotiation named nearest to it in the statement:
 * in its paragraph, else the closest one before, else the first one after; if the statement
 * names none, the round belongs to `${statementId}-talks`, which no other statement shares.
 */
export function resolveStatementTalks(paragraphs: readonly ParagraphTalks[], statementId: string): ResolvedTalks[] {
  const scoped = `${statementId}-talks`;
  const idOf = (ref: TalksRef): string | null => (ref.kind === 'known' ? ref.id : ref.kind === 'scoped' ? scoped : null);
  const named = paragraphs.map((p) =>
    [...p.mentions.map((m) => m.talks), ...p.rounds.filter((r) => r.attached).map((r) => r.talks)]
      .map(idOf)
      .filter((id): id is string => id !== null),
  );
  // A bare "the second round" counts only in a statement that speaks of talks at all.
  const aboutTalks = paragraphs.some((p) => p.mentions.length > 0 || p.rounds.some((r) => r.attached));

  const inherited = (index: number): string => {
    const here = named[index]?.[0];
    if (here) return here;
    for (let i = index - 1; i >= 0; i -= 1) if (named[i]!.length > 0) return named[i]!.at(-1)!;
    for (let i = index + 1; i < named.length; i += 1) if (named[i]!.length > 0) return named[i]![0]!;
    return scoped;
  };

  return paragraphs.map((p, index) => {
    const rounds = p.rounds
      .filter((r) => r.attached || aboutTalks)
      .map((r) => ({ talks: idOf(r.talks) ?? inherited(index), n: r.n }));
    const talks = [...new Set([...named[index]!, ...rounds.map((r) => r.talks)])];
    const unique = new Map(rounds.map((r) => [`${r.talks}:${r.n}`, r]));
    return { talks, rounds: [...unique.values()] };
  });
}
