import type { FakeResponse } from "./fake-server";
import { fakeId } from "./fake-server";

/** A template message the fake accepted: `body` is the request's JSON exactly as it arrived. */
export interface FakeWhatsAppSentTemplate {
  id: string;
  phoneNumberId: string;
  to: string;
  name: string;
  language: string;
  bodyParameters: string[];
  body: unknown;
}

/** What the fake knows of the templates approved in the business account, and what it received of them. */
export interface FakeWhatsAppTemplates {
  sent: FakeWhatsAppSentTemplate[];
  /** Approves a template in one language, with the number of {{n}} its body holds. Unknown ones get 132001. */
  add(name: string, language: string, bodyParameterCount?: number): void;
  /** The answer to POST /{phone-number-id}/messages with `type: "template"`. */
  answer(phoneNumberId: string, body: unknown, messageId: string): FakeResponse;
}

export const isWhatsAppTemplateSend = (body: unknown): boolean =>
  typeof body === "object" && body !== null && (body as { type?: unknown }).type === "template";

interface TemplateRequest {
  messaging_product?: unknown;
  to?: unknown;
  template?: {
    name?: unknown;
    language?: { code?: unknown };
    components?: { type?: unknown; parameters?: { type?: unknown; text?: unknown }[] }[];
  };
}

/** Graph's error shape for the Cloud API's template errors, with `error_data.details`. */
const templateError = (status: number, code: number, title: string, details: string): FakeResponse => ({
  status,
  json: {
    error: {
      message: `(#${code}) ${title}`,
      type: "OAuthException",
      code,
      error_data: { messaging_product: "whatsapp", details },
      fbtrace_id: fakeId("A"),
    },
  },
});

const invalidParameter = (details: string) => templateError(400, 100, "Invalid parameter", details);

function bodyParametersOf(request: TemplateRequest): string[] | undefined {
  const components = request.template?.components ?? [];
  if (!Array.isArray(components)) return undefined;
  const parameters: string[] = [];
  for (const component of components) {
    if (component.type !== "body") continue;
    for (const parameter of component.parameters ?? []) {
      if (parameter.type !== "text" || typeof parameter.text !== "string") return undefined;
      parameters.push(parameter.text);
    }
  }
  return parameters;
}

export function createFakeWhatsAppTemplates(): FakeWhatsAppTemplates {
  // "name/language" -> the number of body parameters it takes
  const approved = new Map<string, number>();
  const sent: FakeWhatsAppSentTemplate[] = [];

  return {
    sent,
    add(name, language, bodyParameterCount = 0) {
      approved.set(`${name}/${language}`, bodyParameterCount);
    },
    answer(phoneNumberId, body, messageId) {
      const request = body as TemplateRequest;
      const name = request.template?.name;
      const language = request.template?.language?.code;
      if (request.messaging_product !== "whatsapp" || typeof request.to !== "string" || !request.to) {
        return invalidParameter("messaging_product must be whatsapp and to a phone number");
      }
      if (typeof name !== "string" || typeof language !== "string") {
        return invalidParameter("template.name and template.language.code are required");
      }
      const bodyParameters = bodyParametersOf(request);
      if (!bodyParameters) return invalidParameter("body parameters must be of type text with a text");
      const expected = approved.get(`${name}/${language}`);
      if (expected === undefined) {
        return templateError(
          404,
          132001,
          "Template name does not exist in the translation",
          `template name (${name}) does not exist in ${language}`,
        );
      }
      if (bodyParameters.length !== expected) {
        return templateError(
          400,
          132000,
          "Number of parameters does not match the expected number of params",
          `body: number of localizable_params (${bodyParameters.length}) does not match the expected number of params (${expected})`,
        );
      }
      sent.push({ id: messageId, phoneNumberId, to: request.to, name, language, bodyParameters, body });
      return {
        json: {
          messaging_product: "whatsapp",
          contacts: [{ input: request.to, wa_id: request.to }],
          messages: [{ id: messageId, message_status: "accepted" }],
        },
      };
    },
  };
}
