import type { Page, Route } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type BrowserSession, registerOwner, startBrowserSession } from "./session";

let session: BrowserSession;
let page: Page;
let token = "";

const url = (path: string) => `${session.api.baseUrl}${path}`;

/** The REST API as a script calls it, with the session token; any answer but a success fails the test. */
async function rest<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(url(`/api/v1${path}`), {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  expect(response.ok, `${method} ${path}: ${response.status}`).toBe(true);
  return (await response.json()) as T;
}
const contactsTable = () => page.getByRole("table", { name: "Contacts" });
const contactNames = () => contactsTable().getByRole("row").getByRole("link").allTextContents();
const refreshNotice = () =>
  page.getByRole("status").filter({ hasText: "Could not refresh: showing what was loaded before." });

/** Refuses every read of the contact list (also inside a batch); counts them. Everything else goes through. */
async function failContactListReads() {
  const attempts = { count: 0 };
  const handler = (route: Route) => {
    const names = new URL(route.request().url()).pathname.slice("/trpc/".length).split(",");
    if (!names.includes("contacts.list")) return route.fallback();
    attempts.count += 1;
    return route.abort("connectionrefused");
  };
  await page.route("**/trpc/**", handler);
  return { attempts, restore: () => page.unroute("**/trpc/**", handler) };
}

beforeAll(async () => {
  session = await startBrowserSession();
  page = session.page;
  token = (await registerOwner(session, { organizationName: "Papelaria Horizonte", name: "Marta Ribeiro" }))
    .token;
  await rest("POST", "/contacts", { name: "Ana Souza" });
  await rest("POST", "/contacts", { name: "Bruno Lima" });
});

afterEach(async () => {
  await page.unrouteAll({ behavior: "ignoreErrors" });
});

afterAll(async () => {
  await session?.close();
});

describe("a contact list whose refresh fails", () => {
  it("keeps the contacts it showed, says the refresh failed, and refreshes again when asked", async () => {
    await page.goto(url("/contacts"));
    await expect.poll(async () => (await contactNames()).sort()).toEqual(["Ana Souza", "Bruno Lima"]);

    const outage = await failContactListReads();
    // saving a contact refreshes the list in the background: that refresh fails, with its retries
    await page.getByRole("button", { name: "New contact" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("Name", { exact: true }).fill("Carla Dias");
    await dialog.getByRole("button", { name: "Create contact" }).click();
    await dialog.waitFor({ state: "hidden" });
    await expect.poll(() => outage.attempts.count, { timeout: 30_000 }).toBeGreaterThanOrEqual(3);
    await refreshNotice().waitFor({ timeout: 30_000 });
    expect((await contactNames()).sort()).toEqual(["Ana Souza", "Bruno Lima"]);
    expect(await page.getByText("We could not reach the server").count()).toBe(0);

    await outage.restore();
    await refreshNotice().getByRole("button", { name: "Try again" }).click();
    await expect
      .poll(async () => (await contactNames()).sort())
      .toEqual(["Ana Souza", "Bruno Lima", "Carla Dias"]);
    await refreshNotice().waitFor({ state: "detached" });
  });

  it("shows the error with a retry when the first load fails, with nothing loaded before", async () => {
    const outage = await failContactListReads();
    await page.goto(url("/contacts"));
    await page.getByText("We could not reach the server").waitFor({ timeout: 30_000 });
    expect(await refreshNotice().count()).toBe(0);
    expect(await contactsTable().count()).toBe(0);

    await outage.restore();
    await page.getByRole("button", { name: "Try again" }).click();
    await expect
      .poll(async () => (await contactNames()).sort())
      .toEqual(["Ana Souza", "Bruno Lima", "Carla Dias"]);
  });
});
