import type { Actor } from "../auth/model";
import { notFound, validationFailed } from "../shared/errors";
import { parseName } from "../shared/names";
import { publishContactChanges } from "./events";
import type { Tag } from "./model";
import type { ContactsDeps } from "./ports";

export const defaultTagColor = "#64748b";
export const maxTagNameLength = 50;
const colorPattern = /^#[0-9a-f]{6}$/;

export function parseTagName(name: string): string {
  const trimmed = parseName(name, "name", maxTagNameLength);
  if (trimmed.includes(";"))
    throw validationFailed("name", 'A tag name cannot contain ";" (it separates tags in CSV files)');
  return trimmed;
}

export function parseTagColor(color: string): string {
  const normalized = color.trim().toLowerCase();
  if (!colorPattern.test(normalized))
    throw validationFailed("color", "color must be a hex color such as #22c55e");
  return normalized;
}

export async function createTag(
  deps: ContactsDeps,
  actor: Actor,
  input: { name: string; color?: string | undefined },
): Promise<Tag> {
  const name = parseTagName(input.name);
  const color = input.color === undefined ? defaultTagColor : parseTagColor(input.color);
  return deps.store.tags.create(actor.organizationId, { name, color });
}

export async function getTag(deps: ContactsDeps, actor: Actor, id: string): Promise<Tag> {
  const tag = await deps.store.tags.findById(actor.organizationId, id);
  if (!tag) throw notFound("Tag");
  return tag;
}

/** Renames or recolors a tag. */
export async function updateTag(
  deps: ContactsDeps,
  actor: Actor,
  id: string,
  input: { name?: string | undefined; color?: string | undefined },
): Promise<Tag> {
  const patch = {
    ...(input.name === undefined ? {} : { name: parseTagName(input.name) }),
    ...(input.color === undefined ? {} : { color: parseTagColor(input.color) }),
  };
  const tag = await deps.store.tags.update(actor.organizationId, id, patch);
  if (!tag) throw notFound("Tag");
  return tag;
}

/** How many contacts carry the tag: its delete dialog says how many it is taken from. */
export async function countTagContacts(deps: ContactsDeps, actor: Actor, id: string): Promise<number> {
  if (!(await deps.store.tags.findById(actor.organizationId, id))) throw notFound("Tag");
  return deps.store.tags.countContacts(actor.organizationId, id);
}

export async function deleteTag(deps: ContactsDeps, actor: Actor, id: string): Promise<void> {
  const detached = await deps.store.transaction((repos) => repos.tags.remove(actor.organizationId, id));
  if (!detached) throw notFound("Tag");
  await publishContactChanges(
    deps,
    actor.organizationId,
    detached.map((contactId) => ({ contactId, change: "updated" as const })),
  );
}
