import type { PlainMessageKey } from "../../i18n/translate";
import { errorCodeOf } from "../../lib/errors";
import { type Rule, required } from "../../lib/validation";
import { credentialFields, type IntegrationKind } from "./integration-kinds";

/**
 * Form fields are named like the API's error paths (`config.appSecret`), so a field the server rejects gets
 * its message next to the right input without any mapping.
 */
export const configFieldName = (name: string): string => `config.${name}`;

export type CredentialsMode = "create" | "edit";

export function initialCredentialValues(kind: IntegrationKind, name: string): Record<string, string> {
  const values: Record<string, string> = { name };
  for (const field of credentialFields[kind]) values[configFieldName(field.name)] = "";
  return values;
}

/** On edit an empty credential means "keep the stored one" (an optional one, "not yet"), so only what was typed is checked. */
const keepWhenEmpty =
  (rule: Rule): Rule =>
  (value) =>
    value.trim() === "" ? null : rule(value);

export function credentialRules(
  kind: IntegrationKind,
  mode: CredentialsMode,
): Record<string, readonly Rule[]> {
  const rules: Record<string, readonly Rule[]> = { name: [required] };
  for (const field of credentialFields[kind]) {
    const own = field.rule ? [field.rule] : [];
    rules[configFieldName(field.name)] =
      mode === "create" && !field.optional ? [required, ...own] : own.map(keepWhenEmpty);
  }
  return rules;
}

/** The credentials typed, trimmed; on edit the untouched ones are left out so the API keeps them. */
export function configOf(kind: IntegrationKind, values: Record<string, string>): Record<string, string> {
  const config: Record<string, string> = {};
  for (const field of credentialFields[kind]) {
    const value = (values[configFieldName(field.name)] ?? "").trim();
    if (value !== "") config[field.name] = value;
  }
  return config;
}

/**
 * The sentence under the fields a save was refused for, when it says more than "check this value": WhatsApp's
 * number and token are refused together when the token cannot read the number at Meta.
 */
export function credentialFieldMessages(
  kind: IntegrationKind,
  error: unknown,
): Partial<Record<string, PlainMessageKey>> {
  if (kind !== "whatsapp" || errorCodeOf(error) !== "VALIDATION_FAILED") return {};
  const message = "integrations.error.whatsappNumberNotReadable";
  return { [configFieldName("phoneNumberId")]: message, [configFieldName("accessToken")]: message };
}
