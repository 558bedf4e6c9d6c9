import type { ChannelAdapter, MessageTemplate } from "@crm/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createChannelAdapters, defaultChannelApiBases } from "../adapters";
import { type FakeWhatsApp, startFakeWhatsApp } from "../testing";

let fake: FakeWhatsApp;
let adapter: ChannelAdapter<"whatsapp">;

beforeAll(async () => {
  fake = await startFakeWhatsApp();
  fake.addTemplate("pedido_enviado", "pt_BR", 2);
  adapter = createChannelAdapters({ ...defaultChannelApiBases, whatsapp: fake.apiBase }).get("whatsapp");
});
afterAll(() => fake.close());

const sendTemplate = (template: MessageTemplate, threadId = "5511987654321") =>
  adapter.send(fake.config, { threadId, text: `Template ${template.name}`, template });

describe("WhatsApp template messages", () => {
  it("posts Meta's template format, body parameters as text, and answers the message id", async () => {
    const result = await sendTemplate({
      name: "pedido_enviado",
      language: "pt_BR",
      bodyParameters: ["Maria", "#1234"],
    });
    const received = fake.sentTemplates.at(-1);
    expect(result).toEqual({ ok: true, channelMessageId: received?.id });
    expect(received?.body).toEqual({
      messaging_product: "whatsapp",
      to: "5511987654321",
      type: "template",
      template: {
        name: "pedido_enviado",
        language: { code: "pt_BR" },
        components: [
          {
            type: "body",
            parameters: [
              { type: "text", text: "Maria" },
              { type: "text", text: "#1234" },
            ],
          },
        ],
      },
    });
    expect(fake.requests.at(-1)?.path).toBe(`/v21.0/${fake.config.phoneNumberId}/messages`);
  });

  it("turns Graph's unknown-template and parameter-count errors into permanent failures", async () => {
    expect(await sendTemplate({ name: "pedido_enviado", language: "en_US", bodyParameters: [] })).toEqual({
      ok: false,
      error: "WhatsApp: (#132001) Template name does not exist in the translation (code 132001)",
      retryable: false,
    });
    expect(
      await sendTemplate({ name: "pedido_enviado", language: "pt_BR", bodyParameters: ["Maria"] }),
    ).toEqual({
      ok: false,
      error:
        "WhatsApp: (#132000) Number of parameters does not match the expected number of params (code 132000)",
      retryable: false,
    });
  });
});
