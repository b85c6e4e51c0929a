/** Samples resident memory every 50 ms, so a benchmark can report its peak. */
export class PeakMemory {
  private peak = 0;
  private readonly timer: NodeJS.Timeout;

  constructor() {
    this.timer = setInterval(() => this.sample(), 50);
    this.timer.unref();
  }

  private sample(): void {
    this.peak = Math.max(this.peak, process.memoryUsage.rss());
  }

  reset(): void {
    this.peak = process.memoryUsage.rss();
  }

  peakMb(): number {
    this.sample();
    return Math.round(this.peak / 1024 / 1024);
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
