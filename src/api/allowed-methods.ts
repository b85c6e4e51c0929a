import type { RouterRoute } from 'hono/types';
import { TrieRouter } from 'hono/router/trie-router';

/**
 * The methods the app answers on `path`, for a 405's `Allow` header; empty when no route
 * has this path. Middleware is registered for every method (`ALL`) and names no route.
 */
export function allowedMethods(routes: readonly RouterRoute[], path: string): string[] {
  const router = new TrieRouter<string>();
  for (const route of routes) if (route.method !== 'ALL') router.add('ALL', route.path, route.method);
  const [handlers] = router.match('GET', path);
  const methods = new Set(handlers.map(([method]) => method));
  // Hono answers HEAD with the GET route.
  if (methods.has('GET')) methods.add('HEAD');
  return [...methods].sort();
}
