import { expect } from "vitest";
import type { TestApi } from "../../testing/harness";

export interface ContactDto {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
  companyId: string | null;
  company: { id: string; name: string } | null;
  tags: Array<{ id: string; name: string; color: string }>;
  metadata: Record<string, unknown>;
  createdAt: string;
}

export interface PageDto<T> {
  items: T[];
  nextCursor: string | null;
}

export interface ErrorDto {
  message: string;
  data: { appCode: string | null; fieldErrors: Record<string, string[]> | null; existingId: string | null };
}

export interface ImportDto {
  id: string;
  status: "queued" | "running" | "completed" | "failed";
  total: number | null;
  processed: number;
  created: number;
  updated: number;
  skipped: number;
  unchanged: number;
  failed: number;
  error: string | null;
  errorReason: { code: string; params: Record<string, string | number> } | null;
  warned: number;
  ignoredColumns: string[];
}

export interface ImportRowDto {
  rowNumber: number;
  outcome: "created" | "updated" | "skipped" | "unchanged" | "error";
  reason: string | null;
  reasons: Array<{ code: string; params: Record<string, string | number> }>;
  warnings: Array<{ field: string; reason: { code: string; params: Record<string, string | number> } }>;
  contactId: string | null;
}

/** A valid Brazilian mobile, different for each n below 10^8. */
export const mobile = (n: number) => `+55119${String(60_000_000 + n).padStart(8, "0")}`;

export async function createContact(
  api: TestApi,
  token: string,
  body: Record<string, unknown>,
): Promise<ContactDto> {
  const res = await api.rest<ContactDto>("POST", "/contacts", { token, body });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

export async function createResource(
  api: TestApi,
  token: string,
  path: string,
  body: Record<string, unknown>,
): Promise<{ id: string }> {
  const res = await api.rest<{ id: string }>("POST", path, { token, body });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

/** Follows an import until it ends, as a client would. */
export async function waitForImport(
  api: TestApi,
  token: string,
  id: string,
  timeoutMs = 120_000,
): Promise<ImportDto> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await api.rest<ImportDto>("GET", `/contacts/imports/${id}`, { token });
    expect(res.status).toBe(200);
    if (res.body.status === "completed" || res.body.status === "failed") return res.body;
    if (Date.now() > deadline) throw new Error(`import ${id} still ${res.body.status} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Every item of a paginated REST list, following nextCursor. */
export async function allPages<T>(api: TestApi, token: string, path: string): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  do {
    const separator = path.includes("?") ? "&" : "?";
    const url: string = cursor ? `${path}${separator}cursor=${encodeURIComponent(cursor)}` : path;
    const res = await api.rest<PageDto<T>>("GET", url, { token });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    items.push(...res.body.items);
    cursor = res.body.nextCursor;
  } while (cursor);
  return items;
}

/** How many rows a table holds for an organization, read straight from the database. */
export async function countRows(
  api: TestApi,
  table: "contacts" | "companies" | "tags" | "contact_tags" | "audit_logs" | "custom_field_definitions",
  organizationId: string,
): Promise<number> {
  const row = await api.container.db.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<string>().as("count"))
    .where("organization_id", "=", organizationId)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}
