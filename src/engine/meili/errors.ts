import { MeilisearchApiError, MeilisearchError, type Task } from 'meilisearch';
import { AppError } from '../../errors.js';

/**
 * A write is done when its task succeeded; a failed or canceled task is an error, not a log line.
 * The client resolves `waitTask()` with failed tasks too, so every wait goes through here.
 */
export function assertSucceeded(task: Task): Task {
  if (task.status === 'succeeded') return task;
  const reason = task.error?.message ?? `task ${task.status}`;
  throw new AppError('ENGINE_TASK_FAILED', `Meilisearch ${task.type} task ${task.uid} ${task.status}: ${reason}`, {
    extra: { taskUid: task.uid, meiliCode: task.error?.code ?? null },
  });
}

/**
 * The client's errors as AppErrors, `cause` kept. Unreachable server, timeouts, rejected key,
 * missing index and 5xx mean the engine cannot serve; any other refusal is the query's fault
 * on a read and a failed write on a write. Anything else is rethrown as is.
 */
export function toAppError(error: unknown, action: 'read' | 'write'): unknown {
  if (error instanceof AppError || !(error instanceof MeilisearchError)) return error;
  if (!(error instanceof MeilisearchApiError)) {
    return new AppError('ENGINE_UNAVAILABLE', 'Meilisearch did not answer', { cause: error });
  }
  const status = error.response.status;
  const code = error.cause?.code ?? '';
  const message = error.cause?.message ?? error.message;
  if (status >= 500 || status === 401 || status === 403 || code === 'index_not_found') {
    return new AppError('ENGINE_UNAVAILABLE', unavailableDetail(status, code), { cause: error, extra: { meiliCode: code } });
  }
  if (action === 'read') {
    return new AppError('INVALID_QUERY', message, { cause: error, extra: { meiliCode: code } });
  }
  return new AppError('ENGINE_TASK_FAILED', `Meilisearch refused the write: ${message}`, { cause: error, extra: { meiliCode: code } });
}

/** A detail safe for clients: the reason, never the server's address or key. */
function unavailableDetail(status: number, code: string): string {
  if (code === 'index_not_found') return 'The Meilisearch index does not exist yet (settings not applied)';
  if (status === 401 || status === 403) return 'Meilisearch rejected the API key';
  return `Meilisearch failed (HTTP ${status})`;
}
