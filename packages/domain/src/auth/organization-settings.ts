import { DomainError, notFound } from "../shared/errors";
import { parseCurrency } from "../shared/money";
import type { Organization } from "./model";
import { slugPattern } from "./policy";
import type { AuthDeps, OrganizationSettingsPatch } from "./ports";
import { requireText } from "./register";

export const supportedLocales = ["pt-BR", "en"] as const;

export async function currentOrganization(deps: AuthDeps, organizationId: string): Promise<Organization> {
  const organization = await deps.store.organizations.findById(organizationId);
  if (!organization) throw notFound("Organization");
  return organization;
}

export async function updateOrganizationSettings(
  deps: AuthDeps,
  organizationId: string,
  patch: OrganizationSettingsPatch,
): Promise<Organization> {
  const clean: OrganizationSettingsPatch = {};
  if (patch.name !== undefined) clean.name = requireText(patch.name, "name");
  if (patch.slug !== undefined) {
    if (!slugPattern.test(patch.slug)) fail("slug", "Use lower-case letters, digits and dashes (at most 48)");
    if (await deps.store.organizations.isSlugTaken(patch.slug, organizationId)) {
      throw new DomainError("CONFLICT", "This slug is taken", {
        fieldErrors: { slug: ["This slug is taken"] },
      });
    }
    clean.slug = patch.slug;
  }
  if (patch.dataRetentionDays !== undefined) {
    if (
      !Number.isInteger(patch.dataRetentionDays) ||
      patch.dataRetentionDays < 30 ||
      patch.dataRetentionDays > 3650
    ) {
      fail("dataRetentionDays", "Retention must be a whole number of days between 30 and 3650");
    }
    clean.dataRetentionDays = patch.dataRetentionDays;
  }
  if (patch.defaultCurrency !== undefined)
    clean.defaultCurrency = parseCurrency(patch.defaultCurrency, "defaultCurrency");
  if (patch.timezone !== undefined) {
    const zone = timeZoneNamed(patch.timezone);
    if (!zone) fail("timezone", "Unknown time zone");
    clean.timezone = zone;
  }
  if (patch.locale !== undefined) {
    if (!(supportedLocales as readonly string[]).includes(patch.locale)) {
      fail("locale", `Language must be one of ${supportedLocales.join(", ")}`);
    }
    clean.locale = patch.locale;
  }
  const updated = await deps.store.organizations.update(organizationId, clean);
  const changed = Object.keys(clean);
  // every member's open screens re-read the settings (a new default currency, time zone or language)
  if (changed.length > 0) {
    await deps.events.publish({
      type: "organization_updated",
      organizationId,
      payload: { changed },
      occurredAt: deps.clock.now().toISOString(),
    });
  }
  return updated;
}

/** The zone as the IANA database spells it ("utc" is "UTC"), or undefined for an unknown one. */
function timeZoneNamed(zone: string): string | undefined {
  try {
    const spelled = new Intl.DateTimeFormat("en", { timeZone: zone }).resolvedOptions().timeZone;
    // only the spelling: an alias stays the name it was given (Postgres knows both)
    return spelled.toLowerCase() === zone.toLowerCase() ? spelled : zone;
  } catch {
    return undefined;
  }
}

function fail(field: string, message: string): never {
  throw new DomainError("VALIDATION_FAILED", message, { fieldErrors: { [field]: [message] } });
}
