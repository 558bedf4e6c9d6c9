import { z } from "zod";
import { id, strictInput, timestamp } from "../shared/common";
import { pageInput, pageOf } from "../shared/pagination";
import { syncSortDescription, updatedRangeInput } from "../shared/sync";

const color = z.string().max(20).describe("Hex color, e.g. #22c55e");

export const tagRef = z.object({ id, name: z.string(), color: z.string() });

export const tag = z.object({
  id,
  name: z.string(),
  color: z.string(),
  createdAt: timestamp,
  updatedAt: timestamp,
});
export const tagPage = pageOf(tag);
export const listTagsInput = z.object({
  ...pageInput,
  search: z
    .string()
    .max(100)
    .optional()
    .describe("Part of the name, whatever its accents and letter case (atacadao finds Atacadão)"),
  ...updatedRangeInput,
  sort: z
    .enum(["name", "createdAt", "updatedAt"])
    .optional()
    .describe(
      `name (A-Z, whatever the accents and letter case; default), createdAt (newest first) or ${syncSortDescription}`,
    ),
});

export const createTagInput = strictInput({
  name: z.string().max(200).describe("Unique in the organization, whatever its accents and letter case"),
  color: color.optional().describe("Hex color, default #64748b"),
});

export const updateTagInput = strictInput({
  id,
  name: z.string().max(200).optional(),
  color: color.optional(),
});

/** How many contacts use a tag or a custom field, said before deleting it. */
export const contactUsage = z.object({
  contacts: z.number().int().describe("How many contacts use it (and lose it when it is deleted)"),
});
