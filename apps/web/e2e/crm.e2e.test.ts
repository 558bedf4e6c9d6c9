import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BrowserSession, drag, expectAccessible, signUp, startBrowserSession } from "./session";

let session: BrowserSession;
let page: Page;

beforeAll(async () => {
  session = await startBrowserSession({ locale: browserLocale });
  page = session.page;
});

afterAll(() => session?.close());

const url = (path: string) => `${session.api.baseUrl}${path}`;

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
    await table.getByRole("cell", { name: "+55 11 98765 4321", exact: true }).waitFor();
    await page.getByRole("button", { name: "New contact" }).click();
    await page.getByRole("dialog").getByLabel("Name").fill("Marcos Prado");
    await page.getByRole("dialog").getByRole("button", { name: "Create contact" }).click();
    await table.getByRole("link", { name: "Marcos Prado" }).waitFor();

    await page.getByLabel("Search contacts").fill("98765");
    await page.waitForURL(/q=/);
    await table.getByRole("link", { name: "Ana Lima" }).waitFor();
    await expect.poll(() => table.getByRole("link", { name: "Marcos Prado" }).count()).toBe(0);
    await page.getByLabel("Filter by tag").selectOption({ label: "VIP" });
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
      await ana.getByText("+55 11 98765 4321").filter({ visible: true }).waitFor();
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
    await page.getByRole("radio", { name: /Skip the row/ }).check();
    await expectAccessible(page, "13-contacts-import-form");
    await page.getByRole("button", { name: "Start import" }).click();

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
    await page.getByRole("button", { name: "Start import" }).click();
    await page.getByText("Failed", { exact: true }).waitFor({ timeout: 30_000 });
    await page
      .getByText("The columns “Telefone” and “Celular” mean the same thing. Keep only one of them.")
      .waitFor();
    await page.getByText("Fix the file and import it again: no contact was imported.").waitFor();
  });

  it("opens the contact and creates a deal for it", async () => {
    await page.getByRole("link", { name: "Go to contacts" }).click();
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

    await proposal.getByRole("button", { name: `Actions for ${dealTitle}` }).click();
    await page.getByRole("menuitem", { name: stage.negotiation }).click();
    await page
      .getByRole("region", { name: stage.negotiation })
      .getByRole("listitem")
      .filter({ hasText: dealTitle })
      .waitFor();

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
});
