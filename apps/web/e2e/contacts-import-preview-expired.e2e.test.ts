import { type DatabaseHandle, openPostgres } from "@crm/db/client";
import { createFromTemplate, dropDatabase } from "@crm/db/testing/postgres-template";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BrowserSession, registerOwner, restAs, startBrowserSession } from "./session";

/*
 * The daily retention deletes a preview left unconfirmed (IMPORT_PREVIEW_RETENTION_DAYS): here the API runs on
 * a Postgres database of its own, so that the test deletes the preview as the retention would, while the page
 * still shows it. Embedded PGlite belongs to the API process alone: without DATABASE_URL this file is skipped.
 */
const adminUrl = process.env.DATABASE_URL;

describe.skipIf(!adminUrl)("a contacts import preview deleted while shown", () => {
  let session: BrowserSession;
  let page: Page;
  let token = "";
  let database: { name: string; handle: DatabaseHandle } | undefined;

  const url = (path: string) => `${session.api.baseUrl}${path}`;
  const rest = <T>(method: string, path: string, body?: unknown) =>
    restAs<T>(session.api.baseUrl, token, method, path, body);
  const imports = async () =>
    (await rest<{ items: Array<{ id: string; dryRun: boolean }> }>("GET", "/contacts/imports")).items;

  beforeAll(async () => {
    const created = await createFromTemplate(adminUrl ?? "");
    database = { name: created.name, handle: openPostgres(created.url, { poolMax: 2 }) };
    // no REDIS_URL: the API runs the import jobs itself
    session = await startBrowserSession({ locale: "pt-BR", env: { DATABASE_URL: created.url } });
    page = session.page;
    token = (await registerOwner(session, { organizationName: "Padaria Boa Massa", name: "Joana Ribeiro" }))
      .token;
  });

  afterAll(async () => {
    await session?.close();
    if (database) {
      await database.handle.close();
      await dropDatabase(adminUrl ?? "", database.name);
    }
  });

  it("drops it on confirming, says it expired, and runs it again from the same file in one click", async () => {
    await page.goto(url("/contacts/import"));
    await page.getByLabel("Arquivo CSV").setInputFiles({
      name: "clientes.csv",
      mimeType: "text/csv",
      buffer: Buffer.from("nome,e-mail\nDaniela Souza,daniela@example.com\n", "utf8"),
    });
    await page.getByRole("radio", { name: /Pular a linha/ }).check();
    await page.getByRole("button", { name: "Pré-visualizar" }).click();
    const preview = page.getByRole("region", { name: "Pré-visualização" });
    const confirm = preview.getByRole("button", { name: "Importar estes contatos" });
    await confirm.waitFor({ timeout: 30_000 });

    const [shown] = await imports();
    expect(shown?.dryRun).toBe(true);
    await database?.handle.db
      .deleteFrom("contact_imports")
      .where("id", "=", shown?.id ?? "")
      .execute();
    await confirm.click();

    await page.getByRole("alert").filter({ hasText: "Esta pré-visualização expirou" }).waitFor();
    await preview.waitFor({ state: "detached" });
    expect(await page.getByRole("button", { name: "Importar estes contatos" }).count()).toBe(0);
    expect(await imports()).toEqual([]);

    // the file and the mode are still chosen: one click previews them again
    expect(await page.getByRole("radio", { name: /Pular a linha/ }).isChecked()).toBe(true);
    await page.getByRole("button", { name: "Pré-visualizar" }).click();
    await preview.getByRole("button", { name: "Importar estes contatos" }).waitFor({ timeout: 30_000 });
    expect(await page.getByText("Esta pré-visualização expirou").count()).toBe(0);
    const [again] = await rest<{ items: Array<{ dryRun: boolean; onDuplicate: string }> }>(
      "GET",
      "/contacts/imports",
    ).then((answer) => answer.items);
    expect(again).toMatchObject({ dryRun: true, onDuplicate: "skip" });
  });

  it("says an import its address names no longer exists, instead of an error to retry", async () => {
    await page.goto(url("/contacts/import"));
    await page.getByLabel("Arquivo CSV").setInputFiles({
      name: "clientes.csv",
      mimeType: "text/csv",
      buffer: Buffer.from("nome,e-mail\nEduardo Lima,eduardo@example.com\n", "utf8"),
    });
    await page.getByRole("button", { name: "Pré-visualizar" }).click();
    await page.getByRole("button", { name: "Importar estes contatos" }).click({ timeout: 30_000 });
    await page.getByText("Concluída", { exact: true }).waitFor({ timeout: 30_000 });

    await database?.handle.db.deleteFrom("contact_imports").execute();
    await page.reload();
    await page.getByRole("alert").filter({ hasText: "Esta importação não existe mais." }).waitFor();
    await page.getByRole("button", { name: "Importar outro arquivo" }).click();
    await page.getByLabel("Arquivo CSV").waitFor();
  });
});
