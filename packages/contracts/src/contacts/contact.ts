import { z } from "zod";
import { conversationStatus } from "../conversations/conversation";
import { dealStatus, dealValue } from "../deals/deal";
import { id, strictInput, timestamp } from "../shared/common";
import { wholeNumber } from "../shared/field-formats";
import { pageInput, pageOf } from "../shared/pagination";
import { expectedUpdatedAt } from "../shared/precondition";
import { syncSortDescription, updatedRangeInput } from "../shared/sync";
import { tagRef } from "./tag";

/** "true"/"false" in a query string, a boolean over tRPC. */
const booleanParam = z
  .union([z.boolean(), z.enum(["true", "false"])])
  .transform((value) => value === true || value === "true");

export const customFieldValue = z
  .union([z.string(), z.number(), z.boolean(), z.array(z.string())])
  .describe("Text, number, true/false, a date as YYYY-MM-DD, an option, or a list of options");

export const contact = z.object({
  id,
  name: z.string(),
  email: z.string().nullable().describe("Lower-cased"),
  phone: z.string().nullable().describe("E.164, e.g. +5511987654321"),
  companyId: id.nullable(),
  company: z.object({ id, name: z.string() }).nullable(),
  tags: z.array(tagRef),
  metadata: z.record(z.string(), customFieldValue).describe("Custom field values by key"),
  createdAt: timestamp,
  updatedAt: timestamp,
});
export const contactPage = pageOf(contact);

const email = z
  .string()
  .max(320)
  .nullable()
  .optional()
  .describe("Stored lower-cased; null or empty clears it");
const phone = z
  .string()
  .max(64)
  .nullable()
  .optional()
  .describe("Any usual format; numbers without a country code are read as Brazilian. Stored as E.164");
const metadataInput = z
  .record(z.string().max(50), customFieldValue.nullable())
  .describe("Custom field values by key, checked against the custom field definitions; null clears one");
const companyName = z
  .string()
  .max(500)
  .optional()
  .describe(
    "Instead of companyId: the organization's company of this name (any letter case), created in the same " +
      "write if there is none; nothing is created if the contact is refused",
  );

export const createContactInput = strictInput({
  name: z.string().max(500),
  email,
  phone,
  companyId: id.nullable().optional(),
  companyName,
  metadata: metadataInput.optional(),
  tagIds: z.array(id).max(50).optional().describe("Tags to attach"),
});

export const updateContactInput = strictInput({
  id,
  name: z.string().max(500).optional(),
  email,
  phone,
  companyId: id.nullable().optional().describe("null unlinks the company"),
  companyName,
  metadata: metadataInput.optional().describe("Only the keys given change; null clears one"),
  expectedUpdatedAt,
});

/** The longest contacts search (the list's `search`, the export's): longer text is refused with 400. */
export const maxContactSearchLength = 100;

/** The list's filters, shared by the list and the CSV export. */
export const contactFilters = {
  tagId: id.optional().describe("Only contacts with this tag"),
  companyId: id.optional().describe("Only contacts of this company"),
  hasPhone: booleanParam.optional().describe("Only contacts with (true) or without (false) a phone"),
  hasEmail: booleanParam.optional().describe("Only contacts with (true) or without (false) an email"),
  createdFrom: timestamp.optional().describe("Created at or after"),
  createdTo: timestamp.optional().describe("Created at or before"),
  field: z.string().max(50).optional().describe("A custom field key; use with value"),
  value: z
    .string()
    .max(2000)
    .optional()
    .describe("The custom field's value (for a multi-select: one option)"),
  search: z
    .string()
    .max(maxContactSearchLength, `search must have at most ${maxContactSearchLength} characters`)
    .optional()
    .describe(
      `Part of the name, email, phone number or company name; at most ${maxContactSearchLength} characters`,
    ),
  ...updatedRangeInput,
  sort: z
    .enum(["createdAt", "name", "updatedAt"])
    .optional()
    .describe(`createdAt (newest first, default), name (A-Z) or ${syncSortDescription}`),
};

export const listContactsInput = z.object({ ...pageInput, ...contactFilters });

export const contactPageInput = z.object({ id, ...pageInput });

export const contactConversation = z.object({
  id,
  channel: z.string(),
  status: conversationStatus,
  assignedTo: id.nullable(),
  lastMessageAt: timestamp.nullable(),
  createdAt: timestamp,
});
export const contactConversationPage = pageOf(contactConversation);

export const contactDeal = z.object({
  id,
  title: z.string(),
  value: dealValue,
  status: dealStatus,
  stage: z.string().describe("The id of the deal's stage"),
  pipelineId: id,
  createdAt: timestamp,
  updatedAt: timestamp.describe(
    "Send it as expectedUpdatedAt to update the deal only if nobody changed it since",
  ),
});
export const contactDealPage = pageOf(contactDeal);

export const contactTagInput = strictInput({ id, tagId: id });

export const mergeContactsInput = strictInput({
  id: id.describe("The contact that survives"),
  sourceId: id.describe("The contact merged into it and then deleted"),
});

export const possibleDuplicatesInput = z.object({
  id,
  limit: wholeNumber(1, 20, 5, true)
    .optional()
    .describe("How many suggestions, 1-20 (default 5), the likeliest first"),
});

export const duplicateSignal = z
  .enum(["name", "phone", "emailLocalPart"])
  .describe(
    "name: the same name whatever its accents and letter case; phone: the same phone (a Brazilian mobile " +
      'with or without its ninth digit); emailLocalPart: the same email before the "@" at another domain ' +
      "(not for shared mailboxes such as contato@ or vendas@). No two contacts share an email or an exact phone.",
  );

export const possibleDuplicates = z.object({
  items: z
    .array(
      z.object({
        contact,
        signals: z.array(duplicateSignal).describe("Why it may be the same person, strongest first"),
      }),
    )
    .describe("Most matching signals first, then the newest; never the contact itself"),
});

export const contactDeletionImpact = z.object({
  conversations: z.number().int().describe("Conversations deleted with the contact"),
  messages: z.number().int().describe("Messages of those conversations, deleted with them"),
  deals: z.number().int().describe("Deals kept without a contact"),
  pendingPaymentLinks: z
    .number()
    .int()
    .describe("Pending payment links of those deals: they stay open at the provider"),
});
