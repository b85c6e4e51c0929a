import type { Problem, Statement } from '../../schema/api.js';
import type { Asset, AssetName } from '../assets.js';
import { formatIsoDate, formatTimestamp, plural, safeHttpUrl } from '../format.js';
import { Brand, Layout } from './layout.js';

type Paragraph = Statement['paragraphs'][number];

const dateSourceNote: Record<NonNullable<Statement['dateSource']>, string> = {
  metadata: 'from the source metadata',
  page: 'from the page',
  'file-name': 'from the file name',
  'text-inferred': 'inferred from the text',
};

const ParagraphFacets = ({ paragraph }: { paragraph: Paragraph }) => {
  const parts = [
    paragraph.countries.length ? `Countries: ${paragraph.countries.map((c) => c.name).join(', ')}` : '',
    paragraph.groups.length ? `Groups: ${paragraph.groups.join(', ')}` : '',
    paragraph.rounds.length ? `Rounds: ${paragraph.rounds.map((r) => r.label).join('; ')}` : '',
  ].filter(Boolean);
  return parts.length ? <p class="para-facets">{parts.join(' · ')}</p> : null;
};

const ParagraphItem = ({ paragraph, matched }: { paragraph: Paragraph; matched: boolean }) => (
  <section
    id={`p${paragraph.paragraph}`}
    class={matched ? 'para is-match' : 'para'}
    aria-label={`Paragraph ${paragraph.paragraph}${matched ? ', the matched paragraph' : ''}`}
    data-match={matched ? '' : undefined}
  >
    <a class="para-num" href={`#p${paragraph.paragraph}`} title={`Link to paragraph ${paragraph.paragraph}`}>
      <span class="vh">Paragraph </span>
      {String(paragraph.paragraph)}
    </a>
    <div class="para-body">
      {matched ? <p class="match-label">Matched paragraph</p> : null}
      {paragraph.speaker ? <p class="speaker">{paragraph.speaker}</p> : null}
      <p class="para-text">{paragraph.text}</p>
      <ParagraphFacets paragraph={paragraph} />
    </div>
  </section>
);

const Provenance = ({ statement }: { statement: Statement }) => {
  const url = safeHttpUrl(statement.source.url);
  return (
    <aside class="provenance" aria-labelledby="provenance-heading">
      <h2 id="provenance-heading">Provenance</h2>
      <dl>
        {statement.source.url ? (
          <>
            <dt>Source URL</dt>
            <dd class="break">
              {url ? (
                <a href={url} rel="external noopener noreferrer">
                  {statement.source.url}
                </a>
              ) : (
                statement.source.url
              )}
            </dd>
          </>
        ) : null}
        {statement.source.path ? (
          <>
            <dt>Source file</dt>
            <dd class="break">
              <code>{statement.source.path}</code>
            </dd>
          </>
        ) : null}
        <dt>Retrieved</dt>
        <dd>
          <time datetime={statement.source.retrievedAt}>{formatTimestamp(statement.source.retrievedAt)}</time>
        </dd>
        <dt>SHA-256 of the source</dt>
        <dd class="break">
          <code class="hash">{statement.source.sha256}</code>
        </dd>
        <dt>Statement id</dt>
        <dd class="break">
          <code>{statement.id}</code>
        </dd>
        <dt>Language</dt>
        <dd>{statement.language}</dd>
      </dl>
      <p>
        <a href={`/v1/statements/${encodeURIComponent(statement.id)}`}>This statement as JSON</a>
      </p>
    </aside>
  );
};

export interface StatementView {
  statement: Statement;
  /** The paragraph a search led to, from `?p=`. */
  matched: number | undefined;
  /** Where "back to results" goes: the search page the reader came from, or a fresh one. */
  back: string;
}

/** A whole statement, each paragraph citable as `#pN`, with where it came from. */
export const StatementPage = ({ view, assets }: { view: StatementView; assets: Record<AssetName, Asset> }) => {
  const { statement, matched, back } = view;
  return (
    <Layout title={`${statement.title} — Communiqué`} assets={assets} skipLabel="Skip to the statement">
      <header class="site-header">
        <div class="header-inner">
          <Brand />
          <nav aria-label="Breadcrumb" class="crumbs">
            <a href={back}>← Back to the search</a>
          </nav>
        </div>
      </header>
      <main id="main" class="statement-main" tabindex={-1}>
        <article class="statement" aria-labelledby="statement-title">
          <header class="statement-header">
            <p class="eyebrow">{[statement.issuer?.name ?? 'Issuer unknown', statement.ministry].filter(Boolean).join(' · ')}</p>
            <h1 id="statement-title">{statement.title}</h1>
            <p class="statement-meta">
              {statement.date ? (
                <>
                  <time datetime={statement.date}>{formatIsoDate(statement.date)}</time>
                  {statement.dateSource ? <span class="muted">{` (date ${dateSourceNote[statement.dateSource]})`}</span> : null}
                </>
              ) : (
                <span>Undated</span>
              )}
              <span aria-hidden="true"> · </span>
              <span>{plural(statement.paragraphs.length, 'paragraph')}</span>
            </p>
          </header>
          <div class="statement-layout">
            <div class="paragraphs">
              {statement.paragraphs.map((paragraph) => (
                <ParagraphItem paragraph={paragraph} matched={paragraph.paragraph === matched} />
              ))}
            </div>
            <Provenance statement={statement} />
          </div>
        </article>
      </main>
    </Layout>
  );
};

/** The statement page when there is no statement to show. */
export const StatementProblemPage = ({ problem, assets }: { problem: Problem; assets: Record<AssetName, Asset> }) => (
  <Layout title="Statement not found — Communiqué" assets={assets} skipLabel="Skip to the message">
    <header class="site-header">
      <div class="header-inner">
        <Brand />
      </div>
    </header>
    <main id="main" class="statement-main" tabindex={-1}>
      <div class="notice notice-error" role="alert">
        <p class="notice-title">
          {problem.status === 404 || problem.status === 400 ? 'There is no statement at this address.' : 'The statement could not be loaded.'}
        </p>
        <p>{problem.status >= 500 ? 'Try again in a moment.' : problem.detail}</p>
        <p>
          <a href="/">Search the statements</a>
        </p>
      </div>
    </main>
  </Layout>
);
