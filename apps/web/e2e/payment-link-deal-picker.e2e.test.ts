import { type FakeStripe, startFakeStripe } from "@crm/integrations/testing";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BrowserSession, expectAccessible, registerOwner, restAs, startBrowserSession } from "./session";

let stripe: FakeStripe;
let session: BrowserSession;
let page: Page;
let token = "";

beforeAll(async () => {
  stripe = await startFakeStripe();
  session = await startBrowserSession({ env: { STRIPE_API_BASE: stripe.apiBase }, locale: "en-US" });
  page = session.page;
});

afterAll(async () => {
  await session?.close();
  await stripe?.close();
});

const url = (path: string) => `${session.api.baseUrl}${path}`;
const rest = <T>(method: string, path: string, body?: unknown) =>
  restAs<T>(session.api.baseUrl, token, method, path, body);

let olderDealId = "";

/** Opens "Create payment link" on the payments page and returns its dialog. */
async function openCreateDialog() {
  await page.goto(url("/payments"));
  await page.getByRole("button", { name: "Create payment link" }).click();
  return page.getByRole("dialog", { name: "Create a payment link" });
}

describe("the payments page's deal picker", () => {
  it("finds an open deal older than the first hundred by part of its title and creates its link", async () => {
    ({ token } = await registerOwner(session, { organizationName: "Frotas Sul", name: "Paula Reis" }));
    const pipeline = (
      await rest<{ items: Array<{ id: string; stages: Array<{ id: string }> }> }>("GET", "/pipelines")
    ).items[0];
    const contact = await rest<{ id: string }>("POST", "/contacts", { name: "Otávio Mendes" });
    const deal = (title: string, amount: string) =>
      rest<{ id: string }>("POST", "/deals", {
        title,
        contactId: contact.id,
        pipelineId: pipeline?.id,
        stage: pipeline?.stages[0]?.id,
        value: { amount, currency: "BRL" },
      });
    olderDealId = (await deal("Revisão da frota (5 carros)", "4321.00")).id;
    for (let batch = 0; batch < 5; batch++) {
      await Promise.all(Array.from({ length: 21 }, (_, i) => deal(`Lote ${batch * 21 + i + 1}`, "10.00")));
    }
    await rest("POST", "/integrations", { channel: "stripe", name: "Stripe frotas", config: stripe.config });

    const dialog = await openCreateDialog();
    const results = dialog.getByRole("listbox", { name: "Open deals" });
    await results.getByRole("option").first().waitFor();
    expect(await results.getByRole("option", { name: /Revisão da frota/ }).count()).toBe(0);
    await dialog.getByRole("combobox", { name: "Deal" }).fill("frota");
    const older = results.getByRole("option", { name: /Revisão da frota \(5 carros\)/ });
    await older.waitFor();
    // the contact and the value tell same-titled deals apart
    expect(await older.textContent()).toMatch(/Otávio Mendes · R\$4,321\.00/);
    await expectAccessible(page, "payment-link-deal-picker");
    await older.click();
    await dialog.getByRole("button", { name: "Change" }).waitFor();
    await dialog.getByRole("button", { name: "Create link" }).click();
    await dialog.getByText(/link for R\$4,321\.00/i).waitFor();

    const payments = await rest<{ items: Array<{ dealId: string }> }>(
      "GET",
      `/payments?dealId=${olderDealId}`,
    );
    expect(payments.items.map((payment) => payment.dealId)).toEqual([olderDealId]);
  });

  it("names the provider that did not answer and keeps its words under Technical details", async () => {
    stripe.failNext(500, 5);
    const dialog = await openCreateDialog();
    await dialog.getByRole("combobox", { name: "Deal" }).fill("Lote 7");
    await dialog
      .getByRole("listbox", { name: "Open deals" })
      .getByRole("option", { name: /^Lote 7(?!\d)/ })
      .click();
    await dialog.getByRole("button", { name: "Create link" }).click();
    await dialog.getByText(/^Stripe did not respond as expected while creating the link/).waitFor();
    const details = dialog.getByText("Technical details", { exact: true });
    await details.click();
    await dialog.getByText(/stripe answered: .*Something went wrong on Stripe's end/i).waitFor();
  });
});
