// The one error type of the auth services: a stable code from
// shared/errors.ts, whether trying again can help, and the cause.

import {
  type AppError,
  describeError,
  type ErrorCode,
  type ErrorParams,
  toAppError,
} from '../../shared/errors';

/** `transient` failures may pass if tried again later; `permanent` won't. */
export type ErrorKind = 'permanent' | 'transient';

/** An expected failure, with the code the window uses to explain it. */
export class AuthError extends Error {
  override readonly name = 'AuthError';
  readonly code: ErrorCode;
  readonly kind: ErrorKind;
  readonly params: ErrorParams;

  constructor(
    code: ErrorCode,
    options: { kind?: ErrorKind; params?: ErrorParams; cause?: unknown } = {},
  ) {
    const params = options.params ?? {};
    super(describeError(code, params), { cause: options.cause });
    this.code = code;
    this.kind = options.kind ?? 'permanent';
    this.params = params;
  }

  /** The window's view of this error: code and sentence, nothing else. */
  toAppError(): AppError {
    return toAppError(this.code, this.params);
  }
}

/** Turns anything thrown into what the window may see. */
export function appErrorFrom(error: unknown): AppError {
  return error instanceof AuthError
    ? error.toAppError()
    : toAppError('internal_error');
}
