import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BrowserSession, registerOwner, restAs, startBrowserSession } from "./session";

let session: BrowserSession;
let page: Page;
let token = "";

const url = (path: string) => `${session.api.baseUrl}${path}`;
const rest = <T>(method: string, path: string, body?: unknown, as = token) =>
  restAs<T>(session.api.baseUrl, as, method, path, body);

beforeAll(async () => {
  session = await startBrowserSession({ locale: "en-US" });
  page = session.page;
  token = (await registerOwner(session, { organizationName: "Empório Serrano", name: "Helena Prado" })).token;
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
