export interface Progress {
  sourceDone(paragraphs: number): void;
  finish(): void;
}

const PLAIN_EVERY_MS = 5000;

/**
 * Sources done of total, paragraphs per second and an ETA: redrawn in place on a terminal,
 * as a plain line every few seconds otherwise (CI logs, pipes).
 */
export function createProgress(total: number, stream: NodeJS.WriteStream = process.stderr, now = Date.now): Progress {
  const started = now();
  let done = 0;
  let paragraphs = 0;
  let lastPlain = started;
  const line = (): string => {
    const seconds = Math.max((now() - started) / 1000, 0.001);
    const rate = paragraphs / seconds;
    const eta = done > 0 ? ((total - done) * seconds) / done : 0;
    return `ingest: ${done}/${total} sources, ${paragraphs} paragraphs, ${Math.round(rate)} paragraphs/s, ETA ${Math.ceil(eta)} s`;
  };
  return {
    sourceDone(count) {
      done += 1;
      paragraphs += count;
      if (stream.isTTY) {
        stream.write(`\r${line()}\u001b[K`);
      } else if (now() - lastPlain >= PLAIN_EVERY_MS) {
        lastPlain = now();
        stream.write(`${line()}\n`);
      }
    },
    finish() {
      if (stream.isTTY && done > 0) stream.write('\n');
    },
  };
}
