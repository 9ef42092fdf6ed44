import { ERRORS, type ErrorCode } from '@union/shared/errors';

export interface ErrorDetail {
  path: string;
  message: string;
}

/**
 * A domain error: middy's contract (anything with `statusCode` becomes the response) plus the stable
 * `code` and Chinese `message` of api.md. Throw it from use cases and repositories; never switch on names.
 */
export class AppError extends Error {
  readonly statusCode: number;
  readonly expose: boolean;
  constructor(
    readonly code: ErrorCode,
    message: string = ERRORS[code].message,
    readonly details?: ErrorDetail[],
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = 'AppError';
    this.statusCode = ERRORS[code].status;
    this.expose = this.statusCode < 500;
  }
}

export const validationFailed = (details: ErrorDetail[], message: string = ERRORS.VALIDATION_FAILED.message) =>
  new AppError('VALIDATION_FAILED', message, details);
