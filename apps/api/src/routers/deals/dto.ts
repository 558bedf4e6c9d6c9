import type { DealActivity, DealView, LostReason, Pipeline, Stage } from "@crm/domain";

const iso = (date: Date) => date.toISOString();
const isoOrNull = (date: Date | null) => (date ? date.toISOString() : null);

export const toStageDto = (s: Stage) => ({
  id: s.id,
  name: s.name,
  order: s.order,
  color: s.color,
  probability: s.probability,
  rottingDays: s.rottingDays,
});

export const toPipelineDto = (p: Pipeline) => ({
  id: p.id,
  name: p.name,
  stages: p.stages.map(toStageDto),
  winOnPayment: p.winOnPayment,
  createdAt: iso(p.createdAt),
  updatedAt: iso(p.updatedAt),
});

export const toDealDto = (d: DealView) => ({
  id: d.id,
  title: d.title,
  contactId: d.contactId,
  pipelineId: d.pipelineId,
  stage: d.stageId,
  status: d.status,
  value: { amount: d.value.amount, currency: d.value.currency },
  assigneeId: d.assigneeId,
  expectedCloseDate: d.expectedCloseDate,
  lostReason: d.lostReason,
  lostReasonId: d.lostReasonId,
  rotting: d.rotting,
  // already ISO strings (see the Deal model)
  stageEnteredAt: d.stageEnteredAt,
  wonAt: d.wonAt,
  lostAt: d.lostAt,
  createdAt: d.createdAt,
  updatedAt: d.updatedAt,
});

export const toDealActivityDto = (a: DealActivity) => ({
  id: a.id,
  dealId: a.dealId,
  type: a.type,
  content: a.content,
  data: a.data,
  dueAt: isoOrNull(a.dueAt),
  done: a.doneAt !== null,
  doneAt: isoOrNull(a.doneAt),
  actorId: a.actorId,
  apiKeyId: a.apiKeyId,
  createdAt: iso(a.createdAt),
});

export const toLostReasonDto = (r: LostReason) => ({
  id: r.id,
  name: r.name,
  position: r.position,
  archived: r.archivedAt !== null,
  archivedAt: isoOrNull(r.archivedAt),
  createdAt: iso(r.createdAt),
  updatedAt: iso(r.updatedAt),
});
