import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestApi } from "../../testing/harness";
import {
  type ChannelFakes,
  createIntegration,
  freshPhoneNumberId,
  type IntegrationBody,
  startIntegrationsTestApi,
} from "./integration-fixtures";

let api: TestApi;
let whatsapp: ChannelFakes["whatsapp"];
let close: (() => Promise<void>) | undefined;
beforeAll(async () => {
  const started = await startIntegrationsTestApi();
  ({ api, close, whatsapp } = started);
});
afterAll(() => close?.());

describe("the last test's result", () => {
  it("is cleared for every client when the credentials change, and kept when they do not", async () => {
    const owner = await api.register();
    const config = whatsapp.addPhoneNumber({ phoneNumberId: freshPhoneNumberId() });
    const created = await createIntegration(api, owner.token, {
      channel: "whatsapp",
      name: "WhatsApp loja",
      config,
    });
    expect(created.status).toBe(201);
    const id = created.body.id;
    const path = `/integrations/${id}`;

    // the token expired since it was connected
    whatsapp.failNext(401);
    const tested = await api.rest<{ ok: boolean }>("POST", `${path}/test`, { token: owner.token });
    expect(tested.body.ok).toBe(false);
    const failed = await api.rest<IntegrationBody>("GET", path, { token: owner.token });
    expect(failed.body.lastTestError).toMatch(/Session has expired/);

    // a rename, or credentials typed again as they were, leave the test's outcome as it is
    const renamed = await api.rest<IntegrationBody>("PATCH", path, {
      token: owner.token,
      body: { name: "WhatsApp da loja", config: { verifyToken: config.verifyToken } },
    });
    expect(renamed.body.lastTestError).toMatch(/Session has expired/);

    const renewed = whatsapp.addPhoneNumber({
      phoneNumberId: config.phoneNumberId,
      accessToken: `EAAG${"1".repeat(40)}`,
    });
    const fixed = await api.rest<IntegrationBody>("PATCH", path, {
      token: owner.token,
      body: { config: { accessToken: renewed.accessToken } },
    });
    expect(fixed.status).toBe(200);
    expect(fixed.body).toMatchObject({ lastTestError: null, lastTestedAt: null });
    const read = await api.rest<IntegrationBody>("GET", path, { token: owner.token });
    expect(read.body).toMatchObject({ lastTestError: null, lastTestedAt: null });
  });
});
