import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
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

const contactTags = async (id: string) =>
  (await rest<{ tags: Array<{ name: string }> }>("GET", `/contacts/${id}`)).tags.map((tag) => tag.name);

const allTagNames = async () =>
  (await rest<{ items: Array<{ name: string }> }>("GET", "/tags?limit=100")).items.map((tag) => tag.name);

beforeAll(async () => {
  // pt-BR at the harness' 1280 px: the picker as the shop owner sees it
  session = await startBrowserSession({ locale: "pt-BR" });
  page = session.page;
  token = (await registerOwner(session, { organizationName: "Mercearia São João", name: "Joana Ribeiro" }))
    .token;
  await rest("POST", "/tags", { name: "Atacadão" });
  await rest("POST", "/tags", { name: "Varejo" });
});

afterAll(async () => {
  await session?.close();
});

describe("the tag picker, typed without accents", () => {
  it("typing atacadao offers the existing Atacadão, not a new tag, and its placeholder fits", async () => {
    const contact = await rest<{ id: string }>("POST", "/contacts", { name: "Heitor Vasconcelos" });
    await page.goto(url(`/contacts/${contact.id}`));
    await page.getByRole("heading", { name: "Heitor Vasconcelos" }).waitFor();
    const input = page.getByLabel("Tags", { exact: true });

    const placeholder = await input.evaluate((element: HTMLInputElement) => {
      const style = getComputedStyle(element);
      const context = document.createElement("canvas").getContext("2d");
      if (!context) throw new Error("no canvas");
      context.font = style.font;
      const room =
        element.clientWidth - Number.parseFloat(style.paddingLeft) - Number.parseFloat(style.paddingRight);
      return { text: element.placeholder, width: context.measureText(element.placeholder).width, room };
    });
    expect(placeholder.text).toBe("Busque ou crie uma tag");
    // with room to spare: other systems' fonts are wider than this browser's (QA's cut it at "…uma tag e")
    expect(placeholder.width).toBeLessThanOrEqual(placeholder.room * 0.75);

    // offered under "Sugestões:", apart from the chosen tags (none yet)
    const suggested = page.getByRole("group", { name: "Sugestões:" });
    await suggested.getByRole("button", { name: "Adicionar tag Varejo", exact: true }).waitFor();
    expect(await page.getByRole("list", { name: "Tags escolhidas" }).count()).toBe(0);

    await input.pressSequentially("atacadao");
    await suggested.getByRole("button", { name: "Adicionar tag Atacadão", exact: true }).click();
    await page
      .getByRole("list", { name: "Tags escolhidas" })
      .getByText("Atacadão", { exact: true })
      .waitFor();
    await expect.poll(() => contactTags(contact.id)).toEqual(["Atacadão"]);
    expect(await allTagNames()).toEqual(["Atacadão", "Varejo"]);
  });

  it("Enter on ATACADAO picks Atacadão, however fast it is pressed", async () => {
    const contact = await rest<{ id: string }>("POST", "/contacts", { name: "Iara Fontes" });
    await page.goto(url(`/contacts/${contact.id}`));
    await page.getByRole("heading", { name: "Iara Fontes" }).waitFor();
    const input = page.getByLabel("Tags", { exact: true });
    // before the search answers this creates it, and the 409 names the existing tag; after, Enter picks it
    await input.fill("ATACADAO");
    await input.press("Enter");
    await page
      .getByRole("list", { name: "Tags escolhidas" })
      .getByText("Atacadão", { exact: true })
      .waitFor();
    await expect.poll(() => contactTags(contact.id)).toEqual(["Atacadão"]);
    expect(await allTagNames()).toEqual(["Atacadão", "Varejo"]);
    await expect(page.getByRole("button", { name: /Criar tag/ }).count()).resolves.toBe(0);
  });
});
