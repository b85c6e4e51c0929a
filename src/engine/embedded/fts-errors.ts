import { AppError } from '../../errors.js';

/** FTS5 refuses some expressions only when it runs them: that is the query's fault, a 400. */
export function readingFts<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof Error && /fts5/i.test(error.message)) {
      throw new AppError('INVALID_QUERY', 'the query cannot be matched', { cause: error });
    }
    throw error;
  }
}
