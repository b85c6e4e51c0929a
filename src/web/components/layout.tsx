import type { Child } from 'hono/jsx';
import { raw } from 'hono/html';
import { assetHref, type Asset, type AssetName } from '../assets.js';

export interface LayoutProps {
  title: string;
  assets: Record<AssetName, Asset>;
  /** What the skip link jumps to. */
  skipLabel: string;
  children?: Child;
}

/** The document shell every page shares: local stylesheet and script only, no external requests. */
export const Layout = ({ title, assets, skipLabel, children }: LayoutProps) => (
  <>
    {raw('<!DOCTYPE html>')}
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light dark" />
        <title>{title}</title>
        {/* An empty icon, so the browser does not ask for /favicon.ico. */}
        <link rel="icon" href="data:," />
        <link rel="stylesheet" href={assetHref(assets, 'style.css')} />
        <script src={assetHref(assets, 'search.js')} defer></script>
      </head>
      <body>
        <a class="skip-link" href="#main">
          {skipLabel}
        </a>
        {children}
        <footer class="site-footer">
          <p>
            Communiqué — full-text search over foreign-ministry statements. The same searches as JSON:{' '}
            <a href="/openapi.json">API description</a>.
          </p>
        </footer>
      </body>
    </html>
  </>
);

/** The site's name, linking home: the page's heading on the search page, a plain link elsewhere. */
export const Brand = ({ heading = false }: { heading?: boolean }) => {
  const link = (
    <a class="brand" href="/">
      Communiqué
    </a>
  );
  return heading ? <h1 class="brand-heading">{link}</h1> : link;
};
