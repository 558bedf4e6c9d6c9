import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestApi } from "../../testing/harness";
import {
  type ChannelFakes,
  createIntegration,
  freshPhoneNumberId,
  type IntegrationBody,
  startIntegrationsTestApi,
} from "./integration-fixtures";

/*
 * A WhatsApp number is routed to one integration across all organizations: only an access token that can read
 * the number at Meta may take it, or anyone could connect another business's number and receive its messages.
 */

let api: TestApi;
let whatsapp: ChannelFakes["whatsapp"];
let close: (() => Promise<void>) | undefined;
beforeAll(async () => {
  const started = await startIntegrationsTestApi();
  ({ api, close, whatsapp } = started);
});
afterAll(() => close?.());

interface ErrorBody {
  message: string;
  data: { appCode: string | null; fieldErrors: Record<string, string[]> | null };
}

const anotherBusinessToken = () => `EAAG${freshPhoneNumberId()}${"c".repeat(24)}`;
const body = (config: object) => ({ channel: "whatsapp", name: "WhatsApp", config });

const storedWithNumber = (phoneNumberId: string) =>
  api.container.db.db
    .selectFrom("integrations")
    .select("id")
    .where("channel", "=", "whatsapp")
    .where("external_id", "=", phoneNumberId)
    .execute();

const graphReadsOf = (phoneNumberId: string) =>
  whatsapp.requests.filter(
    (request) => request.method === "GET" && request.path.endsWith(`/${phoneNumberId}`),
  );

describe("connecting a WhatsApp number", () => {
  it("is refused with a token that cannot read the number, and nothing is stored", async () => {
    const owner = whatsapp.addPhoneNumber({ accessToken: anotherBusinessToken() });
    const squatter = await api.register();
    const res = await createIntegration(
      api,
      squatter.token,
      body({ ...whatsapp.config, phoneNumberId: owner.phoneNumberId }),
    );
    expect(res.status).toBe(400);
    const error = res.body as unknown as ErrorBody;
    expect(error.data.appCode).toBe("VALIDATION_FAILED");
    expect(error.message).toContain(`cannot use WhatsApp phone number ${owner.phoneNumberId}`);
    expect(Object.keys(error.data.fieldErrors ?? {}).sort()).toEqual([
      "config.accessToken",
      "config.phoneNumberId",
    ]);
    expect(await storedWithNumber(owner.phoneNumberId)).toEqual([]);
    expect(graphReadsOf(owner.phoneNumberId)).toHaveLength(1);

    // the owner is not kept out
    const business = await api.register();
    expect((await createIntegration(api, business.token, body(owner))).status).toBe(201);
    expect(await storedWithNumber(owner.phoneNumberId)).toHaveLength(1);
  });

  it("is refused with a token Meta does not know", async () => {
    const owner = await api.register();
    const number = whatsapp.addPhoneNumber({ phoneNumberId: freshPhoneNumberId() });
    const res = await createIntegration(
      api,
      owner.token,
      body({ ...number, accessToken: `EAAG${"0".repeat(40)}` }),
    );
    expect(res.status).toBe(400);
    expect(res.body as unknown as ErrorBody).toMatchObject({
      message: expect.stringContaining("Invalid OAuth access token"),
      data: { appCode: "VALIDATION_FAILED" },
    });
    expect(await storedWithNumber(number.phoneNumberId)).toEqual([]);
  });

  it("answers a distinct 502 when WhatsApp cannot be asked, and stores nothing", async () => {
    const owner = await api.register();
    const number = whatsapp.addPhoneNumber({ phoneNumberId: freshPhoneNumberId() });
    whatsapp.failNext(500);
    const res = await createIntegration(api, owner.token, body(number));
    expect(res.status).toBe(502);
    expect(res.body as unknown as ErrorBody).toMatchObject({
      message: expect.stringMatching(/^WhatsApp did not answer .*nothing was saved, try again/),
      data: { appCode: "PROVIDER_ERROR", fieldErrors: null },
    });
    expect(await storedWithNumber(number.phoneNumberId)).toEqual([]);

    // once WhatsApp answers, the same request connects it
    expect((await createIntegration(api, owner.token, body(number))).status).toBe(201);
  });

  it("connects the number with its owner's token", async () => {
    const owner = await api.register();
    const number = whatsapp.addPhoneNumber({ accessToken: anotherBusinessToken() });
    const res = await createIntegration(api, owner.token, body(number));
    expect(res.status).toBe(201);
    expect(res.body.externalId).toBe(number.phoneNumberId);
    expect(graphReadsOf(number.phoneNumberId).map((request) => request.headers.authorization)).toEqual([
      `Bearer ${number.accessToken}`,
    ]);
  });
});

describe("changing a WhatsApp integration's number or token", () => {
  async function connected() {
    const owner = await api.register();
    const number = whatsapp.addPhoneNumber({ phoneNumberId: freshPhoneNumberId() });
    const res = await createIntegration(api, owner.token, body(number));
    expect(res.status).toBe(201);
    return { token: owner.token, path: `/integrations/${res.body.id}`, number };
  }
  const patch = (token: string, path: string, config: object) =>
    api.rest<IntegrationBody>("PATCH", path, { token, body: { config } });

  it("checks a new number again, and keeps the old one when refused", async () => {
    const { token, path, number } = await connected();
    const foreign = whatsapp.addPhoneNumber({ accessToken: anotherBusinessToken() });
    const refused = await patch(token, path, { phoneNumberId: foreign.phoneNumberId });
    expect(refused.status).toBe(400);
    expect((refused.body as unknown as ErrorBody).data.fieldErrors).toHaveProperty(["config.phoneNumberId"]);
    expect(await storedWithNumber(foreign.phoneNumberId)).toEqual([]);
    expect((await api.rest<IntegrationBody>("GET", path, { token })).body.externalId).toBe(
      number.phoneNumberId,
    );

    const own = whatsapp.addPhoneNumber({ phoneNumberId: freshPhoneNumberId() });
    const moved = await patch(token, path, { phoneNumberId: own.phoneNumberId });
    expect(moved.status).toBe(200);
    expect(moved.body.externalId).toBe(own.phoneNumberId);
  });

  it("checks a new token again, and answers 502 without saving when WhatsApp cannot be asked", async () => {
    const { token, path, number } = await connected();
    const wrong = await patch(token, path, { accessToken: anotherBusinessToken() });
    expect(wrong.status).toBe(400);
    expect((wrong.body as unknown as ErrorBody).data.fieldErrors).toHaveProperty(["config.accessToken"]);

    const renewed = whatsapp.addPhoneNumber({
      phoneNumberId: number.phoneNumberId,
      accessToken: anotherBusinessToken(),
    });
    whatsapp.failNext(500);
    const unanswered = await patch(token, path, { accessToken: renewed.accessToken });
    expect(unanswered.status).toBe(502);
    const kept = await api.rest<IntegrationBody>("GET", path, { token });
    expect(kept.body.config.accessToken).toBe(`••••${number.accessToken.slice(-4)}`);

    // a change of another field asks nothing
    const reads = graphReadsOf(number.phoneNumberId).length;
    expect((await patch(token, path, { appSecret: "a-new-app-secret-0123456789" })).status).toBe(200);
    expect(graphReadsOf(number.phoneNumberId)).toHaveLength(reads);

    expect((await patch(token, path, { accessToken: renewed.accessToken })).status).toBe(200);
    expect(graphReadsOf(number.phoneNumberId).at(-1)?.headers.authorization).toBe(
      `Bearer ${renewed.accessToken}`,
    );
  });
});
