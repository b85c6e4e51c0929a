import type { RouterRoute } from 'hono/types';
import { TrieRouter } from 'hono/router/trie-router';

/**
 * For `Allow` headers (405, OPTIONS): a function from a path to the methods the app answers on it, empty
 * when no route has this path. The routes are read once, at the first call, when all are added.
 * Middleware is registered for every method (`ALL`) and names no route.
 */
export function allowedMethods(routes: readonly RouterRoute[]): (path: string) => string[] {
  let router: TrieRouter<string> | null = null;
  return (path) => {
    if (router === null) {
      router = new TrieRouter<string>();
      for (const route of routes) if (route.method !== 'ALL') router.add('ALL', route.path, route.method);
    }
    const [handlers] = router.match('GET', path);
    const methods = new Set(handlers.map(([method]) => method));
    // Hono answers HEAD with the GET route; the app answers OPTIONS on every path it has (app.ts).
    if (methods.has('GET')) methods.add('HEAD');
    if (methods.size > 0) methods.add('OPTIONS');
    return [...methods].sort();
  };
}
