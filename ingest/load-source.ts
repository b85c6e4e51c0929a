import { readFile, readdir, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { AppError } from '../src/errors.js';
import type { RawSource } from './extracted.js';

/** Larger files are refused before they are read: no statement is 20 MB of text. */
export const MAX_SOURCE_BYTES = 20 * 1024 * 1024;

const SOURCE_EXTENSIONS = new Set(['.txt', '.md', '.markdown', '.html', '.htm']);

const describe = (error: unknown): string => {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file or folder';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'is a folder';
  return error instanceof Error ? error.message : String(error);
};

/** Files under a folder that look like sources, sorted so runs are repeatable; sidecars are not sources. */
export async function listSourceFiles(path: string): Promise<string[]> {
  let info;
  try {
    info = await stat(path);
  } catch (cause) {
    throw new AppError('UNREADABLE_SOURCE', describe(cause), { cause });
  }
  if (!info.isDirectory()) return [path];
  const entries = await readdir(path, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && !entry.name.startsWith('.') && SOURCE_EXTENSIONS.has(extname(entry.name).toLowerCase()))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

async function readOptional(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new AppError('UNREADABLE_SOURCE', `${path}: ${describe(error)}`, { cause: error });
  }
}

/** Reads a file and what lies beside it: `x.meta.json` (metadata) and `x.url` (where a saved page came from). */
export async function loadFileSource(path: string): Promise<RawSource> {
  let bytes: Buffer;
  try {
    const info = await stat(path);
    if (info.size > MAX_SOURCE_BYTES) {
      throw new AppError('UNREADABLE_SOURCE', `too large (${info.size} bytes; the limit is ${MAX_SOURCE_BYTES})`);
    }
    bytes = await readFile(path);
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('UNREADABLE_SOURCE', describe(error), { cause: error });
  }
  const stem = path.slice(0, path.length - extname(path).length);
  const metaText = await readOptional(`${stem}.meta.json`);
  let sidecar: Record<string, unknown> | null = null;
  if (metaText !== null) {
    try {
      sidecar = JSON.parse(metaText) as Record<string, unknown>;
    } catch (cause) {
      throw new AppError('INVALID_SIDECAR', `${stem}.meta.json is not valid JSON`, { cause });
    }
  }
  const url = (await readOptional(`${stem}.url`))?.trim();
  if (url) sidecar = { url, ...sidecar };
  return { name: path, bytes, sidecar, contentType: null };
}
