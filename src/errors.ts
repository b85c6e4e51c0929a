/** The stable error codes other services may rely on; each maps to one HTTP status. */
export const errorCatalogue = {
  INVALID_PARAMETER: { status: 400, title: 'A request parameter is invalid' },
  INVALID_QUERY: { status: 400, title: 'The query is malformed' },
  INVALID_BODY: { status: 400, title: 'The request body is invalid' },
  UNKNOWN_FACET_VALUE: { status: 400, title: 'A filter names a value this index does not know' },
  UNAUTHORIZED: { status: 401, title: 'A valid bearer token is required' },
  WRITES_DISABLED: { status: 403, title: 'Writes are disabled on this server' },
  PAYLOAD_TOO_LARGE: { status: 413, title: 'The request body is too large' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, title: 'The request body is not of a media type this route takes' },
  NOT_FOUND: { status: 404, title: 'No such resource' },
  METHOD_NOT_ALLOWED: { status: 405, title: 'This route does not answer this method' },
  STATEMENT_NOT_FOUND: { status: 404, title: 'No statement has this id' },
  ENGINE_UNAVAILABLE: { status: 503, title: 'The search engine is not available' },
  RATE_LIMITED: { status: 429, title: 'Too many requests from this client' },
  REQUEST_TIMEOUT: { status: 504, title: 'The request took too long to answer' },
  ENGINE_TASK_FAILED: { status: 502, title: 'The search engine refused a write' },
  UNREADABLE_SOURCE: { status: 422, title: 'The source cannot be read' },
  EMPTY_SOURCE: { status: 422, title: 'The source has no text' },
  FETCH_FAILED: { status: 502, title: 'A source could not be fetched' },
  INVALID_SIDECAR: { status: 422, title: 'The source metadata is invalid' },
  INVALID_CONFIG: { status: 500, title: 'The configuration is invalid' },
  INTERNAL: { status: 500, title: 'Internal error' },
} as const;

export type ErrorCode = keyof typeof errorCatalogue;

/** An error with a stable code; `detail` is safe to show a client, `cause` is kept for logs. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly detail: string;
  readonly extra: Record<string, unknown>;

  constructor(code: ErrorCode, detail: string, options: { cause?: unknown; extra?: Record<string, unknown> } = {}) {
    super(`${code}: ${detail}`, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.detail = detail;
    this.extra = options.extra ?? {};
  }

  get status(): number {
    return errorCatalogue[this.code].status;
  }
}

export const isAppError = (error: unknown): error is AppError => error instanceof AppError;
