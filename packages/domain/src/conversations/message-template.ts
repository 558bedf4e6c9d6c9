import type { Channel } from "../integrations/channel";
import { DomainError } from "../shared/errors";

/**
 * A message template approved in the business's WhatsApp account (Meta's "message template"): the only
 * message WhatsApp delivers outside the 24-hour customer-service window, e.g. to open a conversation.
 */
export interface MessageTemplate {
  /** As approved in WhatsApp Manager: lower-case letters, digits and underscores. */
  name: string;
  /** The approved translation, in Meta's form: `pt_BR`, `en_US`, `es`. */
  language: string;
  /** The values of the body's {{1}}, {{2}}, ... in order. */
  bodyParameters: string[];
}

/** Refuses a template on a channel that has none: only WhatsApp Cloud API sends them. */
export function assertTemplateChannel(channel: Channel): void {
  if (channel === "whatsapp") return;
  throw new DomainError(
    "UNPROCESSABLE",
    `Message templates are a WhatsApp feature: a ${channel} conversation takes a text message instead`,
    { reason: "template_channel_unsupported", channel },
  );
}

/** What the thread, the preview and search show of a template: its name, language and parameters. */
export function templateContent(template: MessageTemplate): string {
  const head = `Template ${template.name} (${template.language})`;
  return template.bodyParameters.length === 0 ? head : `${head}: ${template.bodyParameters.join(" · ")}`;
}
