import type { Locale } from "../../i18n/locale";
import type { Translate } from "../../i18n/translate";
import type { RouterOutputs } from "../../lib/api-types";
import { formatMoney } from "../../lib/money";

export type DealActivity = RouterOutputs["deals"]["activities"]["items"][number];
export type UserActivityType = "note" | "call" | "meeting" | "task";

export const userActivityTypes: readonly UserActivityType[] = ["note", "task", "call", "meeting"];
/** Kinds that happen at a time and can be ticked off; a note just is. */
export const schedulableTypes: readonly string[] = ["task", "call", "meeting"];

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null;

/** A stage name written into a system activity, as it was named then. */
function stageName(value: unknown, fallback: string): string {
  return isRecord(value) && typeof value.stageName === "string" ? value.stageName : fallback;
}

/**
 * The pipelines' names of a move between pipelines, as they were named then; null for a move within one, or one
 * recorded before moves kept the names (those are told by stage alone).
 */
function movedPipelines(data: Record<string, unknown>): { from: string; to: string } | null {
  const { from, to } = data;
  if (!isRecord(from) || !isRecord(to) || from.pipelineId === to.pipelineId) return null;
  if (typeof from.pipelineName !== "string" || typeof to.pipelineName !== "string") return null;
  return { from: from.pipelineName, to: to.pipelineName };
}

const providerNames: Record<string, string> = { stripe: "Stripe", mercadopago: "Mercado Pago" };

/** "R$ 1.500,00" and "Stripe" from a payment activity's facts; what is missing is left empty. */
function paymentParams(data: Record<string, unknown>, locale: Locale) {
  const amount =
    typeof data.amount === "string" && typeof data.currency === "string"
      ? formatMoney({ amount: data.amount, currency: data.currency }, locale)
      : "";
  const provider = typeof data.provider === "string" ? (providerNames[data.provider] ?? data.provider) : "";
  return { amount, provider };
}

/** "R$ 0,50" of "R$ 50.000,00": how much of its value a deal not won by a payment had paid then. */
function dealProgress(data: Record<string, unknown>, locale: Locale) {
  const { dealPaidTotal, dealValue, dealCurrency } = data;
  if (
    typeof dealPaidTotal !== "string" ||
    typeof dealValue !== "string" ||
    typeof dealCurrency !== "string"
  ) {
    return undefined;
  }
  return {
    paid: formatMoney({ amount: dealPaidTotal, currency: dealCurrency }, locale),
    value: formatMoney({ amount: dealValue, currency: dealCurrency }, locale),
  };
}

/** "20/12/2026": a calendar date as a short, unambiguous day in the user's language. */
const shortDate = (value: string, locale: Locale): string =>
  new Intl.DateTimeFormat(locale, {
    day: "2-digit",
    month: "2-digit",
    year: "numeric",
    timeZone: "UTC",
  }).format(new Date(`${value}T00:00:00Z`));

const isMoney = (value: unknown): value is { amount: string; currency: string } =>
  isRecord(value) && typeof value.amount === "string" && typeof value.currency === "string";

/** A user's name now; an id the team no longer has is a former member. */
export type UserName = (id: string) => string | undefined;

/** One sentence per field a `fields_changed` activity lists, old value to new; fields it does not know are left out. */
export function describeFieldChanges(
  data: Record<string, unknown>,
  t: Translate,
  locale: Locale,
  userName: UserName,
): string[] {
  const changes = Array.isArray(data.changes) ? data.changes : [];
  const member = (id: string) => userName(id) ?? t("deals.activity.formerMember");
  return changes.flatMap((change): string[] => {
    if (!isRecord(change)) return [];
    const { field, from, to } = change;
    if (field === "title" && typeof from === "string" && typeof to === "string") {
      return [t("deals.activity.titleChanged", { from, to })];
    }
    if (field === "value" && isMoney(from) && isMoney(to)) {
      return [
        t("deals.activity.valueChanged", { from: formatMoney(from, locale), to: formatMoney(to, locale) }),
      ];
    }
    if (field === "expectedCloseDate") {
      if (typeof from === "string" && typeof to === "string") {
        return [
          t("deals.activity.closeDateChanged", { from: shortDate(from, locale), to: shortDate(to, locale) }),
        ];
      }
      if (typeof to === "string") return [t("deals.activity.closeDateSet", { to: shortDate(to, locale) })];
      if (typeof from === "string")
        return [t("deals.activity.closeDateCleared", { from: shortDate(from, locale) })];
    }
    if (field === "assigneeId") {
      if (typeof from === "string" && typeof to === "string") {
        return [t("deals.activity.assigneeChanged", { from: member(from), to: member(to) })];
      }
      if (typeof to === "string") return [t("deals.activity.assigneeSet", { to: member(to) })];
      if (typeof from === "string") return [t("deals.activity.assigneeCleared", { from: member(from) })];
    }
    return [];
  });
}

/**
 * The sentence that says what a system activity recorded (one line per field of an edit); null for the user's own
 * notes and tasks.
 */
export function describeSystemActivity(
  activity: Pick<DealActivity, "type" | "data">,
  t: Translate,
  locale: Locale,
  userName: UserName = () => undefined,
): string | null {
  const { data } = activity;
  const unknownStage = t("deals.activity.unknownStage");
  switch (activity.type) {
    case "created":
      return t("deals.activity.created", { stage: stageName(data, unknownStage) });
    case "stage_changed": {
      const from = stageName(data.from, unknownStage);
      const to = stageName(data.to, unknownStage);
      const pipelines = movedPipelines(data);
      const params = pipelines
        ? {
            from: t("deals.activity.stageInPipeline", { pipeline: pipelines.from, stage: from }),
            to: t("deals.activity.stageInPipeline", { pipeline: pipelines.to, stage: to }),
          }
        : { from, to };
      if (data.reason === "stage_removed") return t("deals.activity.movedStageRemoved", params);
      if (data.reason === "pipeline_removed") return t("deals.activity.movedPipelineRemoved", params);
      return t("deals.activity.moved", params);
    }
    case "won":
      if (typeof data.paymentId !== "string") return t("deals.activity.won");
      return data.reopenedFrom === "lost"
        ? t("deals.activity.reopenedByPayment", {
            reason: typeof data.lostReason === "string" ? data.lostReason : "",
          })
        : t("deals.activity.wonByPayment");
    case "lost":
      return typeof data.lostReason === "string" && data.lostReason !== ""
        ? t("deals.activity.lostBecause", { reason: data.lostReason })
        : t("deals.activity.lost");
    case "reopened":
      return t("deals.activity.reopened");
    case "payment_paid": {
      if (data.duplicate === true) return t("deals.activity.paymentPaidAgain", paymentParams(data, locale));
      const progress = dealProgress(data, locale);
      if (!progress) return t("deals.activity.paymentPaid", paymentParams(data, locale));
      return data.otherCurrency === true
        ? t("deals.activity.paymentPaidOtherCurrency", { ...paymentParams(data, locale), ...progress })
        : t("deals.activity.paymentPaidPartial", { ...paymentParams(data, locale), ...progress });
    }
    case "payment_refunded":
      return t("deals.activity.paymentRefunded", paymentParams(data, locale));
    case "payment_expired":
      return data.reason === "integration_deleted"
        ? t("deals.activity.paymentExpiredIntegrationDeleted", paymentParams(data, locale))
        : t("deals.activity.paymentExpired", paymentParams(data, locale));
    case "payment_declined": {
      // the provider's code (insufficient_funds, cc_rejected_high_risk) is short and the same in every language
      const reason = [data.declineCode, data.declineMessage].find((value) => typeof value === "string");
      return typeof reason === "string"
        ? t("deals.activity.paymentDeclinedBecause", { ...paymentParams(data, locale), reason })
        : t("deals.activity.paymentDeclined", paymentParams(data, locale));
    }
    case "payment_link_created":
      return t("deals.activity.paymentLinkCreated", paymentParams(data, locale));
    case "payment_link_sent":
      return t("deals.activity.paymentLinkSent", paymentParams(data, locale));
    case "contact_changed":
      if (data.reason === "contact_merged") return t("deals.activity.contactMerged");
      if (data.reason === "contact_deleted") return t("deals.activity.contactDeleted");
      return t("deals.activity.contactChanged");
    case "fields_changed":
      return describeFieldChanges(data, t, locale, userName).join("\n");
    default:
      return null;
  }
}

/** The contacts a user's change of contact went from and to, by id; null for merges, deletions and other activities. */
export function contactChangeIds(
  activity: Pick<DealActivity, "type" | "data">,
): { from: string | null; to: string | null } | null {
  const { data } = activity;
  if (activity.type !== "contact_changed" || data.reason !== undefined) return null;
  const id = (value: unknown) => (typeof value === "string" ? value : null);
  return { from: id(data.fromContactId), to: id(data.toContactId) };
}

/** "Contato alterado de Carla para Diego" once the names are known; the plain "Contato alterado" until then. */
export function describeContactChange(from: string | null, to: string | null, t: Translate): string {
  if (from && to) return t("deals.activity.contactChangedFromTo", { from, to });
  if (to) return t("deals.activity.contactChangedTo", { to });
  return t("deals.activity.contactChanged");
}

/**
 * A task (call, meeting) not done whose due time has passed, on a deal still open: once the deal is won or lost,
 * a task left open is left over, not late (the API's agenda says the same).
 */
export const isOverdue = (
  activity: Pick<DealActivity, "dueAt" | "done">,
  dealStatus: string,
  now: Date = new Date(),
): boolean =>
  dealStatus === "open" &&
  activity.dueAt !== null &&
  !activity.done &&
  Date.parse(activity.dueAt) < now.getTime();
