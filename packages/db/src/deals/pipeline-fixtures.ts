import { randomUUID } from "node:crypto";
import { applyStageEdits, type Pipeline, type StageInput } from "@crm/domain";
import type { Kysely } from "kysely";
import type { Database } from "../database.gen";
import { createPipelineRepository } from "./pipeline-repository";

/** A new organization (its slug made unique from `name`) with one pipeline of these stages. */
export async function organizationWithPipeline(
  db: Kysely<Database>,
  name: string,
  stageEdits: StageInput[],
  winOnPayment = true,
): Promise<{ organizationId: string; pipeline: Pipeline }> {
  const { id: organizationId } = await db
    .insertInto("organizations")
    .values({ name, slug: `${name.toLowerCase()}-${randomUUID().slice(0, 8)}` })
    .returning("id")
    .executeTakeFirstOrThrow();
  const { stages } = applyStageEdits([], stageEdits, randomUUID);
  const pipeline = await createPipelineRepository(db).create(organizationId, {
    name: "Sales",
    stages,
    winOnPayment,
  });
  return { organizationId, pipeline };
}
