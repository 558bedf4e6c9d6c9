import type { Actor } from "../auth/model";
import { notFound } from "../shared/errors";
import { assertUnchanged, type Precondition } from "../shared/record-version";
import { type CompanyFieldsInput, parseCompanyFields } from "./company-fields";
import { publishContactChanges } from "./events";
import type { Company } from "./model";
import type { ContactsDeps } from "./ports";

export { maxCompanyNameLength } from "./company-fields";

/** Throws CONFLICT with `existingId` when the name or the CNPJ belongs to another company of the organization. */
export async function createCompany(
  deps: ContactsDeps,
  actor: Actor,
  input: CompanyFieldsInput & { name: string },
): Promise<Company> {
  const fields = parseCompanyFields(input);
  return deps.store.companies.create(actor.organizationId, { ...fields, name: fields.name ?? input.name });
}

export async function getCompany(deps: ContactsDeps, actor: Actor, id: string): Promise<Company> {
  const company = await deps.store.companies.findById(actor.organizationId, id);
  if (!company) throw notFound("Company");
  return company;
}

export async function updateCompany(
  deps: ContactsDeps,
  actor: Actor,
  id: string,
  input: CompanyFieldsInput & Precondition,
): Promise<Company> {
  const patch = parseCompanyFields(input);
  const company = await deps.store.transaction(async (repos) => {
    const current = await repos.companies.findById(actor.organizationId, id, "update");
    if (!current) throw notFound("Company");
    assertUnchanged("company", current, input);
    return repos.companies.update(actor.organizationId, id, patch);
  });
  if (!company) throw notFound("Company");
  return company;
}

/** Its contacts stay, without a company. */
export async function deleteCompany(
  deps: ContactsDeps,
  actor: Actor,
  id: string,
  precondition: Precondition = {},
): Promise<void> {
  const unlinked = await deps.store.transaction(async (repos) => {
    const current = await repos.companies.findById(actor.organizationId, id, "update");
    if (!current) return undefined;
    assertUnchanged("company", current, precondition);
    return repos.companies.remove(actor.organizationId, id);
  });
  if (!unlinked) throw notFound("Company");
  await publishContactChanges(
    deps,
    actor.organizationId,
    unlinked.map((contactId) => ({ contactId, change: "updated" as const })),
  );
}
