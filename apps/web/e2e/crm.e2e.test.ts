import type { ConsoleMessage, Locator, Page, Request } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type BrowserSession,
  drag,
  expectAccessible,
  openPage,
  signUp,
  startBrowserSession,
} from "./session";

let session: BrowserSession;
let page: Page;

beforeAll(async () => {
  session = await startBrowserSession({ locale: browserLocale });
  page = session.page;
});

afterAll(() => session?.close());

const url = (path: string) => `${session.api.baseUrl}${path}`;

interface ContactBody {
  name: string;
  email: string | null;
  metadata: Record<string, unknown>;
}

/** A REST call as the signed-in page (`on`, by default Rafael's) makes one: its session cookie, its origin. */
function api<T = unknown>(
  method: string,
  path: string,
  body?: unknown,
  on: Page = page,
): Promise<{ status: number; body: T }> {
  return on.evaluate(
    async ({ method, path, body }) => {
      const response = await fetch(`/api/v1${path}`, {
        method,
        headers: body === undefined ? {} : { "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: response.status, body: await response.json() };
    },
    { method, path, body },
  );
}

/** The sign-up sends the browser's language, which names the default pipeline's stages: English here. */
const browserLocale = "en-US";
const stage = {
  newLead: "New lead",
  qualified: "Qualified",
  proposal: "Proposal",
  negotiation: "Negotiation",
};

const owner = {
  organizationName: "Torrefação Grão Nobre",
  name: "Rafael Mendes",
  email: `rafael.${Date.now()}@example.com`,
  password: "correct horse battery",
};

const importCsv = [
  "name,email,phone,company,tags,plan",
  "Bruno Costa,bruno@example.com,+5511912345678,Padaria Central,Wholesale,Basic",
  "Carla Dias,carla@example.com,,,VIP;Wholesale,",
  ",nobody@example.com,,,,",
  "Ana Lima (copy),ana.lima@example.com,,,,",
].join("\n");

const dealTitle = "50 boxes of coffee beans";

describe("a sales team's day with contacts and deals", () => {
  it("signs up and defines a custom field", async () => {
    await signUp(page, session.api.baseUrl, owner);

    await page.goto(url("/settings/custom-fields"));
    await page.getByRole("heading", { name: "No custom fields yet" }).waitFor();
    await page.getByRole("button", { name: "Add field" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("Label").fill("Plan");
    expect(await dialog.getByLabel("Key").inputValue()).toBe("plan");
    await dialog.getByLabel("Type").selectOption("single_select");
    await dialog.getByLabel("Options").fill("Basic\nPro");
    await dialog.getByRole("button", { name: "Add field" }).click();
    await page.getByRole("table", { name: "Custom fields" }).getByText("Plan", { exact: true }).waitFor();
    await expectAccessible(page, "10-settings-custom-fields");
  });

  it("creates a contact with a custom field and a tag, then finds it by search", async () => {
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Contacts" }).click();
    await page.getByRole("heading", { name: "Add your first contact" }).waitFor();
    await expectAccessible(page, "11-contacts-empty");

    await page.getByRole("button", { name: "New contact" }).first().click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("Name").fill("Ana Lima");
    await dialog.getByLabel("Email").fill("ana.lima@example.com");
    await dialog.getByLabel("Phone").fill("+55 11 98765-4321");
    await dialog.getByLabel("Company").fill("Café Aroma");
    await dialog.getByLabel("Plan").selectOption("Pro");
    await dialog.getByLabel("Tags").fill("VIP");
    await dialog.getByLabel("Tags").press("Enter");
    await dialog.getByRole("button", { name: "Remove tag VIP" }).waitFor();
    await expectAccessible(page, "11a-contact-form");
    await dialog.getByRole("button", { name: "Create contact" }).click();
    await dialog.waitFor({ state: "detached" });

    const table = page.getByRole("table", { name: "Contacts" });
    await table.getByRole("link", { name: "Ana Lima" }).waitFor();
    // stored as E.164, shown grouped
    await table.getByRole("cell", { name: "(11) 98765-4321", exact: true }).waitFor();
    await page.getByRole("button", { name: "New contact" }).click();
    await page.getByRole("dialog").getByLabel("Name").fill("Marcos Prado");
    await page.getByRole("dialog").getByRole("button", { name: "Create contact" }).click();
    await table.getByRole("link", { name: "Marcos Prado" }).waitFor();

    await page.getByLabel("Search contacts").fill("98765");
    await page.waitForURL(/q=/);
    await table.getByRole("link", { name: "Ana Lima" }).waitFor();
    await expect.poll(() => table.getByRole("link", { name: "Marcos Prado" }).count()).toBe(0);
    // the tag filter finds tags by name as it is typed
    await page.getByRole("combobox", { name: "Filter by tag" }).click();
    await page.keyboard.type("vip");
    await page
      .getByRole("listbox", { name: "Matching tags" })
      .getByRole("option", { name: "VIP", exact: true })
      .click();
    await table.getByText("Café Aroma").waitFor();
    const exportLink = page.getByRole("link", { name: "Export filtered" });
    expect(await exportLink.getAttribute("href")).toMatch(
      /\/api\/v1\/contacts\/export\.csv\?search=98765&tagId=/,
    );
    await expectAccessible(page, "12-contacts-search");
  });

  it("fits the contact list on a phone: the number under the name, the other columns on wider screens", async () => {
    const wide = page.viewportSize();
    await page.setViewportSize({ width: 390, height: 844 });
    try {
      const table = page.getByRole("table", { name: "Contacts" });
      const ana = table.getByRole("row").filter({ hasText: "Ana Lima" });
      await ana.getByText("(11) 98765-4321").filter({ visible: true }).waitFor();
      expect(await table.getByRole("columnheader", { name: "Company" }).isVisible()).toBe(false);
      expect(await table.getByRole("columnheader", { name: "Phone" }).isVisible()).toBe(false);
      // the table fits its scrolling box: nothing to scroll sideways
      const overflow = await table.evaluate((element) => {
        const box = element.parentElement ?? element;
        return box.scrollWidth - box.clientWidth;
      });
      expect(overflow).toBeLessThanOrEqual(0);
      await expectAccessible(page, "12a-contacts-on-a-phone");
    } finally {
      if (wide) await page.setViewportSize(wide);
    }
  });

  it("imports a CSV file and shows what happened to each row", async () => {
    await page.getByRole("link", { name: "Import CSV" }).click();
    await page.getByRole("heading", { name: "Import contacts" }).waitFor();
    await page.getByLabel("CSV file").setInputFiles({
      name: "contacts.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(importCsv, "utf8"),
    });
    // completing, which never replaces a value, is the choice until another is picked
    expect(await page.getByRole("radio", { name: /Complete the contact/ }).isChecked()).toBe(true);
    await page.getByRole("radio", { name: /Update the contact \(replace\)/ }).check();
    await page.getByText("The matched contacts' current data will be replaced by the file's").waitFor();
    await page.getByRole("radio", { name: /Skip the row/ }).check();
    await expectAccessible(page, "13-contacts-import-form");
    // the preview comes first: what the import would do, then the import itself
    await page.getByRole("button", { name: "Preview" }).click();
    await page.getByRole("button", { name: "Import these contacts" }).click();

    await page.getByText("Completed", { exact: true }).waitFor({ timeout: 30_000 });
    const report = page.getByRole("table", { name: "Row by row" });
    await report.getByRole("row").nth(4).waitFor();
    const outcomes = await report
      .getByRole("row")
      .evaluateAll((rows) => rows.slice(1).map((row) => row.querySelectorAll("td")[1]?.textContent ?? ""));
    expect(outcomes).toEqual(["Created", "Created", "Error", "Skipped"]);
    await report.getByRole("row").nth(3).getByText(/name/i).waitFor();
    await expect.poll(() => page.getByRole("progressbar").getAttribute("aria-valuenow")).toBe("100");
    await expectAccessible(page, "14-contacts-import-report");
  });

  it("says why a file whose header cannot be used was not imported", async () => {
    await page.getByRole("button", { name: "Import another file" }).click();
    await page.getByLabel("CSV file").setInputFiles({
      name: "celulares.csv",
      mimeType: "text/csv",
      buffer: Buffer.from("Nome;Telefone;Celular\nJoana;11987650000;11987650001\n", "utf8"),
    });
    await page.getByRole("button", { name: "Preview" }).click();
    await page
      .getByText("The columns “Telefone” and “Celular” mean the same thing. Keep only one of them.")
      .waitFor({ timeout: 30_000 });
    expect(await page.getByRole("button", { name: "Import these contacts" }).count()).toBe(0);
    await page.getByText("Fix the file and import it again: no contact was imported.").waitFor();
  });

  it("opens the contact and creates a deal for it", async () => {
    await page.getByRole("link", { name: "All contacts" }).click();
    await page.getByRole("table", { name: "Contacts" }).getByRole("link", { name: "Bruno Costa" }).waitFor();
    await page
      .getByRole("table", { name: "Contacts" })
      .getByRole("link", { name: "Ana Lima", exact: true })
      .click();
    await page.getByRole("heading", { name: "Ana Lima", level: 1 }).waitFor();
    await page.getByText("Pro", { exact: true }).waitFor();
    await page.getByText("Nothing here yet").waitFor();

    await page.getByRole("button", { name: "New deal" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByText("Ana Lima").waitFor();
    await dialog.getByLabel("Title").fill(dealTitle);
    await dialog.getByLabel("Value").fill("1500.50");
    await expectAccessible(page, "15a-create-deal");
    await dialog.getByRole("button", { name: "Create deal" }).click();
    await dialog.waitFor({ state: "detached" });
    await page.getByRole("link", { name: dealTitle }).waitFor();
    await expectAccessible(page, "15-contact-page");
  });

  it("drags the deal to another stage, keeps it there after a reload, and moves it by keyboard", async () => {
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Deals" }).click();
    const newLead = page.getByRole("region", { name: stage.newLead });
    const proposal = page.getByRole("region", { name: stage.proposal });
    const card = newLead.getByRole("listitem").filter({ hasText: dealTitle });
    await card.waitFor();
    await newLead
      .getByText(/1,500\.50/)
      .first()
      .waitFor();

    const saved = page.waitForResponse(
      (response) => response.url().includes("deals.update") && response.ok(),
    );
    await drag(page, card.getByText("Ana Lima"), proposal);
    await proposal.getByRole("listitem").filter({ hasText: dealTitle }).waitFor();
    await saved;
    await page.reload();
    await proposal.getByRole("listitem").filter({ hasText: dealTitle }).waitFor();
    expect(await newLead.getByRole("listitem").filter({ hasText: dealTitle }).count()).toBe(0);
    await proposal
      .getByText(/1,500\.50/)
      .first()
      .waitFor();
    await expectAccessible(page, "16-deals-board");

    // by keyboard: the card's actions, Enter, arrows to the stage, Enter; the focus stays on the moved card
    await proposal.getByRole("button", { name: `Actions for ${dealTitle}` }).focus();
    await page.keyboard.press("Enter");
    const target = page.getByRole("menuitem", { name: stage.negotiation });
    await target.waitFor();
    for (let step = 0; step < 5; step++) {
      if (await target.evaluate((item) => item === document.activeElement)) break;
      await page.keyboard.press("ArrowDown");
    }
    const movedByKeyboard = page.waitForResponse(
      (response) => response.url().includes("deals.update") && response.ok(),
    );
    await page.keyboard.press("Enter");
    await page
      .getByRole("region", { name: stage.negotiation })
      .getByRole("listitem")
      .filter({ hasText: dealTitle })
      .waitFor();
    await movedByKeyboard;
    const focused = () =>
      page.evaluate(() => {
        const element = document.activeElement;
        const column = element?.closest("[data-stage-id]")?.querySelector("h2")?.textContent;
        return `${element?.getAttribute("aria-label")} in ${column}`;
      });
    await expect.poll(focused).toBe(`Actions for ${dealTitle} in ${stage.negotiation}`);

    const stageNames = await page
      .locator("[data-stage-id]")
      .evaluateAll((columns) => columns.map((column) => column.querySelector("h2")?.textContent ?? ""));
    await page.getByRole("button", { name: "Show chart" }).click();
    const chart = page.getByRole("figure", { name: /Open value per stage/ });
    const figures = chart.getByRole("table");
    await figures.getByRole("row", { name: new RegExp(`${stage.negotiation}.*1,500\\.50.*1`) }).waitFor();
    expect(await figures.getByRole("rowheader").allTextContents()).toEqual(stageNames);
    expect(await chart.locator(".recharts-bar-rectangle").count()).toBe(stageNames.length);
    await chart.getByText(/1,500\.50 · 1 deal$/).waitFor();
    await page.reload();
    await chart.locator(".recharts-bar-rectangle").first().waitFor();
    await expectAccessible(page, "16a-deals-chart");
  });

  it("in Portuguese, reads a deal's amount as Brazilians type it and says at the field what is wrong", async () => {
    const found = await api<{ items: Array<{ id: string }> }>(
      "GET",
      "/contacts?search=ana.lima%40example.com",
    );
    const anaId = found.body.items[0]?.id ?? "";
    await page.evaluate(() => window.localStorage.setItem("crm.locale", "pt-BR"));
    try {
      await page.goto(url(`/contacts/${anaId}`));
      const openDialog = async (title: string) => {
        await page.getByRole("button", { name: "Novo negócio" }).click();
        const dialog = page.getByRole("dialog", { name: "Novo negócio" });
        await dialog.getByLabel("Título").fill(title);
        return dialog;
      };
      const dialog = await openDialog("Consultoria em Tóquio");
      const amount = dialog.getByLabel("Valor", { exact: true });
      const create = dialog.getByRole("button", { name: "Criar negócio" });
      // the yen has no cents: said at the field, before anything reaches the server
      await dialog.getByLabel("Moeda").selectOption("JPY");
      await amount.fill("100,50");
      await create.click();
      await dialog.getByText("Esta moeda não tem centavos: informe um valor inteiro, como 1500.").waitFor();
      expect(await amount.getAttribute("aria-invalid")).toBe("true");
      // too large: the limit, not "without negative values"
      await amount.fill("10.000.000.000.000");
      await create.click();
      await dialog.getByText("O valor é grande demais: pode ser no máximo 9.999.999.999.999,99.").waitFor();
      // the symbol of the currency chosen is fine, another currency's is named
      await dialog.getByLabel("Moeda").selectOption("BRL");
      await amount.fill("US$ 1.000,00");
      await create.click();
      await dialog.getByText("Este valor está escrito em outra moeda", { exact: false }).waitFor();
      await amount.fill("R$ 1.000,00");
      await create.click();
      await dialog.waitFor({ state: "detached" });

      // a dollar deal next to the real one in Negotiation
      const dollars = await openDialog("Licença anual em dólar");
      await dollars.getByLabel("Etapa").selectOption({ label: stage.negotiation });
      await dollars.getByLabel("Moeda").selectOption("USD");
      await dollars.getByLabel("Valor", { exact: true }).fill("US$ 800,00");
      await dollars.getByRole("button", { name: "Criar negócio" }).click();
      await dollars.waitFor({ state: "detached" });
      const deals = await api<{
        items: Array<{ title: string; value: { amount: string; currency: string } }>;
      }>("GET", `/deals?contactId=${anaId}`);
      expect(Object.fromEntries(deals.body.items.map((deal) => [deal.title, deal.value]))).toMatchObject({
        "Consultoria em Tóquio": { amount: "1000.00", currency: "BRL" },
        "Licença anual em dólar": { amount: "800.00", currency: "USD" },
      });

      // the chart counts beside each currency's total only that currency's deals
      await page.goto(url("/deals"));
      const chart = page.getByRole("figure", { name: /Valor em aberto por etapa/ });
      await chart.waitFor();
      await chart.getByLabel("Moeda do gráfico").selectOption("BRL");
      await chart.getByText(/R\$\s1\.500,50 · 1 negócio$/).waitFor();
      await chart
        .getByRole("table")
        .getByRole("row", { name: new RegExp(`^${stage.negotiation} R\\$\\s1\\.500,50 1$`) })
        .waitFor();
      await chart.getByLabel("Moeda do gráfico").selectOption("USD");
      await chart.getByText(/US\$\s800,00 · 1 negócio$/).waitFor();
      // the column itself counts both
      const negotiation = page.getByRole("region", { name: stage.negotiation });
      await negotiation.getByText("2 negócios nesta etapa").waitFor();
    } finally {
      await page.evaluate(() => window.localStorage.setItem("crm.locale", "en"));
    }
  });

  it("editing a deal keeps a colleague's move made meanwhile, and says so instead of saving over it", async () => {
    const found = await api<{ items: Array<{ id: string; title: string }> }>("GET", "/deals?status=open");
    const dealId = found.body.items.find((deal) => deal.title === dealTitle)?.id ?? "";
    const pipelines = await api<{ items: Array<{ stages: Array<{ id: string; name: string }> }> }>(
      "GET",
      "/pipelines",
    );
    const stageId = (name: string) =>
      pipelines.body.items[0]?.stages.find((item) => item.name === name)?.id ?? "";
    await page.evaluate(() => window.localStorage.setItem("crm.locale", "pt-BR"));
    try {
      await page.goto(url(`/deals/${dealId}`));
      await page.getByRole("button", { name: "Editar", exact: true }).click();
      const form = page
        .locator("form")
        .filter({ has: page.getByRole("button", { name: "Salvar alterações" }) });
      await expect.poll(() => form.getByLabel("Etapa").inputValue()).toBe(stageId(stage.negotiation));

      // a colleague moves the deal while the form is open
      const colleague = await api("PATCH", `/deals/${dealId}`, { stage: stageId(stage.proposal) });
      expect(colleague.status).toBe(200);

      await form.getByLabel("Valor", { exact: true }).fill("1.600,00");
      await form.getByRole("button", { name: "Salvar alterações" }).click();
      await form
        .getByText("Outra pessoa alterou este negócio depois que você o abriu, então nada foi salvo.", {
          exact: false,
        })
        .waitFor();
      let deal = await api<{ stage: string; value: { amount: string } }>("GET", `/deals/${dealId}`);
      expect(deal.body).toMatchObject({ stage: stageId(stage.proposal), value: { amount: "1500.50" } });
      // the form now holds the colleague's stage and what was typed
      expect(await form.getByLabel("Etapa").inputValue()).toBe(stageId(stage.proposal));
      expect(await form.getByLabel("Valor", { exact: true }).inputValue()).toBe("1.600,00");

      await form.getByRole("button", { name: "Salvar alterações" }).click();
      await form.waitFor({ state: "detached" });
      deal = await api<{ stage: string; value: { amount: string } }>("GET", `/deals/${dealId}`);
      expect(deal.body).toMatchObject({ stage: stageId(stage.proposal), value: { amount: "1600.00" } });
    } finally {
      await page.evaluate(() => window.localStorage.setItem("crm.locale", "en"));
    }
    await page.goto(url("/deals"));
  });

  it("marks the deal won and shows its activity timeline", async () => {
    await page.getByRole("link", { name: dealTitle }).click();
    await page.getByRole("heading", { name: dealTitle, level: 1 }).waitFor();
    // open, in a later stage: the stages it went through are steps it can still be moved back to
    await expectAccessible(page, "17a-deal-page-open");
    await page.getByText("Task", { exact: true }).click();
    expect(await page.getByRole("radio", { name: "Task" }).isChecked()).toBe(true);
    await page.getByLabel("What needs to be done").fill("Send the invoice");
    await page.getByRole("button", { name: "Schedule" }).click();
    await page.getByRole("checkbox", { name: "Done: Send the invoice" }).check();
    await expect
      .poll(() => page.getByRole("checkbox", { name: "Done: Send the invoice" }).isChecked())
      .toBe(true);

    await page.getByRole("button", { name: "Mark as won" }).click();
    await page.getByRole("button", { name: "Reopen" }).waitFor();
    const timeline = page.getByRole("list", { name: "Activity" });
    await timeline.getByText("Marked as won").waitFor();
    await timeline.getByText(`Moved from ${stage.newLead} to ${stage.proposal}`).waitFor();
    await timeline.getByText(`Moved from ${stage.proposal} to ${stage.negotiation}`).waitFor();
    await timeline.getByText(`Deal created in ${stage.newLead}`).waitFor();
    await expectAccessible(page, "17-deal-page");
  });

  it("shows the pipeline editor", async () => {
    await page.goto(url("/settings/pipelines"));
    await page.getByLabel("Pipeline name").waitFor();
    expect(await page.getByLabel("Name of stage 2").inputValue()).toBe(stage.qualified);
    await page.getByRole("button", { name: `Move ${stage.qualified} down` }).click();
    expect(await page.getByLabel("Name of stage 3").inputValue()).toBe(stage.qualified);
    await page.getByRole("button", { name: "Save changes" }).click();
    await page.getByText("Changes saved.").waitFor();
    await expectAccessible(page, "18-settings-pipelines");
  });

  it("deleting a pipeline shows another one and asks the server nothing more about the deleted one", async () => {
    const created = await api<{ id: string }>("POST", "/pipelines", {
      name: "Eventos",
      stages: [{ name: "Orçamento" }, { name: "Fechado" }],
    });
    expect(created.status).toBe(201);
    const goneId = created.body.id;
    await page.goto(url("/settings/pipelines"));
    await page
      .getByRole("navigation", { name: "Pipelines" })
      .getByRole("button", { name: "Eventos" })
      .click();
    await expect.poll(() => page.getByLabel("Pipeline name").inputValue()).toBe("Eventos");

    const asked: string[] = [];
    const failed: string[] = [];
    const onRequest = (request: Request) => {
      if (request.url().includes(goneId)) asked.push(request.url());
    };
    const onConsole = (message: ConsoleMessage) => {
      if (message.type() === "error") failed.push(message.text());
    };
    page.on("request", onRequest);
    page.on("console", onConsole);
    try {
      await page.getByRole("button", { name: "Delete pipeline" }).click();
      const dialog = page.getByRole("dialog", { name: "Delete Eventos?" });
      // the dialog first counts the pipeline's deals; after that, nothing more
      await dialog.getByText("It has no deals. This cannot be undone.").waitFor();
      asked.length = 0;
      const removed = page.waitForResponse((response) => response.url().includes("pipelines.remove"));
      const listed = page.waitForResponse((response) => response.url().includes("pipelines.list"));
      await dialog.getByRole("button", { name: "Delete pipeline" }).click();
      expect((await removed).ok()).toBe(true);
      await listed;
      await expect.poll(() => page.getByLabel("Pipeline name").inputValue()).not.toBe("Eventos");
      expect(
        await page
          .getByRole("navigation", { name: "Pipelines" })
          .getByRole("button", { name: "Eventos" })
          .count(),
      ).toBe(0);
      // nothing asked again for the deleted pipeline (its board would answer 404)
      expect(asked).toEqual([]);
      expect(failed.filter((text) => text.includes("404"))).toEqual([]);
    } finally {
      page.off("request", onRequest);
      page.off("console", onConsole);
    }
  });

  it("keeps number and Yes/No custom fields as a Brazilian user types them, and nothing nobody answered", async () => {
    await page.goto(url("/settings/custom-fields"));
    for (const [label, type] of [
      ["Employees", "number"],
      ["Active", "boolean"],
    ] as const) {
      await page.getByRole("button", { name: "Add field" }).click();
      const dialog = page.getByRole("dialog");
      await dialog.getByLabel("Label").fill(label);
      await dialog.getByLabel("Type").selectOption(type);
      await dialog.getByRole("button", { name: "Add field" }).click();
      await dialog.waitFor({ state: "detached" });
    }
    await page.getByRole("table", { name: "Custom fields" }).getByText("Active", { exact: true }).waitFor();

    await page.goto(url("/contacts"));
    await page.getByRole("table", { name: "Contacts" }).getByRole("link", { name: "Marcos Prado" }).click();
    await page.getByRole("heading", { name: "Marcos Prado", level: 1 }).waitFor();
    const contactUrl = page.url();
    const metadata = async () => {
      const res = await session.context.request.get(url(`/api/v1/contacts/${contactUrl.split("/").pop()}`));
      return ((await res.json()) as { metadata: Record<string, unknown> }).metadata;
    };
    await page.evaluate(() => window.localStorage.setItem("crm.locale", "pt-BR"));
    await page.reload();
    try {
      const edit = async (change: (dialog: Locator) => Promise<unknown>) => {
        await page.getByRole("button", { name: "Editar", exact: true }).click();
        const dialog = page.getByRole("dialog", { name: "Editar contato" });
        await change(dialog);
        await dialog.getByRole("button", { name: "Salvar alterações" }).click();
        await dialog.waitFor({ state: "detached" });
      };

      await edit((dialog) => dialog.getByLabel("Employees").fill("1.500"));
      expect(await metadata()).toEqual({ employees: 1500 });
      await page.getByText("1.500", { exact: true }).waitFor();

      await edit(async (dialog) => {
        expect(await dialog.getByLabel("Employees").inputValue()).toBe("1.500");
        expect(await dialog.getByLabel("Active").inputValue()).toBe("");
        await dialog.getByLabel("Employees").fill("1.234,56");
        await dialog.getByLabel("Active").selectOption({ label: "Não" });
      });
      expect(await metadata()).toEqual({ employees: 1234.56, active: false });

      await edit(async (dialog) => {
        expect(await dialog.getByLabel("Employees").inputValue()).toBe("1.234,56");
        await dialog.getByLabel("Active").selectOption({ label: "—" });
      });
      expect(await metadata()).toEqual({ employees: 1234.56 });
    } finally {
      await page.evaluate(() => window.localStorage.setItem("crm.locale", "en"));
    }
  });
  it("creates no company for a contact that is refused as a duplicate", async () => {
    await page.goto(url("/contacts"));
    await page.getByRole("button", { name: "New contact" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("Name").fill("Fantasma");
    await dialog.getByLabel("Phone").fill("+55 11 98765-4321");
    await dialog.getByLabel("Company").fill("Empresa Fantasma");
    await dialog.getByRole("button", { name: "Create contact" }).click();
    await dialog.getByRole("link", { name: "Open the existing contact" }).waitFor();
    await dialog.getByRole("button", { name: "Cancel" }).click();
    const companies = await api<{ items: Array<{ name: string }> }>("GET", "/companies?search=Fantasma");
    expect(companies.body.items).toEqual([]);
  });

  it("refuses to save over a colleague's change, then keeps what was typed on top of it", async () => {
    const field = await api("POST", "/custom-fields", {
      key: "observacao",
      label: "Observação",
      type: "text",
    });
    expect(field.status).toBe(201);
    const found = await api<{ items: Array<{ id: string }> }>(
      "GET",
      "/contacts?search=ana.lima%40example.com",
    );
    const anaId = found.body.items[0]?.id ?? "";
    await page.evaluate(() => window.localStorage.setItem("crm.locale", "pt-BR"));
    try {
      await page.goto(url(`/contacts/${anaId}`));
      await page.getByRole("button", { name: "Editar", exact: true }).click();
      const dialog = page.getByRole("dialog", { name: "Editar contato" });
      await dialog.getByLabel("Observação").waitFor();

      // a colleague saves while the form is open
      const colleague = await api("PATCH", `/contacts/${anaId}`, {
        email: "ana.nova@example.com",
        metadata: { observacao: "Cliente desde 2019" },
      });
      expect(colleague.status).toBe(200);

      await dialog.getByLabel("Nome").fill("Ana Lima Souza");
      await dialog.getByRole("button", { name: "Salvar alterações" }).click();
      await dialog
        .getByText("Outra pessoa alterou este contato enquanto você editava, então nada foi salvo.")
        .waitFor();
      let ana = await api<ContactBody>("GET", `/contacts/${anaId}`);
      expect(ana.body).toMatchObject({ name: "Ana Lima", email: "ana.nova@example.com" });

      await dialog
        .getByRole("button", { name: "Carregar as alterações da outra pessoa, mantendo as suas" })
        .click();
      await dialog.getByText(/O formulário agora mostra as alterações da outra pessoa/).waitFor();
      expect(await dialog.getByLabel("Nome").inputValue()).toBe("Ana Lima Souza");
      expect(await dialog.getByLabel("E-mail").inputValue()).toBe("ana.nova@example.com");
      expect(await dialog.getByLabel("Observação").inputValue()).toBe("Cliente desde 2019");
      await dialog.getByRole("button", { name: "Salvar alterações" }).click();
      await dialog.waitFor({ state: "detached" });

      ana = await api<ContactBody>("GET", `/contacts/${anaId}`);
      expect(ana.body).toMatchObject({
        name: "Ana Lima Souza",
        email: "ana.nova@example.com",
        metadata: { plan: "Pro", observacao: "Cliente desde 2019" },
      });
      await page.getByRole("heading", { name: "Ana Lima Souza", level: 1 }).waitFor();
    } finally {
      await page.evaluate(() => window.localStorage.setItem("crm.locale", "en"));
    }
  });
});

describe("deleting settings that hold data says how much", () => {
  it("the only pipeline, holding just a won deal, says so and cannot be deleted until there is another", async () => {
    // an organization of its own, whose only deal is won (the board shows no open deal at all)
    const { context, page: other } = await openPage(session.browser, browserLocale);
    try {
      await signUp(other, session.api.baseUrl, {
        organizationName: "Café do Porto",
        name: "Lia Campos",
        email: `lia.${Date.now()}@example.com`,
        password: "correct horse battery",
      });
      const contact = await api<{ id: string }>("POST", "/contacts", { name: "Otávio Reis" }, other);
      expect(contact.status).toBe(201);
      const pipelines = await api<{
        items: Array<{ id: string; name: string; stages: Array<{ id: string }> }>;
      }>("GET", "/pipelines", undefined, other);
      expect(pipelines.body.items).toHaveLength(1);
      const only = pipelines.body.items[0];
      if (!only) throw new Error("no pipeline after sign-up");
      const deal = await api<{ id: string }>(
        "POST",
        "/deals",
        {
          title: "Café para o escritório",
          contactId: contact.body.id,
          pipelineId: only.id,
          stage: only.stages[0]?.id,
          value: { amount: "300.00" },
        },
        other,
      );
      expect(deal.status).toBe(201);
      expect((await api("PATCH", `/deals/${deal.body.id}`, { status: "won" }, other)).status).toBe(200);

      await other.goto(url("/settings/pipelines"));
      await other.getByRole("button", { name: "Delete pipeline" }).click();
      const dialog = other.getByRole("dialog", { name: `Delete ${only.name}?` });
      await dialog
        .getByText(
          "It cannot be deleted: it still has 1 won deal, and there is no other pipeline to move them to.",
          { exact: false },
        )
        .waitFor();
      expect(await dialog.getByRole("button", { name: "Delete pipeline" }).isDisabled()).toBe(true);
      expect(await dialog.getByLabel("Move its deals to").count()).toBe(0);
      await expectAccessible(other, "19-delete-only-pipeline-with-won-deal");
      await dialog.getByRole("button", { name: "Cancel" }).click();
      await dialog.waitFor({ state: "detached" });

      // with a second pipeline the won deal has somewhere to go
      const second = await api(
        "POST",
        "/pipelines",
        { name: "Eventos", stages: [{ name: "Orçamento" }] },
        other,
      );
      expect(second.status).toBe(201);
      await other.reload();
      await other.getByRole("button", { name: "Delete pipeline" }).click();
      await dialog
        .getByText("It has 1 won deal. They all move to the stage you choose below", { exact: false })
        .waitFor();
      expect(await dialog.getByLabel("Move its deals to").inputValue()).not.toBe("");
      expect(await dialog.getByRole("button", { name: "Delete pipeline" }).isDisabled()).toBe(false);
    } finally {
      await context.close();
    }
  });

  it("deleting a tag or a custom field says how many contacts use it", async () => {
    const tag = async (name: string) => {
      const created = await api<{ id: string }>("POST", "/tags", { name });
      expect(created.status).toBe(201);
      return created.body.id;
    };
    const southId = await tag("Atacado Sul");
    await tag("Sem uso");
    const field = await api("POST", "/custom-fields", { key: "regiao", label: "Região", type: "text" });
    expect(field.status).toBe(201);
    for (const contact of [
      { name: "Loja Norte", tagIds: [southId], metadata: { regiao: "Norte" } },
      { name: "Loja Sul", tagIds: [southId] },
    ]) {
      expect((await api("POST", "/contacts", contact)).status).toBe(201);
    }

    await page.goto(url("/settings/tags"));
    const dialog = page.getByRole("dialog", { name: "Delete tag?" });
    await page.getByRole("button", { name: "Delete tag Atacado Sul" }).click();
    await dialog
      .getByText(
        "“Atacado Sul” will be removed from every contact. The contacts stay. 2 contacts have it now.",
      )
      .waitFor();
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await dialog.waitFor({ state: "detached" });
    await page.getByRole("button", { name: "Delete tag Sem uso" }).click();
    await dialog.getByText("No contact has it.", { exact: false }).waitFor();
    await dialog.getByRole("button", { name: "Delete tag" }).click();
    await dialog.waitFor({ state: "detached" });
    await expect.poll(() => page.getByRole("button", { name: "Delete tag Sem uso" }).count()).toBe(0);

    await page.goto(url("/settings/custom-fields"));
    await page.getByRole("button", { name: "Delete field Região" }).click();
    const fieldDialog = page.getByRole("dialog");
    await fieldDialog.getByText("1 contact has a value for it.", { exact: false }).waitFor();
    await fieldDialog.getByRole("button", { name: "Cancel" }).click();
    await fieldDialog.waitFor({ state: "detached" });
  });
});
