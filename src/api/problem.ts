import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { z } from 'zod';
import { AppError, errorCatalogue, isAppError, type ErrorCode } from '../errors.js';
import type { Problem } from '../schema/api.js';

export interface Logger {
  error(record: Record<string, unknown>): void;
}

/** A zod failure on request input as our error, naming each offending parameter. */
export function invalidInput(error: z.ZodError, code: ErrorCode = 'INVALID_PARAMETER'): AppError {
  const issues = error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
  const detail = issues.map((issue) => (issue.path ? `${issue.path}: ${issue.message}` : issue.message)).join('; ');
  return new AppError(code, detail, { extra: { issues } });
}

/** Hono's own refusals (its validators, the OpenAPI media-type gate) by status; any other 4xx is about the body. */
const httpExceptionCodes: Partial<Record<number, ErrorCode>> = { 404: 'NOT_FOUND', 413: 'PAYLOAD_TOO_LARGE', 415: 'UNSUPPORTED_MEDIA_TYPE' };

function toAppError(error: unknown): AppError {
  if (isAppError(error)) return error;
  if (error instanceof HTTPException && error.status < 500) {
    const code: ErrorCode = httpExceptionCodes[error.status] ?? 'INVALID_BODY';
    return new AppError(code, error.message || errorCatalogue[code].title, { cause: error });
  }
  return new AppError('INTERNAL', 'the server failed to answer; the request id identifies it in the logs', {
    cause: error,
  });
}

/** The one place an error becomes an HTTP answer: `application/problem+json`, never a stack trace. */
export function problemResponse(c: Context, error: unknown, logger: Logger): Response {
  const appError = toAppError(error);
  const requestId = c.get('requestId') as string | undefined;
  if (appError.status >= 500) {
    logger.error({ requestId, code: appError.code, error: error instanceof Error ? error.stack : String(error) });
  }
  const body: Problem = {
    type: `urn:communique:problem:${appError.code}`,
    title: errorCatalogue[appError.code].title,
    status: appError.status,
    detail: appError.detail,
    code: appError.code,
    ...(requestId ? { requestId } : {}),
    ...(Array.isArray(appError.extra['issues']) ? { issues: appError.extra['issues'] as Problem['issues'] } : {}),
  };
  return c.body(JSON.stringify(body), appError.status as ContentfulStatusCode, {
    'Content-Type': 'application/problem+json',
  });
}
