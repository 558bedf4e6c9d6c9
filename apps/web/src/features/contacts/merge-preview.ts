import type { RouterOutputs } from "../../lib/api-types";

type Contact = RouterOutputs["contacts"]["get"];

export interface MergePreview {
  /** Fields the survivor lacks and takes from the duplicate. */
  filled: Array<"email" | "phone" | "company">;
  /** Tags the survivor does not have yet. */
  newTags: Contact["tags"];
  /** Custom field keys only the duplicate has a value for. */
  newFieldKeys: string[];
}

/** What a merge moves into the survivor, mirroring the API's rule: the survivor's own values win. */
export function mergePreview(survivor: Contact, duplicate: Contact): MergePreview {
  const filled: MergePreview["filled"] = [];
  if (survivor.email === null && duplicate.email !== null) filled.push("email");
  if (survivor.phone === null && duplicate.phone !== null) filled.push("phone");
  if (survivor.company === null && duplicate.company !== null) filled.push("company");
  const ownTags = new Set(survivor.tags.map((tag) => tag.id));
  return {
    filled,
    newTags: duplicate.tags.filter((tag) => !ownTags.has(tag.id)),
    newFieldKeys: Object.keys(duplicate.metadata).filter((key) => survivor.metadata[key] === undefined),
  };
}
