import type { FacetValue, SearchResponse } from '../../schema/api.js';
import { formatCount } from '../format.js';
import type { FilterName, PageQuery } from '../page-query.js';

/** Values shown before the rest fold under "More". */
const VISIBLE = 8;

interface Option {
  /** What the checkbox submits: the URL's own spelling when it selected this value by name. */
  value: string;
  label: string;
  count: number | undefined;
  checked: boolean;
}

const same = (a: string, b: string) => a.localeCompare(b, 'en', { sensitivity: 'accent' }) === 0;

/**
 * The checkboxes of one facet: the API's values with their counts, and every selected value
 * even when this search no longer counts it, so a filter never hides where it cannot be undone.
 */
export function facetOptions(values: FacetValue[], selected: string[]): Option[] {
  const unmatched = new Set(selected);
  const options = values.map((facet): Option => {
    const chosen = selected.find((value) => same(value, facet.value) || same(value, facet.label));
    if (chosen !== undefined) unmatched.delete(chosen);
    return { value: chosen ?? facet.value, label: facet.label, count: facet.count, checked: chosen !== undefined };
  });
  for (const value of unmatched) options.push({ value, label: value, count: undefined, checked: true });
  return options;
}

const Checkbox = ({ name, option }: { name: FilterName; option: Option }) => (
  <label class="check">
    <input type="checkbox" form="search-form" name={name} value={option.value} checked={option.checked} />
    <span class="check-label">{option.label}</span>
    {option.count === undefined ? null : (
      <span class="count">
        <span class="vh">, </span>
        {formatCount(option.count)}
        <span class="vh">{option.count === 1 ? ' paragraph' : ' paragraphs'}</span>
      </span>
    )}
  </label>
);

const OptionList = ({ name, options }: { name: FilterName; options: Option[] }) => {
  const shown = options.slice(0, VISIBLE);
  const folded = options.slice(VISIBLE);
  return (
    <>
      <ul class="options">
        {shown.map((option) => (
          <li>
            <Checkbox name={name} option={option} />
          </li>
        ))}
      </ul>
      {folded.length === 0 ? null : (
        <details class="more" data-facet={name} open={folded.some((option) => option.checked)}>
          <summary>{`${formatCount(folded.length)} more`}</summary>
          <ul class="options">
            {folded.map((option) => (
              <li>
                <Checkbox name={name} option={option} />
              </li>
            ))}
          </ul>
        </details>
      )}
    </>
  );
};

const FacetGroup = ({ name, legend, options }: { name: FilterName; legend: string; options: Option[] }) =>
  options.length === 0 ? null : (
    <fieldset class="facet">
      <legend>{legend}</legend>
      <OptionList name={name} options={options} />
    </fieldset>
  );

interface Negotiation {
  talks: Option;
  rounds: Option[];
}

const roundNumber = (value: string) => Number(value.slice(value.lastIndexOf(':') + 1));

/** Rounds grouped under their negotiation: round 3 of one set of talks is not round 3 of another. */
function negotiations(response: SearchResponse | undefined, query: PageQuery): { groups: Negotiation[]; loose: Option[] } {
  const talksOptions = facetOptions(response?.facets.talks ?? [], query.filters.talks);
  const roundOptions = facetOptions(response?.facets.round ?? [], query.filters.round);
  const groups = new Map<string, Negotiation>();
  const loose: Option[] = [];
  const talksOption = (id: string, roundLabel: string): Option =>
    talksOptions.find((option) => option.value === id) ?? {
      value: id,
      label: roundLabel.replace(/, round \d+$/, ''),
      count: undefined,
      checked: false,
    };
  for (const option of roundOptions) {
    const split = option.value.lastIndexOf(':');
    // A selected `round=3` without its negotiation matches round 3 of any talks.
    if (option.count === undefined || split < 0) {
      loose.push({ ...option, label: /^\d+$/.test(option.value) ? `Round ${option.value}, any talks` : option.label });
      continue;
    }
    const id = option.value.slice(0, split);
    const group = groups.get(id) ?? { talks: talksOption(id, option.label), rounds: [] };
    group.rounds.push({ ...option, label: `Round ${roundNumber(option.value)}` });
    groups.set(id, group);
  }
  for (const option of talksOptions) if (!groups.has(option.value)) groups.set(option.value, { talks: option, rounds: [] });
  for (const group of groups.values()) group.rounds.sort((a, b) => roundNumber(a.value) - roundNumber(b.value));
  return { groups: [...groups.values()], loose };
}

const RoundsFacet = ({ response, query }: { response: SearchResponse | undefined; query: PageQuery }) => {
  const { groups, loose } = negotiations(response, query);
  if (groups.length === 0 && loose.length === 0) return null;
  return (
    <fieldset class="facet">
      <legend>Talks and rounds</legend>
      <ul class="options">
        {groups.map(({ talks, rounds }) => (
          <li class="negotiation">
            <Checkbox name="talks" option={talks} />
            {rounds.length === 0 ? null : (
              <ul class="options nested" aria-label={`Rounds of ${talks.label}`}>
                {rounds.map((option) => (
                  <li>
                    <Checkbox name="round" option={option} />
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
        {loose.map((option) => (
          <li>
            <Checkbox name="round" option={option} />
          </li>
        ))}
      </ul>
    </fieldset>
  );
};

/** The facet panels, one region the script swaps as a whole when the search changes. */
export const Facets = ({ response, query }: { response: SearchResponse | undefined; query: PageQuery }) => {
  const options = (name: FilterName, facet: keyof SearchResponse['facets']) =>
    facetOptions(response?.facets[facet] ?? [], query.filters[name]);
  return (
    <div id="facets" data-region="facets">
      <FacetGroup name="country" legend="Countries mentioned" options={options('country', 'country')} />
      <FacetGroup name="group" legend="Groups" options={options('group', 'group')} />
      <RoundsFacet response={response} query={query} />
      <FacetGroup name="issuer" legend="Issued by" options={options('issuer', 'issuer')} />
      <FacetGroup name="speaker" legend="Speakers" options={options('speaker', 'speaker')} />
    </div>
  );
};
