/** How the pages write numbers, dates and links for people. */

const numberFormat = new Intl.NumberFormat('en');

export const formatCount = (n: number): string => numberFormat.format(n);

/** `1 paragraph`, `1,204 paragraphs`. */
export const plural = (n: number, one: string, many = `${one}s`): string => `${formatCount(n)} ${n === 1 ? one : many}`;

const dateFormats = {
  day: new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }),
  month: new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' }),
  year: new Intl.DateTimeFormat('en-GB', { year: 'numeric', timeZone: 'UTC' }),
};

/** An ISO date (`2025`, `2025-11`, `2025-11-07`) at its own precision: `7 November 2025`, `November 2025`, `2025`. */
export function formatIsoDate(iso: string): string {
  const [year, month = 1, day = 1] = iso.split('-').map(Number);
  if (year === undefined || Number.isNaN(year)) return iso;
  const precision = iso.length >= 10 ? 'day' : iso.length >= 7 ? 'month' : 'year';
  return dateFormats[precision].format(new Date(Date.UTC(year, month - 1, day)));
}

const timestampFormat = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' });

/** An ISO timestamp as `27 November 2026 at 10:42 UTC`. */
export function formatTimestamp(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : `${timestampFormat.format(date)} UTC`;
}

/**
 * A source URL only if it is safe to put in an href: http or https. A sidecar or a page can
 * carry any string, and `javascript:` in an href runs when clicked, escaped or not.
 */
export function safeHttpUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}
