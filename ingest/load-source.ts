import type { Dirent, Stats } from 'node:fs';
import { readFile, readdir, realpath, stat } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
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

/** Something under a folder that could not be listed or followed: a failure of its own, named by its path. */
export interface ListingFailure {
  path: string;
  error: AppError;
}

const isSourceName = (name: string): boolean => !name.startsWith('.') && SOURCE_EXTENSIONS.has(extname(name).toLowerCase());

const unreachable = (cause: unknown, link: boolean): AppError => {
  const code = (cause as NodeJS.ErrnoException).code;
  const reason =
    link && code === 'ENOENT' ? 'broken symbolic link: its target does not exist' : code === 'ELOOP' ? 'symbolic link loop' : describeFileError(cause);
  return new AppError('UNREADABLE_SOURCE', reason, { cause });
};

/**
 * The source files under a folder, following symbolic links to files and folders. The real tree
 * is walked before any link, and each real folder and file is taken once, so a link back up the
 * tree or a loop of links ends, and a link to a file already listed does not read it twice.
 * A subfolder that cannot be read, or a link whose target cannot be reached, is a failure of its
 * own and the rest is still listed: skipped in silence, its statements would look gone to `--prune`.
 */
async function walkFolder(root: string): Promise<{ files: string[]; failures: ListingFailure[] }> {
  const files: string[] = [];
  const failures: ListingFailure[] = [];
  const links: string[] = [];
  /** Real paths of the folders visited and the files listed. */
  const seen = new Set<string>();
  const take = (real: string, path: string): void => {
    if (seen.has(real)) return;
    seen.add(real);
    files.push(path);
  };

  const visit = async (folder: string): Promise<void> => {
    let real: string;
    let entries: Dirent[];
    try {
      real = await realpath(folder);
      if (seen.has(real)) return;
      seen.add(real);
      entries = await readdir(folder, { withFileTypes: true });
    } catch (cause) {
      failures.push({ path: folder, error: unreachable(cause, false) });
      return;
    }
    // In name order, so which of two paths to one file is listed does not depend on the disk.
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) await visit(path);
      else if (entry.isFile() && isSourceName(entry.name)) take(join(real, entry.name), path);
      // Hidden links are not sources, and editors leave dangling ones as lock files (`.#x.md`).
      else if (entry.isSymbolicLink() && !entry.name.startsWith('.')) links.push(path);
    }
  };

  const follow = async (link: string): Promise<void> => {
    let info: Stats;
    let real: string;
    try {
      info = await stat(link);
      real = await realpath(link);
    } catch (cause) {
      failures.push({ path: link, error: unreachable(cause, true) });
      return;
    }
    if (info.isDirectory()) await visit(link);
    else if (isSourceName(basename(link))) take(real, link);
  };

  await visit(root);
  // An array's iterator also yields what is pushed during the loop: links found inside followed folders.
  for (const link of links) await follow(link);
  return { files: files.sort(), failures };
}

/**
 * A file or folder named on the command line: the source files it stands for, whether it was a
 * folder, and what under it could not be listed.
 */
export async function listInput(path: string): Promise<{ folder: boolean; files: string[]; failures: ListingFailure[] }> {
  let info;
  try {
    info = await stat(path);
  } catch (cause) {
    throw new AppError('UNREADABLE_SOURCE', describeFileError(cause), { cause });
  }
  if (!info.isDirectory()) return { folder: false, files: [path], failures: [] };
  return { folder: true, ...(await walkFolder(path)) };
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
