import PQueue from 'p-queue';
import pRetry from 'p-retry';
import type { SearchEngine } from '../src/engine/engine.js';
import { isAppError } from '../src/errors.js';
import type { StatementDocuments } from '../src/schema/document.js';

export interface SinkOptions {
  /** Paragraphs per write; a statement is never split across two writes. */
  batchSize: number;
  retries: number;
  onWritten?: (statements: StatementDocuments[]) => void;
}

/**
 * Collects statements into batches and writes them to the engine one batch at a time,
 * each confirmed before the next is sent. A failed write is retried when the engine was
 * unavailable, and otherwise rejects `flush()`.
 */
export class BatchSink {
  private readonly writes = new PQueue({ concurrency: 1 });
  private pending: StatementDocuments[] = [];
  private pendingParagraphs = 0;
  private failure: unknown = null;

  constructor(
    private readonly engine: SearchEngine,
    private readonly options: SinkOptions,
  ) {}

  /** Queues a statement; waits while two batches are already on their way, so memory stays bounded. */
  async add(statement: StatementDocuments): Promise<void> {
    this.pending.push(statement);
    this.pendingParagraphs += statement.documents.length;
    if (this.pendingParagraphs >= this.options.batchSize) this.send();
    await this.writes.onSizeLessThan(2);
    if (this.failure !== null) throw this.failure;
  }

  /** Sends what is left and waits until every batch is confirmed. */
  async flush(): Promise<void> {
    this.send();
    await this.writes.onIdle();
    if (this.failure !== null) throw this.failure;
  }

  private send(): void {
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    this.pendingParagraphs = 0;
    this.writes
      .add(() =>
        pRetry(() => this.engine.replaceStatements(batch), {
          retries: this.options.retries,
          shouldRetry: ({ error }) => isAppError(error) && error.code === 'ENGINE_UNAVAILABLE',
        }),
      )
      .then(
        () => this.options.onWritten?.(batch),
        (error: unknown) => {
          this.failure ??= error;
        },
      );
  }
}
