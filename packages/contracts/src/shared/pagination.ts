import { z } from "zod";
import { wholeNumber } from "./field-formats";

export const pageInput = {
  cursor: z
    .string()
    .max(500)
    .optional()
    .describe("Opaque cursor from the previous page's nextCursor, passed with that page's filters"),
  limit: wholeNumber(1, 100, 25, true).optional().describe("Page size, 1-100 (default 25)"),
};

export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({
    items: z.array(item),
    nextCursor: z.string().nullable().describe("Pass as cursor to get the next page; null on the last page"),
  });
