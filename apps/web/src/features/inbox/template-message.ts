import type { TemplateDraft } from "./template-input";

/** What the thread and the list show of a WhatsApp template message, to be worded in the user's language. */
export interface TemplateShown {
  name: string;
  language: string;
  /** The body's values as the server joins them ("Antônia · #1234"); empty when there are none. */
  parameters: string;
}

export const templateShown = (template: {
  name: string;
  language: string;
  bodyParameters: string[];
}): TemplateShown => ({
  name: template.name,
  language: template.language,
  parameters: template.bodyParameters.join(" · "),
});

// The API stores a template's content (and so the list's preview) in English, as `Template name (lang): a · b`.
// The preview carries no metadata: a text of exactly that form is taken for a template, with names and
// languages as Meta allows them, which a customer's words can hardly be.
const storedForm = /^Template ([a-z0-9_]{1,512}) \(([a-z]{2,3}(?:_[A-Z]{2})?)\)(?:: ([\s\S]*))?$/;

/** The template a conversation's preview describes, or null for any other message. */
export function templateOfPreview(preview: string): TemplateShown | null {
  const match = storedForm.exec(preview);
  if (!match?.[1] || !match[2]) return null;
  return { name: match[1], language: match[2], parameters: match[3] ?? "" };
}

/**
 * Why WhatsApp refused a template, for the two refusals the agent can fix in the form: Graph's 132000 (the
 * number of parameters differs from the approved template's) and 132001 (no approved template of that name
 * in that language). Null for any other failure, which retrying as it is may cure.
 */
export type TemplateRefusal = "parameter_count" | "missing_template";

export function templateRefusalOf(error: string | null): TemplateRefusal | null {
  const code = error ? /(?:#|\bcode )(13200[01])\b/.exec(error)?.[1] : undefined;
  if (code === "132000") return "parameter_count";
  if (code === "132001") return "missing_template";
  return null;
}

/** The template form filled with what was sent, for the agent to correct and send again. */
export const draftOf = (template: {
  name: string;
  language: string;
  bodyParameters: string[];
}): TemplateDraft => ({
  name: template.name,
  language: template.language,
  parameters: template.bodyParameters.join("\n"),
});
