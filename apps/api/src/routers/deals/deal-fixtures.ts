import type { deal, dealActivity, dealBoard, pipeline } from "@crm/contracts";
import type { DomainEvent } from "@crm/domain";
import { sql } from "kysely";
import { expect, vi } from "vitest";
import type { z } from "zod";
import type { TestApi } from "../../testing/harness";

export type PipelineDto = z.output<typeof pipeline>;
export type DealDto = z.output<typeof deal>;
export type ActivityDto = z.output<typeof dealActivity>;
export type BoardDto = z.output<typeof dealBoard>;
export interface PageDto<T> {
  items: T[];
  nextCursor: string | null;
}
export interface ErrorDto {
  message: string;
  code: string;
  data: { appCode: string | null; fieldErrors: Record<string, string[]> | null };
}

/** Contacts belong to another context; a row is all a deal needs. */
export async function insertContact(
  api: TestApi,
  organizationId: string,
  name = "Maria Souza",
): Promise<string> {
  const row = await api.container.db.db
    .insertInto("contacts")
    .values({ organization_id: organizationId, name })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Moves a deal's arrival in its stage into the past, as if it had waited there. */
export async function ageDeal(api: TestApi, dealId: string, days: number): Promise<void> {
  await api.container.db.db
    .updateTable("deals")
    .set({ stage_entered_at: sql<Date>`now() - make_interval(days => ${days})` })
    .where("id", "=", dealId)
    .execute();
}

export async function firstPipeline(api: TestApi, token: string): Promise<PipelineDto> {
  const res = await api.rest<PageDto<PipelineDto>>("GET", "/pipelines", { token });
  expect(res.status).toBe(200);
  const [found] = res.body.items;
  if (!found) throw new Error("the organization has no pipeline");
  return found;
}

export async function createPipeline(
  api: TestApi,
  token: string,
  body: Record<string, unknown>,
): Promise<PipelineDto> {
  const res = await api.rest<PipelineDto>("POST", "/pipelines", { token, body });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

export function stageAt(pipeline: PipelineDto, index: number) {
  const stage = pipeline.stages[index];
  if (!stage) throw new Error(`pipeline ${pipeline.name} has no stage ${index}`);
  return stage;
}

/** A signed-in owner with a contact and the default pipeline. */
export async function workspace(api: TestApi) {
  const owner = await api.register();
  const contactId = await insertContact(api, owner.organization.id);
  const pipeline = await firstPipeline(api, owner.token);
  return { owner, token: owner.token, contactId, pipeline };
}

export async function createDeal(
  api: TestApi,
  token: string,
  body: Record<string, unknown> & { contactId: string; pipelineId: string; stage: string },
): Promise<DealDto> {
  const res = await api.rest<DealDto>("POST", "/deals", {
    token,
    body: { title: "Website redesign", value: { amount: "1000.00" }, ...body },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

export async function activitiesOf(api: TestApi, token: string, dealId: string): Promise<ActivityDto[]> {
  const res = await api.rest<PageDto<ActivityDto>>("GET", `/deals/${dealId}/activities?limit=100`, { token });
  expect(res.status).toBe(200);
  return res.body.items;
}

/** Collects the `deal_updated` events of one organization. */
export function recordDealEvents(api: TestApi, organizationId: string) {
  const events: DomainEvent[] = [];
  const stop = api.container.events.subscribe((event) => {
    if (event.type === "deal_updated" && event.organizationId === organizationId) events.push(event);
  });
  return {
    events,
    stop,
    /** Waits until an event for this deal names these changes. */
    async expectEvent(dealId: string, changes: string[]) {
      await vi.waitFor(() => {
        expect(events.map((e) => e.payload)).toContainEqual(expect.objectContaining({ dealId, changes }));
      });
    },
  };
}

/** A deal in the first stage of the organization's first pipeline, for probes that only have a token. */
export async function dealOf(api: TestApi, token: string): Promise<DealDto> {
  const organization = await api.rest<{ id: string }>("GET", "/organizations/current", { token });
  const contactId = await insertContact(api, organization.body.id);
  const pipeline = await firstPipeline(api, token);
  return createDeal(api, token, { contactId, pipelineId: pipeline.id, stage: stageAt(pipeline, 0).id });
}
