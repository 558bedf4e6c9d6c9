import {
  type FakeMercadoPago,
  type FakeStripe,
  startFakeMercadoPago,
  startFakeStripe,
} from "@crm/integrations/testing";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BrowserSession, expectAccessible, registerOwner, restAs, startBrowserSession } from "./session";

let stripe: FakeStripe;
let mp: FakeMercadoPago;
let session: BrowserSession;
let page: Page;
let token = "";
let dealId = "";

const url = (path: string) => `${session.api.baseUrl}${path}`;

const rest = <T>(method: string, path: string, body?: unknown) =>
  restAs<T>(session.api.baseUrl, token, method, path, body);

const connect = async (channel: "stripe" | "mercadopago", name: string, config: object) =>
  (await rest<{ id: string }>("POST", "/integrations", { channel, name, config })).id;

async function openForm() {
  await page.goto(url(`/deals/${dealId}`));
  await page.getByRole("button", { name: "Criar link de pagamento" }).click();
  return page.getByRole("dialog", { name: "Criar um link de pagamento" });
}

const notReadyText = (provider: string) =>
  `${provider} está conectado, mas ainda não pode criar links: falta colar o segredo do webhook em Configurações → Integrações.`;

beforeAll(async () => {
  [stripe, mp] = await Promise.all([startFakeStripe(), startFakeMercadoPago()]);
  session = await startBrowserSession({
    env: { STRIPE_API_BASE: stripe.apiBase, MERCADOPAGO_API_BASE: mp.apiBase },
    locale: "pt-BR",
  });
  page = session.page;
  token = (await registerOwner(session, { organizationName: "Confeitaria Alecrim", name: "Joana Vieira" }))
    .token;
  const contact = await rest<{ id: string }>("POST", "/contacts", { name: "Sérgio Tavares" });
  const pipelines = await rest<{ items: Array<{ id: string; stages: Array<{ id: string }> }> }>(
    "GET",
    "/pipelines",
  );
  const pipeline = pipelines.items[0];
  dealId = (
    await rest<{ id: string }>("POST", "/deals", {
      title: "Doces para a formatura",
      contactId: contact.id,
      pipelineId: pipeline?.id,
      stage: pipeline?.stages[0]?.id,
      value: { amount: "980.00", currency: "BRL" },
    })
  ).id;
});

afterAll(async () => {
  await session?.close();
  await Promise.all([stripe?.close(), mp?.close()]);
});

describe("the payment link form and a provider whose webhook secret is missing", () => {
  it("says that the only provider cannot create links yet, and where to paste the secret", async () => {
    await connect("mercadopago", "MP loja", { accessToken: mp.config.accessToken });
    const dialog = await openForm();
    await dialog.getByText(notReadyText("Mercado Pago")).waitFor();
    expect(await dialog.getByLabel("Provedor").count()).toBe(0);
    expect(await dialog.getByRole("button", { name: "Criar link" }).count()).toBe(0);
    await expectAccessible(page, "payment-link-provider-not-ready");
    await dialog.getByRole("link", { name: "Abrir Configurações → Integrações" }).click();
    await page.waitForURL("**/settings/integrations");
  });

  it("offers it disabled, with the reason, next to a ready one, which is chosen", async () => {
    await connect("stripe", "Stripe", stripe.config);
    const dialog = await openForm();
    const provider = dialog.getByLabel("Provedor");
    await provider.waitFor();
    const options = provider.locator("option");
    // in the API's order, oldest first
    expect(await options.allTextContents()).toEqual(["Mercado Pago (falta o segredo do webhook)", "Stripe"]);
    expect(
      await options.evaluateAll((all) => all.map((option) => (option as HTMLOptionElement).disabled)),
    ).toEqual([true, false]);
    expect(await provider.inputValue()).toBe("stripe");
    await dialog.getByText(notReadyText("Mercado Pago")).waitFor();
    expect(
      await dialog.getByRole("link", { name: "Abrir Configurações → Integrações" }).getAttribute("href"),
    ).toBe("/settings/integrations");
    await expectAccessible(page, "payment-link-provider-disabled");
  });

  it("says in Portuguese, under the provider, why the API refused a link for a provider without the secret", async () => {
    const dialog = await openForm();
    const provider = dialog.getByLabel("Provedor");
    await provider.waitFor();
    expect(await provider.inputValue()).toBe("stripe");
    // while the form is open, the ready Stripe is switched off and another, still without its secret, connected
    const integrations = await rest<{ items: Array<{ id: string; channel: string }> }>(
      "GET",
      "/integrations",
    );
    const ready = integrations.items.find((item) => item.channel === "stripe")?.id ?? "";
    await rest("PATCH", `/integrations/${ready}`, { isActive: false });
    await connect("stripe", "Stripe nova conta", { secretKey: stripe.config.secretKey });

    await dialog.getByRole("button", { name: "Criar link" }).click();
    const message =
      "Este provedor ainda não pode criar links: falta colar o segredo do webhook dele em Configurações → " +
      "Integrações. Sem ele, um link pago não fecharia o negócio.";
    await dialog.getByText(message).waitFor();
    expect(await provider.getAttribute("aria-invalid")).toBe("true");
    // said once, under the field, and never in the API's English
    expect(await dialog.getByText(message).count()).toBe(1);
    expect(await dialog.getByText("webhook secret", { exact: false }).count()).toBe(0);
    expect(stripe.sessions.size).toBe(0);
  });
});
