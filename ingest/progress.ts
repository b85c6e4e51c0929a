export interface Progress {
  sourceDone(paragraphs: number): void;
  finish(): void;
  /** A step done after the sources (it may take a while on a large index): a line of its own. */
  step(label: string): void;
}

/** Where progress goes: a terminal (`isTTY`) is redrawn in place, anything else gets plain lines. */
export interface ProgressStream {
  isTTY?: boolean;
  write(chunk: string): unknown;
}

export interface ProgressOptions {
  stream?: ProgressStream;
  /** Milliseconds, monotonic or not; injected by tests. */
  now?: () => number;
  /** A plain line at most this often when not on a terminal (CI logs, pipes). */
  plainEveryMs?: number;
  /** A redraw at most this often on a terminal: thousands of small sources a second would flood it. */
  redrawEveryMs?: number;
}

/** `45 s`, `3 min 05 s`, `1 h 02 min`. */
export function formatDuration(seconds: number): string {
  const s = Math.ceil(seconds);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')} min`;
}

/**
 * Sources done of total, paragraphs per second and an ETA, on stderr: redrawn in place on a
 * terminal, a plain line every few seconds otherwise.
 *
 * @example
 * const progress = createProgress(files.length);
 * progress.sourceDone(11); // ingest: 1/300 sources, 11 paragraphs, 420 paragraphs/s, ETA 12 s
 * progress.finish();
 */
export function createProgress(total: number, options: ProgressOptions = {}): Progress {
  const stream = options.stream ?? process.stderr;
  const now = options.now ?? Date.now;
  const plainEveryMs = options.plainEveryMs ?? 5000;
  const redrawEveryMs = options.redrawEveryMs ?? 100;
  const started = now();
  let done = 0;
  let paragraphs = 0;
  let lastPlain = started;
  let lastRedraw = Number.NEGATIVE_INFINITY;
  let drawn = false;
  let behind = false;

  const line = (): string => {
    const seconds = Math.max((now() - started) / 1000, 0.001);
    // Only drawn after a source is done, so the pace so far is known.
    const eta = formatDuration(((total - done) * seconds) / Math.max(done, 1));
    return `ingest: ${done}/${total} sources, ${paragraphs} paragraphs, ${Math.round(paragraphs / seconds)} paragraphs/s, ETA ${eta}`;
  };
  const redraw = (): void => {
    lastRedraw = now();
    drawn = true;
    behind = false;
    stream.write(`\r${line()}\u001b[K`);
  };

  return {
    sourceDone(count) {
      done += 1;
      paragraphs += count;
      if (stream.isTTY) {
        behind = true;
        if (done === total || now() - lastRedraw >= redrawEveryMs) redraw();
      } else if (now() - lastPlain >= plainEveryMs) {
        lastPlain = now();
        stream.write(`${line()}\n`);
      }
    },
    finish() {
      if (!stream.isTTY || !drawn) return;
      if (behind) redraw();
      stream.write('\n');
    },
    step(label) {
      stream.write(`ingest: ${label}\n`);
    },
  };
}
