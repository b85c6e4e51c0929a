import type { Hit } from '../../schema/api.js';
import { formatIsoDate, safeHttpUrl } from '../format.js';

export const statementHref = (statementId: string, paragraph: number): string =>
  `/statements/${encodeURIComponent(statementId)}?p=${paragraph}#p${paragraph}`;

/** One matching paragraph. `highlighted` is the API's safe HTML (escaped text, `<mark>` only); every other field is text. */
export const HitItem = ({ hit }: { hit: Hit }) => {
  const source = safeHttpUrl(hit.source.url);
  const here = statementHref(hit.statementId, hit.paragraph);
  return (
    <li class="hit" data-statement={hit.statementId} data-paragraph={String(hit.paragraph)}>
      <article aria-labelledby={`hit-${hit.id}`}>
        <h3 class="hit-title" id={`hit-${hit.id}`}>
          <a href={here}>{hit.title}</a>
        </h3>
        <p class="hit-meta">
          <span>{hit.issuer?.name ?? 'Issuer unknown'}</span>
          {hit.date ? <time datetime={hit.date}>{formatIsoDate(hit.date)}</time> : <span>Undated</span>}
          <span>{`Paragraph ${hit.paragraph}`}</span>
          {hit.speaker ? <span>{`Speaker: ${hit.speaker}`}</span> : null}
        </p>
        <p class="hit-text" dangerouslySetInnerHTML={{ __html: hit.highlighted }} />
        <p class="hit-links">
          <a href={here}>{`Read in context, ¶ ${hit.paragraph}`}</a>
          {source ? (
            <a href={source} rel="external noopener noreferrer" class="source-link">
              {`Source (${new URL(source).hostname})`}
            </a>
          ) : hit.source.path ? (
            <span class="muted">{`Source file: ${hit.source.path}`}</span>
          ) : null}
        </p>
      </article>
    </li>
  );
};
