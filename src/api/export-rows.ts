import type { ExportFormat, ExportRow } from '../schema/api.js';

/** CSV columns, in order: the header row names them. */
export const CSV_COLUMNS = [
  'id',
  'statementId',
  'paragraph',
  'date',
  'issuer',
  'title',
  'countries',
  'groups',
  'rounds',
  'text',
  'sourceUrl',
  'sourcePath',
  'sha256',
] as const;

const NEEDS_QUOTES = /[",\r\n]/;
// A cell a spreadsheet would run as a formula (OWASP's CSV injection list).
const FORMULA = /^[=+\-@\t\r]/;

/**
 * One RFC 4180 field: quoted when it holds a quote, comma or line break, quotes doubled; a
 * leading `=`, `+`, `-`, `@` gets an apostrophe so that a spreadsheet shows it as text.
 *
 * @example csvField('say "no", twice') // '"say ""no"", twice"'
 * @example csvField('=HYPERLINK("x")') // `"'=HYPERLINK(""x"")"`
 */
export function csvField(value: string): string {
  const safe = FORMULA.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

const csvRecord = (fields: string[]): string => `${fields.map(csvField).join(',')}\r\n`;

function csvFields(row: ExportRow): string[] {
  return [
    row.id,
    row.statementId,
    String(row.paragraph),
    row.date ?? '',
    row.issuer?.code ?? '',
    row.title,
    row.countries.map((country) => country.code).join(';'),
    row.groups.join(';'),
    row.rounds.map((round) => round.value).join(';'),
    row.text,
    row.source.url ?? '',
    row.source.path ?? '',
    row.source.sha256,
  ];
}

/** What opens an export before its first row: the CSV header; nothing for NDJSON. */
export const exportPreamble = (format: ExportFormat): string => (format === 'csv' ? csvRecord([...CSV_COLUMNS]) : '');

/** Rows as text: CSV records ending in CRLF, or one JSON object a line. */
export function encodeRows(format: ExportFormat, rows: ExportRow[]): string {
  if (format === 'csv') return rows.map((row) => csvRecord(csvFields(row))).join('');
  return rows.map((row) => `${JSON.stringify(row)}\n`).join('');
}

export const exportContentType: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8; header=present',
  ndjson: 'application/x-ndjson; charset=utf-8',
};
