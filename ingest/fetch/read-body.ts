import { AbortError } from 'p-retry';

/** The size of a body, refused as soon as it is known to pass the limit: from Content-Length, or while it streams. */
export const tooLarge = (size: number | string, limit: number): AbortError =>
  new AbortError(`too large (${size} bytes; the limit is ${limit})`);

/**
 * Reads a response body into memory, at most `limit` bytes. A body that says it is larger is
 * refused unread; one that does not say is cancelled the moment it passes the limit.
 */
export async function readBody(response: Response, limit: number): Promise<Buffer> {
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (declared > limit) {
    await response.body?.cancel();
    throw tooLarge(declared, limit);
  }
  if (response.body === null) return Buffer.alloc(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  // Leaving the loop early (throw) cancels the stream, so the rest is never downloaded.
  for await (const chunk of response.body) {
    size += chunk.byteLength;
    if (size > limit) throw tooLarge(`more than ${limit}`, limit);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, size);
}
