/** The closed set of application error codes. Each maps to exactly one tRPC code and HTTP status. */
export const errorTable = {
  VALIDATION_FAILED: { trpc: "BAD_REQUEST", http: 400 },
  INVALID_TOKEN: { trpc: "BAD_REQUEST", http: 400 },
  UNAUTHENTICATED: { trpc: "UNAUTHORIZED", http: 401 },
  INVALID_CREDENTIALS: { trpc: "UNAUTHORIZED", http: 401 },
  FORBIDDEN: { trpc: "FORBIDDEN", http: 403 },
  /** An API key calling what only a signed-in user may do (their notifications, claiming a conversation). */
  USER_REQUIRED: { trpc: "FORBIDDEN", http: 403 },
  NOT_FOUND: { trpc: "NOT_FOUND", http: 404 },
  CONFLICT: { trpc: "CONFLICT", http: 409 },
  /**
   * A refund asked for while an earlier refund of the same payment awaits the provider's confirmation
   * (PROVIDER_UNCONFIRMED): it is settled automatically, and only then may the payment be refunded again.
   */
  REFUND_UNCONFIRMED: { trpc: "CONFLICT", http: 409 },
  PRECONDITION_FAILED: { trpc: "PRECONDITION_FAILED", http: 412 },
  /** Refused before any procedure runs: a body above the size limit, or one that is not JSON. */
  PAYLOAD_TOO_LARGE: { trpc: "PAYLOAD_TOO_LARGE", http: 413 },
  UNSUPPORTED_MEDIA_TYPE: { trpc: "UNSUPPORTED_MEDIA_TYPE", http: 415 },
  UNPROCESSABLE: { trpc: "UNPROCESSABLE_CONTENT", http: 422 },
  RATE_LIMITED: { trpc: "TOO_MANY_REQUESTS", http: 429 },
  PROVIDER_ERROR: { trpc: "BAD_GATEWAY", http: 502 },
  /**
   * The provider gave no clear answer to a request it may have carried out (a refund): not to be sent again,
   * it is settled in the background by asking the provider again with the same idempotency key.
   */
  PROVIDER_UNCONFIRMED: { trpc: "BAD_GATEWAY", http: 502 },
  /**
   * What the request needs is out of reach for now (the queue an email goes through while Redis is cut off):
   * nothing was done, and the same request may be sent again later (`retryAfterSeconds`).
   */
  UNAVAILABLE: { trpc: "SERVICE_UNAVAILABLE", http: 503 },
} as const;

export type ErrorCode = keyof typeof errorTable;

export type FieldErrors = Record<string, string[]>;

export interface ErrorDetails {
  fieldErrors?: FieldErrors;
  /** A code saying why a field was refused, where clients may word it better than "invalid" (`missing_area_code`). */
  fieldReasons?: Record<string, string>;
  /** e.g. the id of the record a CONFLICT collided with */
  existingId?: string;
  retryAfterSeconds?: number;
  [key: string]: unknown;
}

export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly details: ErrorDetails | undefined;

  constructor(code: ErrorCode, message: string, details?: ErrorDetails) {
    super(message);
    this.name = "DomainError";
    this.code = code;
    this.details = details;
  }
}

export const notFound = (what: string) => new DomainError("NOT_FOUND", `${what} not found`);

export const validationFailed = (field: string, message: string) =>
  new DomainError("VALIDATION_FAILED", message, { fieldErrors: { [field]: [message] } });

export const isDomainError = (error: unknown): error is DomainError => error instanceof DomainError;
