import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BrowserSession, restAs, startBrowserSession } from "./session";

let session: BrowserSession;
let page: Page;
let token = "";

const url = (path: string) => `${session.api.baseUrl}${path}`;
const rest = <T>(method: string, path: string, body?: unknown, as = token) =>
  restAs<T>(session.api.baseUrl, as, method, path, body);

beforeAll(async () => {
  session = await startBrowserSession({ locale: "en-US" });
  page = session.page;
  const registered = await fetch(url("/api/v1/auth/register"), {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      organizationName: "Empório Serrano",
      name: "Helena Prado",
      email: `owner.${Date.now()}.${Math.random().toString(36).slice(2, 8)}@example.com`,
      password: "correct horse battery",
    }),
  });
  token = ((await registered.json()) as { token: string }).token;
  await session.context.addCookies([{ name: "crm_session", value: token, url: session.api.baseUrl }]);
});

afterAll(async () => {
  await session?.close();
});

describe("a deal's timeline", () => {
  it("names the API key that wrote an activity or moved the deal, as it names a member", async () => {
    const key = await rest<{ apiKey: { id: string }; secret: string }>("POST", "/api-keys", {
      name: "Zapier",
      role: "admin",
    });
    const contact = await rest<{ id: string }>("POST", "/contacts", { name: "Otávio Mendes" });
    const pipelines = await rest<{ items: Array<{ id: string; stages: Array<{ id: string }> }> }>(
      "GET",
      "/pipelines",
    );
    const pipeline = pipelines.items[0];
    const deal = await rest<{ id: string }>("POST", "/deals", {
      title: "Queijo canastra",
      contactId: contact.id,
      pipelineId: pipeline?.id,
      stage: pipeline?.stages[0]?.id,
      value: { amount: "120.00", currency: "BRL" },
    });
    await rest(
      "POST",
      `/deals/${deal.id}/activities`,
      { type: "note", content: "From the website form" },
      key.secret,
    );
    await rest("PATCH", `/deals/${deal.id}`, { stage: pipeline?.stages[1]?.id }, key.secret);
    await rest("POST", `/deals/${deal.id}/activities`, { type: "note", content: "Called him back" });

    await page.goto(url(`/deals/${deal.id}`));
    const activities = page.getByRole("list", { name: "Activity" });
    const item = (text: string) => activities.getByRole("listitem").filter({ hasText: text });
    await item("From the website form").getByText("via API: Zapier").waitFor();
    await item("Moved from").getByText("via API: Zapier").waitFor();
    await item("Called him back").getByText("Helena Prado").waitFor();
    expect(await item("Called him back").getByText("via API").count()).toBe(0);
  });
});
