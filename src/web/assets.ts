import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';

/** The page's static files, bundled with the code: no CDN, no build step. */
const FILES = {
  'search.js': 'text/javascript; charset=utf-8',
  'style.css': 'text/css; charset=utf-8',
} as const;
export type AssetName = keyof typeof FILES;

export interface Asset {
  body: string;
  type: string;
  /** A short content hash: pages link `?v=<hash>`, so a cached copy is never stale. */
  version: string;
}

let loading: Promise<Record<AssetName, Asset>> | undefined;

async function load(): Promise<Record<AssetName, Asset>> {
  const entries = await Promise.all(
    Object.entries(FILES).map(async ([name, type]) => {
      const body = await readFile(new URL(`./assets/${name}`, import.meta.url), 'utf8');
      const version = createHash('sha256').update(body).digest('hex').slice(0, 12);
      return [name, { body, type, version }] as const;
    }),
  );
  return Object.fromEntries(entries) as Record<AssetName, Asset>;
}

/** Read once, on the first request that needs them, so `createApp` itself does no I/O. */
export function loadAssets(): Promise<Record<AssetName, Asset>> {
  loading ??= load().catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}

export const isAssetName = (name: string): name is AssetName => Object.hasOwn(FILES, name);

export const assetHref = (assets: Record<AssetName, Asset>, name: AssetName): string =>
  `/assets/${name}?v=${assets[name].version}`;
