import { readFile, readdir, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { AppError } from '../src/errors.js';
import type { RawSource } from './extracted.js';

/** Larger files are refused before they are read: no statement is 20 MB of text. */
export const MAX_SOURCE_BYTES = 20 * 1024 * 1024;

const SOURCE_EXTENSIONS = new Set(['.txt', '.md', '.markdown', '.html', '.htm']);

/** A file system error as a reason a person reads: `no such file or folder`, `permission denied`. */
export const describeFileError = (error: unknown): string => {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file or folder';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'is a folder';
  return error instanceof Error ? error.message : String(error);
};

const tooLarge = (size: number): AppError =>
  new AppError('UNREADABLE_SOURCE', `too large (${size} bytes; the limit is ${MAX_SOURCE_BYTES})`);

/** A file or folder named on the command line: the source files it stands for, and whether it was a folder. */
export async function listInput(path: string): Promise<{ folder: boolean; files: string[] }> {
  let info;
  try {
    info = await stat(path);
  } catch (cause) {
    throw new AppError('UNREADABLE_SOURCE', describeFileError(cause), { cause });
  }
  if (!info.isDirectory()) return { folder: false, files: [path] };
  const entries = await readdir(path, { withFileTypes: true, recursive: true });
  const files = entries
    .filter((entry) => entry.isFile() && !entry.name.startsWith('.') && SOURCE_EXTENSIONS.has(extname(entry.name).toLowerCase()))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
  return { folder: true, files };
}

/** Files under a folder that look like sources, sorted so runs are repeatable; sidecars are not sources. */
export async function listSourceFiles(path: string): Promise<string[]> {
  return (await listInput(path)).files;
}

async function readOptional(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new AppError('UNREADABLE_SOURCE', `${path}: ${describeFileError(error)}`, { cause: error });
  }
}

/**
 * A file's bytes, refused by its size before a byte is read. A FIFO or a device is refused
 * too: opening one to read would wait for a writer, and reading it might never end.
 */
async function readBounded(path: string): Promise<Buffer> {
  const info = await stat(path);
  if (!info.isFile()) throw new AppError('UNREADABLE_SOURCE', 'not a regular file');
  if (info.size > MAX_SOURCE_BYTES) throw tooLarge(info.size);
  const bytes = await readFile(path);
  // It may have grown since the stat (a file still being copied in).
  if (bytes.length > MAX_SOURCE_BYTES) throw tooLarge(bytes.length);
  return bytes;
}

/** Reads a file and what lies beside it: `x.meta.json` (metadata) and `x.url` (where a saved page came from). */
export async function loadFileSource(path: string): Promise<RawSource> {
  let bytes: Buffer;
  try {
    bytes = await readBounded(path);
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('UNREADABLE_SOURCE', describeFileError(error), { cause: error });
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
