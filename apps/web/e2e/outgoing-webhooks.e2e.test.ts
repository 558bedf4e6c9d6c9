import { createHmac } from "node:crypto";
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BrowserSession, expectAccessible, signUp, startBrowserSession } from "./session";

/** An integrator's endpoint on this machine: what it received, raw. */
const received: Array<{ headers: IncomingHttpHeaders; rawBody: string }> = [];
const receiver = createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on("data", (chunk: Buffer) => chunks.push(chunk));
  request.on("end", () => {
    received.push({ headers: request.headers, rawBody: Buffer.concat(chunks).toString("utf8") });
    response.writeHead(204).end();
  });
});

let session: BrowserSession;
let page: Page;
let hookUrl = "";

beforeAll(async () => {
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/crm-events`;
  session = await startBrowserSession({
    env: { OUTGOING_WEBHOOKS_ALLOW_HTTP: "true", OUTGOING_WEBHOOKS_ALLOW_PRIVATE: "true" },
    locale: "en-US",
  });
  page = session.page;
});

afterAll(async () => {
  await session?.close();
  await new Promise<void>((resolve) => receiver.close(() => resolve()));
});

describe("outgoing webhooks in settings", () => {
  it("adds a webhook, shows its secret once, and a test ping is delivered and signed with it", async () => {
    await signUp(page, session.api.baseUrl, {
      organizationName: "Ótica Lumen",
      name: "Rita Alves",
      email: `rita.${Date.now()}@example.com`,
      password: "correct horse battery",
    });
    await page.goto(`${session.api.baseUrl}/settings`);
    await page
      .getByRole("navigation", { name: "Settings sections" })
      .getByRole("link", { name: "Webhooks" })
      .click();
    await page.getByRole("heading", { name: "No webhooks yet" }).waitFor();
    await expectAccessible(page, "webhooks-empty");

    await page.getByRole("button", { name: "Add webhook" }).first().click();
    const form = page.getByRole("dialog", { name: "Add webhook" });
    await form.getByLabel("URL").fill(hookUrl);
    await form.getByLabel("Description (optional)").fill("ERP sync");
    expect(await form.getByLabel("Contact changed").isDisabled()).toBe(true);
    await expectAccessible(page, "webhooks-create");
    await form.getByRole("button", { name: "Add webhook" }).click();

    const created = page.getByRole("dialog", { name: "Webhook added" });
    const secret = await created.getByLabel("Signing secret").inputValue();
    expect(secret).toMatch(/^whsec_/);
    await created.getByRole("button", { name: "Done" }).click();
    await page.getByText(hookUrl).waitFor();
    await page.getByText(`Secret …${secret.slice(-4)}`).waitFor();
    expect(await page.content()).not.toContain(secret);

    await page.getByRole("button", { name: "Send test" }).click();
    await page.getByText("Test sent: see it in the deliveries.").waitFor();
    await page.getByRole("button", { name: "Deliveries" }).click();
    const deliveries = page.getByRole("dialog", { name: `Deliveries to ${hookUrl}` });
    await deliveries.getByText("Delivered").waitFor();
    await deliveries.getByRole("cell", { name: "ping", exact: true }).waitFor();
    await expectAccessible(page, "webhooks-deliveries");
    await deliveries.getByRole("button", { name: /^Retry ping of / }).click();
    await deliveries.getByRole("cell", { name: /^Delivered/ }).waitFor();
    await expect.poll(() => received.length).toBe(2);

    const [ping] = received;
    if (!ping) throw new Error("the receiver got nothing");
    expect(JSON.parse(ping.rawBody)).toMatchObject({ type: "ping" });
    const timestamp = String(ping.headers["x-crm-timestamp"]);
    const expected = createHmac("sha256", secret).update(`${timestamp}.${ping.rawBody}`).digest("hex");
    expect(ping.headers["x-crm-signature"]).toBe(`sha256=${expected}`);
  });
});
