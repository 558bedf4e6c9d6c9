import type { AmountProblem } from "@crm/domain/shared/amount-rule";
import type { ErrorCode } from "@crm/domain/shared/errors";
import type { Locale } from "../i18n/locale";
import type { PlainMessageKey } from "../i18n/translate";

/** What the API puts in a TRPCClientError's `data` (see the API's error formatter). */
interface ApiErrorData {
  code?: string;
  httpStatus?: number;
  appCode?: string | null;
  fieldErrors?: Record<string, string[]> | null;
  /** Why a field was refused, where the server says more than "invalid" (`{ phone: "missing_area_code" }`). */
  fieldReasons?: Record<string, string> | null;
  /** On a CONFLICT about a duplicate: the record that already has the value. */
  existingId?: string | null;
  /** On RATE_LIMITED: how long until the limit lets the caller try again. */
  retryAfterSeconds?: number | null;
  /** On the 401 of a subscription: why the session is over, as the realtime `session_ended` says it. */
  sessionEnded?: string;
  /** On a provider's failure: which provider (`stripe`, `mercadopago`). */
  provider?: string;
}

export interface ErrorView {
  /** A sentence for the whole form or screen. */
  message: PlainMessageKey;
  /** One sentence per field the server rejected, keyed by the input's field name. */
  fieldErrors: Record<string, PlainMessageKey>;
}

export type ErrorMessageOverrides = Partial<Record<ErrorCode, PlainMessageKey>>;

const appCodeMessages: Record<ErrorCode, PlainMessageKey> = {
  VALIDATION_FAILED: "errors.validationFailed",
  INVALID_TOKEN: "errors.invalidToken",
  UNAUTHENTICATED: "errors.unauthenticated",
  INVALID_CREDENTIALS: "errors.invalidCredentials",
  FORBIDDEN: "errors.forbidden",
  // only API keys meet it: the web app always has a signed-in user
  USER_REQUIRED: "errors.forbidden",
  NOT_FOUND: "errors.notFound",
  CONFLICT: "errors.conflict",
  REFUND_UNCONFIRMED: "errors.refundUnconfirmed",
  PRECONDITION_FAILED: "errors.preconditionFailed",
  // the web app sends JSON within the limits: these meet only other clients
  PAYLOAD_TOO_LARGE: "errors.validationFailed",
  UNSUPPORTED_MEDIA_TYPE: "errors.validationFailed",
  UNPROCESSABLE: "errors.unprocessable",
  RATE_LIMITED: "errors.rateLimited",
  PROVIDER_ERROR: "errors.providerError",
  PROVIDER_UNCONFIRMED: "errors.providerUnconfirmed",
  UNAVAILABLE: "errors.unavailable",
};

/** When the server sent no appCode (e.g. its own input validation), its tRPC code still says what happened. */
const trpcCodeToAppCode: Record<string, ErrorCode> = {
  BAD_REQUEST: "VALIDATION_FAILED",
  PARSE_ERROR: "VALIDATION_FAILED",
  UNAUTHORIZED: "UNAUTHENTICATED",
  FORBIDDEN: "FORBIDDEN",
  NOT_FOUND: "NOT_FOUND",
  CONFLICT: "CONFLICT",
  PRECONDITION_FAILED: "PRECONDITION_FAILED",
  UNPROCESSABLE_CONTENT: "UNPROCESSABLE",
  TOO_MANY_REQUESTS: "RATE_LIMITED",
  BAD_GATEWAY: "PROVIDER_ERROR",
  SERVICE_UNAVAILABLE: "UNAVAILABLE",
};

/** Server messages are English developer text, so each field gets a translated sentence by its name. */
const fieldMessages: Record<string, PlainMessageKey> = {
  email: "errors.field.email",
  password: "errors.field.password",
  currentPassword: "errors.field.currentPassword",
  newPassword: "errors.field.password",
  name: "errors.field.required",
  organizationName: "errors.field.required",
  slug: "errors.field.slug",
  dataRetentionDays: "errors.field.retentionDays",
  defaultCurrency: "errors.field.option",
  timezone: "errors.field.option",
  locale: "errors.field.option",
  role: "errors.field.option",
  token: "errors.invalidToken",
  phone: "errors.field.phone",
  title: "errors.field.required",
  content: "errors.field.required",
  label: "errors.field.required",
  key: "errors.field.customFieldKey",
  options: "errors.field.options",
  "value.amount": "errors.field.amount",
  "value.currency": "errors.field.option",
  expectedCloseDate: "errors.field.date",
  lostReason: "errors.field.required",
  lostReasonId: "errors.field.option",
  csv: "errors.field.csv",
};

/** A field's refusal with a reason code, worded more precisely than the field's usual sentence. */
const fieldReasonMessages: Record<string, PlainMessageKey> = {
  "phone.missing_area_code": "errors.field.phoneAreaCode",
};

/** The fields holding an amount of money: a deal's value, a payment's or a refund's amount, a deal filter's bounds. */
const amountFields = new Set(["value.amount", "amount", "valueMin", "valueMax"]);

/** An amount's refusals, one code set for every amount the API takes (the domain's `checkAmount`). */
const amountReasonMessages: Record<AmountProblem, PlainMessageKey> = {
  invalid_format: "errors.field.amount",
  negative: "errors.field.amountNegative",
  // the API's amounts have 13 integer digits at most
  too_big: "errors.field.amountTooLarge",
  too_many_decimals: "errors.field.amountDecimals",
  no_decimals: "errors.field.amountNoCents",
  too_small: "errors.field.amountPositive",
};

const amountReasonMessage = (field: string, reason: string): PlainMessageKey | undefined =>
  amountFields.has(field) && Object.hasOwn(amountReasonMessages, reason)
    ? amountReasonMessages[reason as AmountProblem]
    : undefined;

/** Why a field was refused whatever the field: the API's codes for its input schema, and some of its use cases. */
const reasonMessages: Record<string, PlainMessageKey> = {
  required: "errors.field.required",
  too_short: "errors.reason.tooShort",
  too_long: "errors.reason.tooLong",
  too_small: "errors.reason.tooSmall",
  too_big: "errors.reason.tooBig",
  too_few: "errors.reason.tooFew",
  too_many: "errors.reason.tooMany",
  not_integer: "errors.reason.notInteger",
  out_of_range: "errors.reason.outOfRange",
  invalid_id: "errors.reason.invalidId",
  invalid_email: "errors.field.email",
  invalid_url: "errors.reason.invalidUrl",
  invalid_date: "errors.field.date",
  invalid_format: "errors.reason.invalidFormat",
  invalid_option: "errors.field.option",
  unknown_field: "errors.reason.unknownField",
  // an amount of money
  negative: "errors.field.amountNegative",
  too_many_decimals: "errors.field.amountDecimals",
  no_decimals: "errors.field.amountNoCents",
  // a webhook's URL
  https_required: "errors.reason.httpsRequired",
  private_address: "errors.reason.privateAddress",
  url_has_credentials: "errors.reason.urlHasCredentials",
  url_has_fragment: "errors.reason.urlHasFragment",
};

/** Reasons a field's usual sentence would contradict: "this field is required" under a name that is too long. */
const reasonsOverField = new Set([
  "too_short",
  "too_long",
  "too_small",
  "too_big",
  "too_few",
  "too_many",
  "not_integer",
  "out_of_range",
  "unknown_field",
  "negative",
  "too_many_decimals",
  "no_decimals",
]);

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null;

function readData(error: unknown): ApiErrorData | null {
  if (!isRecord(error) || !isRecord(error.data)) return null;
  return error.data as ApiErrorData;
}

export function errorCodeOf(error: unknown): ErrorCode | null {
  const data = readData(error);
  if (!data) return null;
  if (typeof data.appCode === "string" && data.appCode in appCodeMessages) return data.appCode as ErrorCode;
  return (typeof data.code === "string" && trpcCodeToAppCode[data.code]) || null;
}

/** The id of the record a CONFLICT collided with, when the server says which one. */
export function existingIdOf(error: unknown): string | null {
  const data = readData(error);
  return typeof data?.existingId === "string" ? data.existingId : null;
}

/** The wait a RATE_LIMITED answer names, in whole minutes rounded up; null when it names none. */
export function retryAfterMinutesOf(error: unknown): number | null {
  const seconds = readData(error)?.retryAfterSeconds;
  if (errorCodeOf(error) !== "RATE_LIMITED" || typeof seconds !== "number" || !(seconds > 0)) return null;
  return Math.ceil(seconds / 60);
}

/** The provider a PROVIDER_ERROR names, with the server's own words about it; null for any other error. */
export function providerFailureOf(error: unknown): { provider: string | null; detail: string } | null {
  if (errorCodeOf(error) !== "PROVIDER_ERROR") return null;
  const provider = readData(error)?.provider;
  const detail = isRecord(error) && typeof error.message === "string" ? error.message : "";
  return { provider: typeof provider === "string" ? provider : null, detail };
}

export const isUnauthenticated = (error: unknown): boolean => errorCodeOf(error) === "UNAUTHENTICATED";

/** What a refused subscription says of why the session is over (`data.sessionEnded`), not checked yet. */
export const sessionEndedOf = (error: unknown): unknown => readData(error)?.sessionEnded;

/** Turns anything a tRPC call can throw into message keys the UI can translate. */
export function toErrorView(error: unknown, overrides: ErrorMessageOverrides = {}): ErrorView {
  const data = readData(error);
  if (!data) {
    // A TRPCClientError without data means no answer reached us from the API (offline, proxy down).
    const reachedNoServer = isRecord(error) && error.name === "TRPCClientError";
    return { message: reachedNoServer ? "errors.network" : "errors.unexpected", fieldErrors: {} };
  }
  const code = errorCodeOf(error);
  const fieldErrors: Record<string, PlainMessageKey> = {};
  for (const [field, problems] of Object.entries(data.fieldErrors ?? {})) {
    if (problems.length === 0) continue;
    fieldErrors[field] =
      code === "CONFLICT"
        ? (overrides.CONFLICT ?? "errors.conflict")
        : fieldMessage(field, data.fieldReasons?.[field]);
  }
  const message = code === null ? "errors.unexpected" : (overrides[code] ?? appCodeMessages[code]);
  return { message, fieldErrors };
}

export interface AlertView {
  message: PlainMessageKey;
  /** What was wrong with each refused field, to translate: deduplicated, in the order the server named them. */
  reasons: PlainMessageKey[];
  /** The server's own words, only for English readers and only for fields it gave no reason for. */
  detail: string | undefined;
}

/**
 * What a banner with no fields of its own (an action, a menu) says. "Check the highlighted fields" would point
 * at nothing there, so each refused field is named under a sentence saying it was refused: by the sentence for its
 * reason, or, for a reason the server did not give, in the server's words, which are English, so only to English
 * readers (others get the field's own sentence).
 */
export function toAlertView(
  error: unknown,
  overrides: ErrorMessageOverrides = {},
  locale: Locale = "en",
): AlertView {
  const { message } = toErrorView(error, overrides);
  const data = readData(error);
  const refused = Object.entries(data?.fieldErrors ?? {}).filter(([, problems]) => problems.length > 0);
  if (message !== "errors.validationFailed" || refused.length === 0) {
    return { message, reasons: [], detail: undefined };
  }
  const reasons = new Set<PlainMessageKey>();
  const said: string[] = [];
  for (const [field, problems] of refused) {
    const reason = data?.fieldReasons?.[field];
    if (reason === undefined && locale === "en") said.push(...problems);
    else reasons.add(fieldMessage(field, reason));
  }
  return {
    message: "errors.refused",
    reasons: [...reasons],
    detail: said.length > 0 ? said.join(" ") : undefined,
  };
}

/** An alert's reasons and the server's words as one line under its sentence; undefined when there are none. */
export function alertDetail(view: AlertView, t: (key: PlainMessageKey) => string): string | undefined {
  const parts = [...view.reasons.map((key) => t(key)), ...(view.detail ? [view.detail] : [])];
  return parts.length > 0 ? parts.join(" ") : undefined;
}

/** The sentence for a refused field: the most precise of its reason's and its own, never the server's English. */
function fieldMessage(field: string, reason: string | undefined): PlainMessageKey {
  if (reason === undefined) return fieldMessages[field] ?? "errors.field.invalid";
  const general = reasonMessages[reason];
  return (
    amountReasonMessage(field, reason) ??
    fieldReasonMessages[`${field}.${reason}`] ??
    (reasonsOverField.has(reason) ? general : undefined) ??
    fieldMessages[field] ??
    general ??
    "errors.field.invalid"
  );
}
