import {
  MeilisearchApiError,
  MeilisearchRequestError,
  MeilisearchRequestTimeOutError,
  MeilisearchTaskTimeOutError,
  type Task,
} from 'meilisearch';
import { describe, expect, it } from 'vitest';
import { assertSucceeded, toAppError } from '../../../src/engine/meili/errors.js';
import { AppError } from '../../../src/errors.js';

const apiError = (status: number, code: string, message = `${code} happened`): MeilisearchApiError =>
  new MeilisearchApiError(new Response(null, { status }), { message, code, type: 'invalid_request', link: `https://docs.meilisearch.com/errors#${code}` });

const task = (status: Task['status'], error: Task['error'] = null): Task => ({
  uid: 42,
  batchUid: 7,
  indexUid: 'statements',
  status,
  type: 'documentAdditionOrUpdate',
  canceledBy: null,
  error,
  duration: null,
  enqueuedAt: '2025-11-07T10:00:00Z',
  startedAt: null,
  finishedAt: null,
});

describe('assertSucceeded', () => {
  it('passes a succeeded task through', () => {
    const done = task('succeeded');
    expect(assertSucceeded(done)).toBe(done);
  });

  it('raises ENGINE_TASK_FAILED with the task error message', () => {
    const failed = task('failed', { message: 'Document identifier `a b` is invalid.', code: 'invalid_document_id', type: 'invalid_request', link: '' });
    expect(() => assertSucceeded(failed)).toThrow(
      expect.objectContaining({
        code: 'ENGINE_TASK_FAILED',
        detail: expect.stringContaining('Document identifier `a b` is invalid.'),
        extra: { taskUid: 42, meiliCode: 'invalid_document_id' },
      }),
    );
  });

  it('treats a canceled task as failed, not done', () => {
    expect(() => assertSucceeded(task('canceled'))).toThrow(expect.objectContaining({ code: 'ENGINE_TASK_FAILED' }));
  });
});

describe('toAppError', () => {
  it.each([
    ['an unreachable server', new MeilisearchRequestError('http://meilisearch:7700/indexes', new TypeError('fetch failed')), 'read', 'ENGINE_UNAVAILABLE'],
    ['a request timeout', new MeilisearchRequestTimeOutError(30_000, {}), 'read', 'ENGINE_UNAVAILABLE'],
    ['a task wait timeout', new MeilisearchTaskTimeOutError(42, 300_000), 'write', 'ENGINE_UNAVAILABLE'],
    ['a server error', apiError(500, 'internal'), 'read', 'ENGINE_UNAVAILABLE'],
    ['a rejected key', apiError(403, 'invalid_api_key'), 'read', 'ENGINE_UNAVAILABLE'],
    ['a missing key', apiError(401, 'missing_authorization_header'), 'write', 'ENGINE_UNAVAILABLE'],
    ['a missing index', apiError(404, 'index_not_found'), 'read', 'ENGINE_UNAVAILABLE'],
    ['a bad filter on a read', apiError(400, 'invalid_search_filter'), 'read', 'INVALID_QUERY'],
    ['a bad sort on a read', apiError(400, 'invalid_search_sort'), 'read', 'INVALID_QUERY'],
    ['a refused write', apiError(400, 'invalid_document_filter'), 'write', 'ENGINE_TASK_FAILED'],
    ['a too large payload', apiError(413, 'payload_too_large'), 'write', 'ENGINE_TASK_FAILED'],
  ] as const)('maps %s to %s', (_name, error, action, code) => {
    const mapped = toAppError(error, action);
    expect(mapped).toBeInstanceOf(AppError);
    expect(mapped).toMatchObject({ code, cause: error });
  });

  it('keeps the server address out of the detail', () => {
    const mapped = toAppError(new MeilisearchRequestError('http://10.0.0.5:7700/indexes', new TypeError('fetch failed')), 'read');
    expect((mapped as AppError).detail).not.toContain('10.0.0.5');
  });

  it("passes Meilisearch's message on for a bad query", () => {
    const mapped = toAppError(apiError(400, 'invalid_search_filter', 'Attribute `colour` is not filterable.'), 'read');
    expect(mapped).toMatchObject({ detail: 'Attribute `colour` is not filterable.', extra: { meiliCode: 'invalid_search_filter' } });
  });

  it('returns AppErrors and foreign errors unchanged', () => {
    const appError = new AppError('ENGINE_TASK_FAILED', 'already mapped');
    const bug = new TypeError('undefined is not a function');
    expect(toAppError(appError, 'write')).toBe(appError);
    expect(toAppError(bug, 'read')).toBe(bug);
  });
});
