import type { CheerioAPI } from 'cheerio';
import { normaliseParagraph } from '../normalise.js';
import { dateFromGroups, findDate, type FoundDate } from './dates.js';
import { isHttpUrl, type SiteProfile } from './site-profiles.js';

const clean = (text: string | undefined): string => normaliseParagraph(text ?? '');

/** `href` made absolute against where the page came from; null when it is not a usable URL. */
function absolute(href: string | undefined, base: string | null): string | null {
  if (!href?.trim()) return null;
  try {
    return new URL(href.trim(), base ?? undefined).href;
  } catch {
    return null;
  }
}

/**
 * The URLs a page is known by, best first: its canonical link, its og:url, the sidecar's
 * `url`, the source name when it was fetched. The first is the statement's URL; any may
 * pick the site profile.
 */
export function pageUrls($: CheerioAPI, name: string, sidecar: Record<string, unknown> | null): string[] {
  const given = [sidecar?.url, name].filter(isHttpUrl);
  const base = given[0] ?? null;
  const own = [
    absolute($('link[rel~="canonical" i]').attr('href'), base),
    absolute($('meta[property="og:url"]').attr('content'), base),
  ];
  return [...new Set([...own.filter(isHttpUrl), ...given])];
}

/** The title: the profile's selectors, else og:title, the first h1, the document title. */
export function pageTitle($: CheerioAPI, profile: SiteProfile | null): string | null {
  const candidates = [
    ...(profile?.title ?? []).map((selector) => clean($(selector).first().text())),
    clean($('meta[property="og:title"]').attr('content')),
    clean($('h1').first().text()),
    clean($('title').first().text()),
  ];
  return candidates.find((title) => title.length > 0) ?? null;
}

/** The primary language subtag the page declares (`en-GB` → `en`), else the profile's. */
export function pageLanguage($: CheerioAPI, profile: SiteProfile | null): string | null {
  const declared =
    $('html').attr('lang') ?? $('html').attr('xml:lang') ?? $('meta[http-equiv="content-language" i]').attr('content');
  const primary = clean(declared).split(/[-_,\s]/)[0]?.toLowerCase();
  return primary || (profile?.language ?? null);
}

// Where pages commonly state their own publication date.
const DATE_ELEMENTS: { selector: string; attribute: string | null }[] = [
  { selector: 'meta[property="article:published_time"]', attribute: 'content' },
  { selector: 'meta[itemprop="datePublished"], [itemprop="datePublished"][content]', attribute: 'content' },
  { selector: 'meta[name="date" i], meta[name="dc.date" i], meta[name="dcterms.date" i], meta[name="pubdate" i]', attribute: 'content' },
  { selector: 'time[datetime]', attribute: 'datetime' },
];

/** Where the trailing dateline's date goes among the candidates: it is only known once the body is read. */
export const DATELINE = 'dateline';
export type DateCandidate = FoundDate | typeof DATELINE;

/**
 * The statement's date as the page gives it, best first: the profile's rules in their order,
 * then the usual date metadata, a date written in the title, and last the trailing dateline.
 * Read before the page is stripped of its headers, where dates often sit.
 */
export function dateCandidates($: CheerioAPI, profile: SiteProfile | null, title: string | null): DateCandidate[] {
  const candidates: (DateCandidate | null)[] = [];
  for (const rule of profile?.date ?? []) {
    if (rule === DATELINE) {
      candidates.push(DATELINE);
      continue;
    }
    for (const element of $(rule.selector).toArray()) {
      const text = rule.attribute ? ($(element).attr(rule.attribute) ?? '') : $(element).text();
      candidates.push(rule.pattern ? dateFromGroups(text, new RegExp(rule.pattern, 'u')) : findDate(clean(text)));
    }
  }
  for (const { selector, attribute } of DATE_ELEMENTS) {
    const element = $(selector).first();
    if (element.length) candidates.push(findDate(clean(attribute ? element.attr(attribute) : element.text())));
  }
  candidates.push(title ? findDate(title) : null, DATELINE);
  return candidates.filter((candidate) => candidate !== null);
}
