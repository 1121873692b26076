/**
 * One error type for expected failures. Transports map the code to HTTP (`httpStatus`) or to a form result;
 * anything that is not an AppError is unexpected, logged, and shown as a generic message.
 */
export const APP_ERROR_STATUS = {
  /** Input failed validation; `fieldErrors` holds message keys per field. */
  VALIDATION: 400,
  /** No valid session where one is needed. */
  UNAUTHENTICATED: 401,
  /** Signed in, but the staff second factor must be proven (again) first: at sign-in, or for a sensitive action. */
  SECOND_FACTOR_REQUIRED: 401,
  /** The actor may not do this to this resource (policy said no). */
  FORBIDDEN: 403,
  /** The resource does not exist or the actor may not know it exists. */
  NOT_FOUND: 404,
  /** A unique value is taken, or the resource changed underneath the caller. */
  CONFLICT: 409,
  /**
   * Well-formed, but the answers break the form's rules or the thing is not allowed now (a case action that its
   * current state does not permit); `fieldErrors` says which fields when fields are to blame.
   */
  UNPROCESSABLE: 422,
  /** Too many attempts; `retryAfterSeconds` says when to try again. */
  THROTTLED: 429,
} as const;

export type AppErrorCode = keyof typeof APP_ERROR_STATUS;

export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    /** A message key in the `errors` namespace. */
    readonly messageKey: string,
    readonly details: {
      fieldErrors?: Record<string, string>;
      retryAfterSeconds?: number;
      /** With CONFLICT: the resource as it stands now, so the caller can merge instead of losing either version. */
      current?: Record<string, unknown>;
    } = {},
  ) {
    super(`${code}: ${messageKey}`);
    this.name = "AppError";
  }

  get httpStatus(): number {
    return APP_ERROR_STATUS[this.code];
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

/** True when Prisma reports a unique-constraint violation (P2002). */
export function isUniqueViolation(error: unknown): error is { code: "P2002"; meta?: { target?: unknown } } {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "P2002";
}
