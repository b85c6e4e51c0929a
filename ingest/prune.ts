import { isAbsolute, relative, resolve } from 'node:path';
import type { SearchEngine } from '../src/engine/engine.js';
import { noFilters } from '../src/schema/query.js';

/** A folder as listed in this run: its absolute path, and the absolute path of each source in it with the statement id it takes. */
export interface ListedFolder {
  path: string;
  files: ReadonlyMap<string, string>;
}

export interface PrunedStatement {
  statementId: string;
  /** The source file it was indexed from, as its provenance names it. */
  path: string;
  /** When the file is still there but is indexed under another id now (an older version named it otherwise): that id. */
  replacedBy?: string;
}

const isInside = (folder: string, path: string): boolean => {
  const rel = relative(folder, path);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
};

const LISTING_PAGE = 1000;

/**
 * Every indexed statement's source path (undefined for a fetched or posted one), from the
 * statement listing: one paragraph a statement. Reading each whole statement instead took 1.6 s
 * for the 2,903 UN General Debate speeches; the listing takes 0.5 s.
 */
async function sourcePaths(engine: SearchEngine): Promise<Map<string, string | undefined>> {
  const paths = new Map<string, string | undefined>();
  for (let offset = 0; ; offset += LISTING_PAGE) {
    const { statements } = await engine.listStatements({ q: '', filters: noFilters(), order: 'date:asc', offset, limit: LISTING_PAGE });
    for (const { document } of statements) paths.set(document.statementId, document.source.path);
    if (statements.length < LISTING_PAGE) return paths;
  }
}

/**
 * Indexed statements whose source file lay under one of `folders` and is no longer among its
 * sources, or is indexed under another id now: until 2026-11-27 non-ASCII file names took
 * other ids, and re-ingesting them left the old statement beside the new one. That one goes
 * only once the file's statement under its new id is in the index, so a file that failed to
 * read this time keeps its only copy. Provenance paths are relative to the working folder of
 * the ingest that wrote them, so they are resolved against `cwd`. Statements in `keep` (every
 * id this run read or tried to read) are never candidates, nor are statements fetched from a URL.
 */
export async function findGone(
  engine: SearchEngine,
  folders: readonly ListedFolder[],
  keep: ReadonlySet<string>,
  cwd = process.cwd(),
): Promise<PrunedStatement[]> {
  if (folders.length === 0) return [];
  const gone: PrunedStatement[] = [];
  const paths = await sourcePaths(engine);
  for (const [statementId, path] of paths) {
    if (keep.has(statementId) || path === undefined) continue;
    const absolute = resolve(cwd, path);
    const folder = folders.find((candidate) => isInside(candidate.path, absolute));
    if (folder === undefined) continue;
    const current = folder.files.get(absolute);
    if (current === undefined) gone.push({ statementId, path });
    else if (current !== statementId) {
      // Only when this very file is indexed under its new id: another file of the same name
      // elsewhere may hold that id, and then this statement is the file's only copy.
      const currentPath = paths.get(current);
      if (currentPath !== undefined && resolve(cwd, currentPath) === absolute) gone.push({ statementId, path, replacedBy: current });
    }
  }
  return gone;
}

/** Deletes what `findGone` finds, once the engine confirms; returns what went. */
export async function pruneGone(
  engine: SearchEngine,
  folders: readonly ListedFolder[],
  keep: ReadonlySet<string>,
): Promise<PrunedStatement[]> {
  const gone = await findGone(engine, folders, keep);
  if (gone.length > 0) await engine.deleteStatements(gone.map((statement) => statement.statementId));
  return gone;
}
