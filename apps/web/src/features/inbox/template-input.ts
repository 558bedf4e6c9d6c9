/** What the "Send template" form holds: the parameters one per line, as the agent types them. */
export interface TemplateDraft {
  name: string;
  language: string;
  parameters: string;
}

export interface TemplateInput {
  name: string;
  language: string;
  bodyParameters: string[];
}

export type TemplateField = "name" | "language" | "parameters";

// the API's own rules (Meta's): refused here first, so the agent reads why in their language
const namePattern = /^[a-z0-9_]{1,512}$/;
const languagePattern = /^[a-z]{2,3}(_[A-Z]{2})?$/;
const maxParameters = 20;
const maxParameterLength = 1024;

/** The template to send, or the fields that are wrong. Blank lines between parameters are dropped. */
export function parseTemplateDraft(
  draft: TemplateDraft,
): { ok: true; template: TemplateInput } | { ok: false; invalid: TemplateField[] } {
  const name = draft.name.trim();
  const language = draft.language.trim();
  const bodyParameters = draft.parameters
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "");
  const invalid: TemplateField[] = [];
  if (!namePattern.test(name)) invalid.push("name");
  if (!languagePattern.test(language)) invalid.push("language");
  if (
    bodyParameters.length > maxParameters ||
    bodyParameters.some((text) => text.length > maxParameterLength || text.includes("     "))
  ) {
    invalid.push("parameters");
  }
  return invalid.length > 0
    ? { ok: false, invalid }
    : { ok: true, template: { name, language, bodyParameters } };
}
