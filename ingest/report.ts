import type { IngestReport } from './pipeline.js';

const plural = (count: number, word: string): string => `${count} ${word}${count === 1 ? '' : 's'}`;

/** The summary a person reads after an ingest: what went in, what was skipped, and why each failure failed. */
export function formatReport(report: IngestReport): string {
  const lines = [
    `ingested ${plural(report.indexed, 'statement')} (${plural(report.paragraphs, 'paragraph')}), ` +
      `${report.unchanged} unchanged, ${report.failures.length} failed, of ${plural(report.sources, 'source')}`,
  ];
  for (const failure of report.failures) lines.push(`failed: ${failure.source}: ${failure.reason} [${failure.code}]`);
  return lines.join('\n');
}
