import type { ApiFacet, SearchRequest } from '../src/schema/api.js';

/** One search of the benchmark, in the API's own parameters. */
export interface BenchSearch {
  q: string;
  country?: string[];
  from?: string;
  sort?: SearchRequest['sort'];
  /** Distributions to count; none unless a kind is about facets (the API's default is country,group,round). */
  facets?: ApiFacet[];
}

/** A kind of search, measured on its own; its searches are sent in rotation. */
export interface SearchKind {
  name: string;
  searches: BenchSearch[];
}

export const HEADLINE = 'phrase + 2 filters + 3 facets';

const threeFacets: ApiFacet[] = ['country', 'group', 'year'];

/**
 * The fixed mix over the UNGD speeches (89k paragraphs). Words were picked from the index's
 * vocabulary: common ones in 15–18% of paragraphs, rare ones in 22–284. UNGD files have no
 * sidecar, so `issuer` is null everywhere and an issuer filter would only measure an empty set.
 */
export const searchKinds: SearchKind[] = [
  { name: 'word, common', searches: [{ q: 'development' }, { q: 'security' }, { q: 'peace' }] },
  { name: 'word, rare', searches: [{ q: 'desertification' }, { q: 'ebola' }, { q: 'landmines' }] },
  { name: 'two words', searches: [{ q: 'climate change' }, { q: 'human rights' }, { q: 'united nations' }] },
  {
    name: 'phrase',
    searches: [{ q: '"sustainable development goals"' }, { q: '"two-State solution"' }, { q: '"Security Council reform"' }],
  },
  { name: 'prefix', searches: [{ q: 'terro' }, { q: 'multilat' }, { q: 'refug' }] },
  { name: 'typo', searches: [{ q: 'sovreignty' }, { q: 'desertificaton' }, { q: 'multilateralsim' }] },
  {
    name: 'filters (country)',
    searches: [
      { q: 'security', country: ['FR', 'DE'] },
      { q: 'refugees', country: ['SY', 'IQ'] },
      { q: '', country: ['US', 'RU'] },
    ],
  },
  {
    name: '3 facet counts',
    searches: [
      { q: 'development', facets: threeFacets },
      { q: 'climate', facets: threeFacets },
      { q: 'terrorism', facets: threeFacets },
    ],
  },
  {
    name: 'date sort',
    searches: [
      { q: 'peace', sort: 'date:desc' },
      { q: 'pandemic', sort: 'date:desc' },
      { q: 'sanctions', sort: 'date:desc' },
    ],
  },
  {
    name: HEADLINE,
    searches: [
      { q: '"climate change"', country: ['US'], from: '2015', facets: threeFacets },
      { q: '"human rights"', country: ['SY'], from: '2012', facets: threeFacets },
      { q: '"sustainable development"', country: ['CN'], from: '2016', facets: threeFacets },
    ],
  },
];

/** The search as the API's query-string parameters: `facets=` is always sent, empty for none. */
export function searchPath(search: BenchSearch): string {
  const params = new URLSearchParams({ q: search.q });
  for (const country of search.country ?? []) params.append('country', country);
  if (search.from !== undefined) params.set('from', search.from);
  if (search.sort !== undefined) params.set('sort', search.sort);
  params.set('facets', (search.facets ?? []).join(','));
  return `/v1/search?${params.toString()}`;
}

/** The same search as the object the route validates (for the raw SQLite twin). */
export function searchInput(search: BenchSearch): Record<string, unknown> {
  return {
    q: search.q,
    country: search.country ?? [],
    ...(search.from === undefined ? {} : { from: search.from }),
    ...(search.sort === undefined ? {} : { sort: search.sort }),
    facets: search.facets ?? [],
  };
}
