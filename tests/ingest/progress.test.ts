import { describe, expect, it } from 'vitest';
import { createProgress, formatDuration } from '../../ingest/progress.js';

/** A stream that records what is written, and a clock the test moves by hand. */
function fakes(isTTY: boolean) {
  const writes: string[] = [];
  let time = 1_000_000;
  return {
    writes,
    stream: { isTTY, write: (chunk: string) => writes.push(chunk) },
    now: () => time,
    advance: (ms: number) => {
      time += ms;
    },
  };
}

describe('createProgress on a terminal', () => {
  it('redraws one line in place with sources done, paragraphs per second and ETA, then ends it', () => {
    const f = fakes(true);
    const progress = createProgress(4, { stream: f.stream, now: f.now, redrawEveryMs: 100 });
    f.advance(1000);
    progress.sourceDone(10);
    expect(f.writes).toEqual(['\ringest: 1/4 sources, 10 paragraphs, 10 paragraphs/s, ETA 3 s\u001b[K']);
    f.advance(1000);
    progress.sourceDone(30);
    expect(f.writes.at(-1)).toBe('\ringest: 2/4 sources, 40 paragraphs, 20 paragraphs/s, ETA 2 s\u001b[K');
    progress.finish();
    expect(f.writes.at(-1)).toBe('\n');
    expect(f.writes.every((chunk) => chunk === '\n' || chunk.startsWith('\r'))).toBe(true);
  });

  it('redraws at most every redrawEveryMs, but always shows the last source and catches up on finish', () => {
    const f = fakes(true);
    const progress = createProgress(1000, { stream: f.stream, now: f.now, redrawEveryMs: 100 });
    for (let i = 0; i < 999; i += 1) {
      f.advance(1);
      progress.sourceDone(1);
    }
    // 999 ms of sources one every millisecond: the first draws, then one every 100 ms.
    expect(f.writes).toHaveLength(10);
    progress.finish();
    expect(f.writes.at(-2)).toMatch(/^\ringest: 999\/1000 sources, 999 paragraphs/);
    expect(f.writes.at(-1)).toBe('\n');

    const g = fakes(true);
    const last = createProgress(2, { stream: g.stream, now: g.now, redrawEveryMs: 10_000 });
    last.sourceDone(1);
    last.sourceDone(1);
    expect(g.writes.at(-1)).toMatch(/^\ringest: 2\/2 sources/);
  });

  it('gives a step after the sources a line of its own, below the finished progress line', () => {
    const f = fakes(true);
    const progress = createProgress(1, { stream: f.stream, now: f.now });
    progress.sourceDone(3);
    progress.finish();
    progress.step('reorganised the index for searching in 0.3 s');
    expect(f.writes.slice(-2)).toEqual(['\n', 'ingest: reorganised the index for searching in 0.3 s\n']);
  });

  it('writes nothing, not even a newline, when no source finished', () => {
    const f = fakes(true);
    createProgress(3, { stream: f.stream, now: f.now }).finish();
    expect(f.writes).toEqual([]);
  });
});

describe('createProgress elsewhere (pipes, CI logs)', () => {
  it('writes a plain line every plainEveryMs and never a carriage return or escape', () => {
    const f = fakes(false);
    const progress = createProgress(100, { stream: f.stream, now: f.now, plainEveryMs: 5000 });
    for (let second = 1; second <= 12; second += 1) {
      f.advance(1000);
      progress.sourceDone(5);
    }
    progress.finish();
    expect(f.writes).toEqual([
      'ingest: 5/100 sources, 25 paragraphs, 5 paragraphs/s, ETA 1 min 35 s\n',
      'ingest: 10/100 sources, 50 paragraphs, 5 paragraphs/s, ETA 1 min 30 s\n',
    ]);
  });

  it('estimates the ETA from the pace so far, even when no time has passed', () => {
    const f = fakes(false);
    const progress = createProgress(3, { stream: f.stream, now: f.now, plainEveryMs: 0 });
    progress.sourceDone(0);
    f.advance(4000);
    progress.sourceDone(8);
    expect(f.writes).toEqual([
      'ingest: 1/3 sources, 0 paragraphs, 0 paragraphs/s, ETA 1 s\n',
      'ingest: 2/3 sources, 8 paragraphs, 2 paragraphs/s, ETA 2 s\n',
    ]);
  });
});

describe('formatDuration', () => {
  it.each([
    [0, '0 s'],
    [0.2, '1 s'],
    [59, '59 s'],
    [60, '1 min 00 s'],
    [185, '3 min 05 s'],
    [3600, '1 h 00 min'],
    [3725, '1 h 02 min'],
  ])('%s s reads %s', (seconds, expected) => {
    expect(formatDuration(seconds)).toBe(expected);
  });
});
