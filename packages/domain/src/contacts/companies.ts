import type { Actor } from "../auth/model";
import { notFound } from "../shared/errors";
import { parseName } from "../shared/names";
import { assertUnchanged, type Precondition } from "../shared/record-version";
import { publishContactChanges } from "./events";
import type { Company } from "./model";
import type { ContactsDeps } from "./ports";

export const maxCompanyNameLength = 200;

export async function createCompany(
  deps: ContactsDeps,
  actor: Actor,
  input: { name: string },
): Promise<Company> {
  const name = parseName(input.name, "name", maxCompanyNameLength);
  return deps.store.companies.create(actor.organizationId, name);
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
  input: { name: string } & Precondition,
): Promise<Company> {
  const name = parseName(input.name, "name", maxCompanyNameLength);
  const company = await deps.store.transaction(async (repos) => {
    const current = await repos.companies.findById(actor.organizationId, id, "update");
    if (!current) throw notFound("Company");
    assertUnchanged("company", current, input);
    return repos.companies.update(actor.organizationId, id, { name });
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
