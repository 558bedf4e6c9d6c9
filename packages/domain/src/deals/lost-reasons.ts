import type { Actor } from "../auth/model";
import { DomainError, notFound, validationFailed } from "../shared/errors";
import { parseId } from "../shared/ids";
import type { Money } from "../shared/money";
import { parseName } from "../shared/names";
import type { LostReason } from "./model";
import type { DealsDeps, DealsRepos, LostReasonPatch } from "./ports";

export const maxLostReasonNameLength = 100;
export const maxLostReasons = 50;

const defaultNames = {
  pt: ["Preço", "Escolheu um concorrente", "Sem resposta", "Sem orçamento", "Momento errado"],
  en: ["Price", "Chose a competitor", "No response", "No budget", "Bad timing"],
};

/** The lost reasons every new organization starts with, in its language (Portuguese for pt-*, else English). */
export const defaultLostReasons = (locale: string): string[] => [
  ...(locale.toLowerCase().startsWith("pt") ? defaultNames.pt : defaultNames.en),
];

/** A new organization's lost reasons, inside the registration's transaction. */
export async function seedDefaultLostReasons(
  repos: Pick<DealsRepos, "lostReasons">,
  organizationId: string,
  locale: string,
): Promise<LostReason[]> {
  const created: LostReason[] = [];
  for (const [position, name] of defaultLostReasons(locale).entries()) {
    created.push(await repos.lostReasons.create(organizationId, { name, position }));
  }
  return created;
}

export async function listLostReasons(
  deps: DealsDeps,
  actor: Actor,
  filter: { archived?: boolean | undefined },
): Promise<LostReason[]> {
  return deps.store.lostReasons.list(actor.organizationId, filter);
}

const parseReasonName = (name: string) => parseName(name, "name", maxLostReasonNameLength);

/** Appended at the end of the list. */
export async function createLostReason(
  deps: DealsDeps,
  actor: Actor,
  input: { name: string },
): Promise<LostReason> {
  const name = parseReasonName(input.name);
  return deps.store.transaction(async (repos) => {
    const all = await repos.lostReasons.lockAll(actor.organizationId);
    if (all.length >= maxLostReasons) {
      throw validationFailed(
        "name",
        `An organization has at most ${maxLostReasons} lost reasons: archive or rename one`,
      );
    }
    return repos.lostReasons.create(actor.organizationId, { name, position: all.length });
  });
}

export interface LostReasonUpdate {
  name?: string | undefined;
  /** the 0-based place to move the reason to, among all reasons (archived too); the others shift */
  position?: number | undefined;
  /** archived reasons stay on the deals lost for them but are not offered to lose a deal */
  archived?: boolean | undefined;
}

/** Renames, moves, archives or unarchives a reason. */
export async function updateLostReason(
  deps: DealsDeps,
  actor: Actor,
  id: string,
  input: LostReasonUpdate,
): Promise<LostReason> {
  const organizationId = actor.organizationId;
  const reasonId = parseId(id);
  const now = deps.clock.now();
  const patch: LostReasonPatch = {};
  if (input.name !== undefined) patch.name = parseReasonName(input.name);
  return deps.store.transaction(async (repos) => {
    const all = await repos.lostReasons.lockAll(organizationId);
    const current = all.find((reason) => reason.id === reasonId);
    if (!current) throw notFound("Lost reason");
    if (input.archived !== undefined && input.archived !== (current.archivedAt !== null)) {
      patch.archivedAt = input.archived ? now : null;
    }
    if (input.position !== undefined) {
      const moves = reorder(all, reasonId, input.position).filter((move) => move.id !== reasonId);
      await repos.lostReasons.setPositions(organizationId, moves, now);
      patch.position = input.position;
    }
    const updated = await repos.lostReasons.update(organizationId, reasonId, patch, now);
    if (!updated) throw notFound("Lost reason");
    return updated;
  });
}

const positionRefused = (reason: string, message: string) =>
  new DomainError("VALIDATION_FAILED", message, {
    fieldErrors: { position: [message] },
    fieldReasons: { position: reason },
  });

/**
 * The positions that change when `id` moves to `position`, the list renumbered 0..n-1 in its current order
 * otherwise. A place past the list's end is refused rather than taken as "last": a client sending one has a
 * stale list, and moving the reason anyway could put it somewhere the user did not see.
 */
export function reorder(
  reasons: ReadonlyArray<Pick<LostReason, "id" | "position">>,
  id: string,
  position: number,
): Array<{ id: string; position: number }> {
  if (!Number.isInteger(position)) throw positionRefused("not_integer", "position must be a whole number");
  if (position < 0 || position > reasons.length - 1) {
    throw positionRefused(
      "out_of_range",
      `position must be between 0 and ${Math.max(reasons.length - 1, 0)}, the places in the list`,
    );
  }
  const ordered = [...reasons].sort((a, b) => a.position - b.position);
  const from = ordered.findIndex((reason) => reason.id === id);
  if (from === -1) throw notFound("Lost reason");
  const [moved] = ordered.splice(from, 1);
  if (!moved) throw notFound("Lost reason");
  ordered.splice(position, 0, moved);
  return ordered.flatMap((reason, index) =>
    reason.position === index ? [] : [{ id: reason.id, position: index }],
  );
}

/**
 * The reason picked to lose a deal: one of the organization's (another's answers 404, as if it did not
 * exist) and not archived.
 */
export async function pickLostReason(
  repos: Pick<DealsRepos, "lostReasons">,
  organizationId: string,
  id: string,
): Promise<LostReason> {
  const reason = await repos.lostReasons.findById(organizationId, parseId(id, "lostReasonId"));
  if (!reason) {
    throw new DomainError("NOT_FOUND", "Lost reason not found", {
      fieldErrors: { lostReasonId: ["Lost reason not found"] },
    });
  }
  if (reason.archivedAt) {
    throw validationFailed("lostReasonId", `The lost reason "${reason.name}" is archived: pick another one`);
  }
  return reason;
}

export interface LostReasonSummary {
  /** null: deals lost with a free-text reason only */
  lostReasonId: string | null;
  name: string | null;
  archived: boolean;
  count: number;
  /** one per currency, never added across currencies */
  totals: Array<Money & { count: number }>;
}

export interface LostReasonSummaryInput {
  pipelineId?: string | undefined;
  lostFrom?: Date | undefined;
  lostTo?: Date | undefined;
}

/**
 * Lost deals per reason, in the list's order: every active reason (with 0 deals too), archived ones only when
 * deals were lost for them; deals lost without a predefined reason come last.
 */
export async function lostReasonSummary(
  deps: DealsDeps,
  actor: Actor,
  input: LostReasonSummaryInput,
): Promise<LostReasonSummary[]> {
  const { lostFrom, lostTo } = input;
  if (lostFrom && lostTo && lostFrom > lostTo) {
    throw validationFailed("lostTo", "lostTo must not be before lostFrom");
  }
  const pipelineId = input.pipelineId === undefined ? undefined : parseId(input.pipelineId, "pipelineId");
  const organizationId = actor.organizationId;
  const [reasons, totals] = await Promise.all([
    deps.store.lostReasons.list(organizationId, {}),
    deps.store.deals.lostTotals(organizationId, { pipelineId, lostFrom, lostTo }),
  ]);
  const groups = new Map<string | null, LostReasonSummary>();
  for (const total of totals) {
    const group = groups.get(total.lostReasonId) ?? {
      lostReasonId: total.lostReasonId,
      name: null,
      archived: false,
      count: 0,
      totals: [],
    };
    group.count += total.count;
    group.totals.push({ amount: total.amount, currency: total.currency, count: total.count });
    groups.set(total.lostReasonId, group);
  }
  const summary: LostReasonSummary[] = [];
  for (const reason of reasons) {
    const group = groups.get(reason.id);
    const archived = reason.archivedAt !== null;
    if (group) summary.push({ ...group, name: reason.name, archived });
    else if (!archived) {
      summary.push({ lostReasonId: reason.id, name: reason.name, archived, count: 0, totals: [] });
    }
  }
  const unlisted = groups.get(null);
  if (unlisted) summary.push(unlisted);
  return summary;
}
