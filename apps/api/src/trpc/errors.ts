import { type SessionEndReason, sessionEndedPayload } from "@crm/contracts/realtime/events";
import { DomainError, type ErrorCode, errorTable, type FieldErrors } from "@crm/domain";
import { TRPCError } from "@trpc/server";
import { ZodError } from "zod";
import { inputIssueReason } from "./input-issue-reasons";

/** The one place a domain error becomes a protocol error; both tRPC and REST answer from it. */
export function toTRPCError(error: DomainError): TRPCError {
  return new TRPCError({ code: errorTable[error.code].trpc, message: error.message, cause: error });
}

export interface ErrorData {
  appCode: string | null;
  fieldErrors: FieldErrors | null;
  retryAfterSeconds: number | null;
  existingId: string | null;
  /**
   * Where a field's refusal has a code (`{ phone: "missing_area_code" }`, and every field an input's schema
   * refused: `{ title: "too_long" }`): why, for clients to word it in their language.
   */
  fieldReasons?: Record<string, string>;
  /** Only on the 401 of a subscription: why the caller has no live session, as `session_ended` would say. */
  sessionEnded?: SessionEndReason;
  /** On a provider's failure (PROVIDER_ERROR, its 429, PROVIDER_UNCONFIRMED): which one (`stripe`, `mercadopago`). */
  provider?: string;
}

/** The 401 of a subscription that finds no live session, saying why (see `ErrorData.sessionEnded`). */
export function sessionEndedError(
  reason: SessionEndReason,
  refusal = new DomainError("UNAUTHENTICATED", "Your session has ended; sign in again"),
): TRPCError {
  return toTRPCError(
    new DomainError(refusal.code, refusal.message, { ...refusal.details, sessionEnded: reason }),
  );
}

export function errorData(error: TRPCError): ErrorData {
  const cause = error.cause;
  if (cause instanceof DomainError) {
    const ended = sessionEndedPayload.shape.reason.safeParse(cause.details?.sessionEnded);
    return {
      appCode: cause.code,
      fieldErrors: cause.details?.fieldErrors ?? null,
      retryAfterSeconds: cause.details?.retryAfterSeconds ?? null,
      existingId: cause.details?.existingId ?? null,
      ...(cause.details?.fieldReasons ? { fieldReasons: cause.details.fieldReasons } : {}),
      ...(ended.success ? { sessionEnded: ended.data } : {}),
      ...(typeof cause.details?.provider === "string" ? { provider: cause.details.provider } : {}),
    };
  }
  if (cause instanceof ZodError) {
    const fieldErrors: FieldErrors = {};
    const fieldReasons: Record<string, string> = {};
    for (const issue of cause.issues) {
      for (const key of fieldsOf(issue)) {
        fieldErrors[key] = [...(fieldErrors[key] ?? []), issue.message];
        // a field's first problem is the one to fix first (a missing value before its format)
        fieldReasons[key] ??= inputIssueReason(issue);
      }
    }
    return {
      appCode: "VALIDATION_FAILED",
      fieldErrors,
      retryAfterSeconds: null,
      existingId: null,
      fieldReasons,
    };
  }
  return {
    appCode: appCodeOfProtocol[error.code] ?? null,
    fieldErrors: null,
    retryAfterSeconds: null,
    existingId: null,
  };
}

/** What a zod issue reads from its serialized form (REST sends the issues in the error body). */
export interface InputIssue {
  code: string;
  path: readonly PropertyKey[];
  message: string;
  keys?: readonly string[];
}

/** The fields an issue is about: each unknown field by its own name (`scopes`, `value.currncy`), else its path. */
function fieldsOf(issue: InputIssue): string[] {
  const at = issue.path.map(String);
  if (issue.code === "unrecognized_keys" && issue.keys && issue.keys.length > 0)
    return issue.keys.map((key) => [...at, key].join("."));
  return [at.length > 0 ? at.join(".") : "_"];
}

/**
 * The message of an input that failed its schema, the same in both protocols: each issue's message, after the
 * field it is about unless the message names the field itself (an unknown one, a date in the wrong format).
 */
export function inputIssuesMessage(issues: readonly InputIssue[]): string {
  const messages = issues.map((issue) => {
    const field = issue.path.map(String).join(".");
    return issue.code === "unrecognized_keys" || field === "" || issue.message.startsWith(`${field} `)
      ? issue.message
      : `${field}: ${issue.message}`;
  });
  return messages.length > 0 ? messages.join("; ") : "Input validation failed";
}

/**
 * appCodes that only the protocol raises, never a use case (so not in the domain's errorTable): a 405 for a
 * method a path does not take, or a subscription asked over HTTP.
 */
export type ProtocolAppCode = "METHOD_NOT_SUPPORTED";

/**
 * Every error but a 500 has an appCode, even one raised as a bare TRPCError: by a subscription, by the REST
 * layer before any procedure runs (an unknown query parameter, a body that is not JSON) or by trpc-to-openapi.
 */
const appCodeOfProtocol: Partial<Record<TRPCError["code"], ErrorCode | ProtocolAppCode>> = {
  BAD_REQUEST: "VALIDATION_FAILED",
  PARSE_ERROR: "VALIDATION_FAILED",
  UNAUTHORIZED: "UNAUTHENTICATED",
  FORBIDDEN: "FORBIDDEN",
  NOT_FOUND: "NOT_FOUND",
  CONFLICT: "CONFLICT",
  PRECONDITION_FAILED: "PRECONDITION_FAILED",
  PAYLOAD_TOO_LARGE: "PAYLOAD_TOO_LARGE",
  UNSUPPORTED_MEDIA_TYPE: "UNSUPPORTED_MEDIA_TYPE",
  UNPROCESSABLE_CONTENT: "UNPROCESSABLE",
  TOO_MANY_REQUESTS: "RATE_LIMITED",
  BAD_GATEWAY: "PROVIDER_ERROR",
  SERVICE_UNAVAILABLE: "UNAVAILABLE",
  METHOD_NOT_SUPPORTED: "METHOD_NOT_SUPPORTED",
};

/** A 429's or 503's `Retry-After` for both protocols' `responseMeta`: the longest wait any failed call asks for. */
export function retryAfterHeaders(errors: readonly TRPCError[]): Record<string, string> {
  const seconds = Math.max(0, ...errors.map((error) => errorData(error).retryAfterSeconds ?? 0));
  return seconds > 0 ? { "retry-after": String(seconds) } : {};
}
