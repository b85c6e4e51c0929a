import { countryName } from '../../ingest/annotate/countries.js';
import { describeTalks } from '../../ingest/annotate/rounds.js';
import { UNNAMED_ANSWERER, UNNAMED_QUESTIONER } from '../../ingest/read/qa.js';
import type { ParagraphDocument } from '../schema/document.js';
import type { ApiFacet, ContextParagraph, ExportRow, FacetValue, Hit, Statement, StatementSummary } from '../schema/api.js';
import type { EngineHit, FacetCount } from '../schema/query.js';

const country = (code: string) => ({ code, name: countryName(code) });

function round(value: string) {
  const split = value.lastIndexOf(':');
  const talks = value.slice(0, split);
  const n = Number(value.slice(split + 1));
  return { value, talks, round: n, label: `${describeTalks(talks)}, round ${n}` };
}

/** What a hit says about its paragraph, with codes turned into names a person reads. */
function paragraphFields(document: ParagraphDocument) {
  return {
    id: document.id,
    paragraph: document.paragraph,
    text: document.text,
    speaker: document.speaker,
    countries: document.countries.map(country),
    groups: document.groups,
    talks: document.talks.map((id) => ({ id, label: describeTalks(id) })),
    rounds: document.rounds.map(round),
    mentionedDates: document.mentionedDates,
  };
}

function statementFields(document: ParagraphDocument) {
  return {
    title: document.title,
    issuer: document.issuer === null ? null : country(document.issuer),
    ministry: document.ministry,
    date: document.date,
    datePrecision: document.datePrecision,
    dateSource: document.dateSource,
    language: document.language,
    source: document.source,
  };
}

/**
 * A hit as an export row: the same fields as a search hit, without the marked-up copies. The
 * field groups are joined with Object.assign, not spread: spreading them into one object of some
 * twenty fields cost ~15 µs a row on the server thread, Object.assign under 1 µs.
 */
export const presentRow = (document: ParagraphDocument): ExportRow =>
  Object.assign(paragraphFields(document), statementFields(document), { statementId: document.statementId });

export const presentHit = ({ document, highlighted, snippet }: EngineHit): Hit => Object.assign(presentRow(document), { highlighted, snippet });

export const presentContextParagraph = (document: ParagraphDocument): ContextParagraph => ({
  id: document.id,
  paragraph: document.paragraph,
  text: document.text,
  speaker: document.speaker,
});

/** One line of the statement list: the statement's fields, how long it is and how much of it matched. */
export function presentStatementSummary(item: { document: ParagraphDocument; paragraphs: number; matches: number }): StatementSummary {
  return { id: item.document.statementId, ...statementFields(item.document), paragraphs: item.paragraphs, matches: item.matches };
}

/** A whole statement from its paragraphs, which all carry the statement's fields. */
export function presentStatement(paragraphs: [ParagraphDocument, ...ParagraphDocument[]]): Statement {
  return {
    id: paragraphs[0].statementId,
    ...statementFields(paragraphs[0]),
    paragraphs: paragraphs.map(paragraphFields),
  };
}

const speakerLabels: Record<string, string> = {
  [UNNAMED_QUESTIONER]: 'Question (outlet not named)',
  [UNNAMED_ANSWERER]: 'Answer (spokesperson not named)',
};

const labels: Record<ApiFacet, (value: string) => string> = {
  country: countryName,
  issuer: countryName,
  talks: describeTalks,
  round: (value) => round(value).label,
  group: (value) => value,
  speaker: (value) => speakerLabels[value] ?? value,
  year: (value) => value,
};

export const presentFacet = (facet: ApiFacet, counts: FacetCount[]): FacetValue[] =>
  counts.map(({ value, count }) => ({ value, label: labels[facet](value), count }));
