import { resolveCountry } from '../../ingest/annotate/countries.js';
import { resolveGroup } from '../../ingest/annotate/groups.js';
import { AppError } from '../errors.js';
import type { ApiFacet, SearchRequest } from '../schema/api.js';
import type { EngineFilters, EngineQuery, FacetField } from '../schema/query.js';

export const facetField: Record<ApiFacet, FacetField> = {
  country: 'countries',
  group: 'groups',
  talks: 'talks',
  round: 'rounds',
  issuer: 'issuer',
  speaker: 'speaker',
  year: 'year',
};

const unknownValue = (parameter: string, value: string, hint: string): AppError =>
  new AppError('UNKNOWN_FACET_VALUE', `${parameter}: "${value}" ${hint}`, { extra: { parameter, value } });

function resolveAll(parameter: string, values: string[], resolve: (value: string) => string | null, hint: string) {
  return values.map((value) => {
    const resolved = resolve(value);
    if (resolved === null) throw unknownValue(parameter, value, hint);
    return resolved;
  });
}

const TALKS_ID = /^[A-Za-z0-9_-]+$/;

/** `3` is round 3 of any negotiation; `AF-PK-talks:3` (or `3` with `talks=AF-PK-talks`) is round 3 of that one. */
function resolveRounds(rounds: string[], talks: string[]): Pick<EngineFilters, 'rounds' | 'roundNumbers'> {
  const keys: string[] = [];
  const numbers: number[] = [];
  for (const value of rounds) {
    const keyed = /^([A-Za-z0-9_-]+):([1-9]\d{0,3})$/.exec(value);
    if (keyed) keys.push(value);
    else if (/^[1-9]\d{0,3}$/.test(value)) numbers.push(Number(value));
    else throw unknownValue('round', value, 'is neither a round number (3) nor a talks round (AF-PK-talks:3)');
  }
  if (talks.length > 0 && numbers.length > 0) {
    return { rounds: [...keys, ...talks.flatMap((id) => numbers.map((n) => `${id}:${n}`))], roundNumbers: [] };
  }
  return { rounds: keys, roundNumbers: numbers };
}

/** yyyymmdd bounds: `from` is a period's first day, `to` its last (`2025-10` ends at 20251099). */
const lowerBound = (date: string): number => Number(`${date}-01-01`.slice(0, 10).replaceAll('-', ''));
const upperBound = (date: string): number => Number(`${date}-99-99`.slice(0, 10).replaceAll('-', ''));

/** The parameters that filter, shared by search, facet search, the statement list and the export. */
export type FilterParameters = Pick<SearchRequest, 'country' | 'group' | 'talks' | 'round' | 'issuer' | 'speaker' | 'from' | 'to'>;

/** Filters as the API takes them (names, codes, aliases) resolved to the canonical keys engines store. */
export function resolveFilters(request: FilterParameters): EngineFilters {
  for (const id of request.talks) {
    if (!TALKS_ID.test(id)) throw unknownValue('talks', id, 'is not a talks id (letters, digits, _ and -)');
  }
  // A `to` alone still starts at the first dated day: an undated statement is before no date.
  const from = request.from === undefined ? (request.to === undefined ? null : 1) : lowerBound(request.from);
  const to = request.to === undefined ? null : upperBound(request.to);
  if (from !== null && to !== null && from > to) {
    throw new AppError('INVALID_PARAMETER', `from (${request.from}) is after to (${request.to})`, {
      extra: { parameter: 'from' },
    });
  }
  return {
    countries: resolveAll('country', request.country, resolveCountry, 'is not a country name, alias or ISO code'),
    groups: resolveAll('group', request.group, resolveGroup, 'is not a known group or alias'),
    talks: request.talks,
    ...resolveRounds(request.round, request.talks),
    issuers: resolveAll('issuer', request.issuer, resolveCountry, 'is not a country name, alias or ISO code'),
    speakers: request.speaker,
    statementIds: [],
    from,
    to,
  };
}

export function toEngineQuery(request: SearchRequest): EngineQuery {
  return {
    q: request.q,
    filters: resolveFilters(request),
    sort: request.sort,
    offset: (request.page - 1) * request.perPage,
    limit: request.perPage,
    facets: request.facets.map((facet) => facetField[facet]),
  };
}
