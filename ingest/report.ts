import type { IngestReport } from './pipeline.js';

const plural = (count: number, word: string): string => `${count} ${word}${count === 1 ? '' : 's'}`;

/**
 * The summary a person reads after an ingest: what went in, what was skipped, and why each
 * failure failed; then what `--prune` deleted, if it ran.
 */
export function formatReport(report: IngestReport, options: { prune?: boolean } = {}): string {
  const lines = [
    `ingested ${plural(report.indexed, 'statement')} (${plural(report.paragraphs, 'paragraph')}), ` +
      `${report.unchanged} unchanged, ${report.failures.length} failed, of ${plural(report.sources, 'source')}`,
  ];
  for (const failure of report.failures) lines.push(`failed: ${failure.source}: ${failure.reason} [${failure.code}]`);
  if (options.prune || report.pruned.length > 0) {
    lines.push(`pruned ${plural(report.pruned.length, 'statement')} whose source file is gone or has a new id`);
    for (const gone of report.pruned) {
      const replaced = gone.replacedBy === undefined ? '' : `; the file is statement ${gone.replacedBy} now`;
      lines.push(`pruned: ${gone.path} (statement ${gone.statementId}${replaced})`);
    }
  }
  if (report.optimizeFailure !== null) {
    lines.push(`not reorganised for searching: ${report.optimizeFailure} (the statements are indexed; the next ingest run will reorganise it)`);
  }
  return lines.join('\n');
}
