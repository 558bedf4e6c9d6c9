import { describe, expect, it } from "vitest";
import { useTestApi } from "../../testing/harness";

const api = useTestApi();

/** The spec's "Contacts", "Deals" and "Pipelines" endpoint lists, with the board the kanban needs. */
const specEndpoints: Array<[string, string]> = [
  ["/contacts", "get"],
  ["/contacts", "post"],
  ["/contacts/{id}", "get"],
  ["/contacts/{id}", "patch"],
  ["/contacts/{id}", "delete"],
  ["/contacts/{id}/conversations", "get"],
  ["/contacts/{id}/deals", "get"],
  ["/deals", "get"],
  ["/deals", "post"],
  ["/deals/{id}", "get"],
  ["/deals/{id}", "patch"],
  ["/deals/{id}", "delete"],
  ["/deals/{id}/activities", "get"],
  ["/deals/{id}/activities", "post"],
  ["/pipelines", "get"],
  ["/pipelines", "post"],
  ["/pipelines/{id}", "get"],
  ["/pipelines/{id}", "patch"],
  ["/pipelines/{id}", "delete"],
  ["/pipelines/{pipelineId}/board", "get"],
];

describe("the CRM endpoints of the spec", () => {
  it("are all in /openapi.json", async () => {
    const doc = (await (await fetch(`${api.baseUrl}/openapi.json`)).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    const missing = specEndpoints.filter(([path, method]) => doc.paths[path]?.[method] === undefined);
    expect(missing).toEqual([]);
  });

  it("work over tRPC too: pipelines, contacts, deals and activities from creation to deletion", async () => {
    const owner = await api.register();
    const trpc = api.trpc(owner.token);

    const pipeline = await trpc.pipelines.create.mutate({
      name: "Renewals",
      stages: [
        { name: "Due", rottingDays: 7 },
        { name: "Renewed", probability: 100 },
      ],
    });
    const [due, renewed] = pipeline.stages;
    if (!due || !renewed) throw new Error("stages missing");
    expect((await trpc.pipelines.get.query({ id: pipeline.id })).name).toBe("Renewals");
    expect((await trpc.pipelines.list.query({})).items.map((p) => p.id)).toContain(pipeline.id);
    const renamed = await trpc.pipelines.update.mutate({ id: pipeline.id, name: "Renewals 2026" });
    expect(renamed.stages.map((stage) => stage.id)).toEqual([due.id, renewed.id]);

    const contact = await trpc.contacts.create.mutate({ name: "Ana", phone: "(11) 98765-4321" });
    expect(contact.phone).toBe("+5511987654321");
    expect((await trpc.contacts.get.query({ id: contact.id })).name).toBe("Ana");
    expect(
      (await trpc.contacts.list.query({ search: "98765", hasPhone: true })).items.map((c) => c.id),
    ).toEqual([contact.id]);
    await trpc.contacts.update.mutate({ id: contact.id, email: "ANA@Example.com" });
    expect((await trpc.contacts.get.query({ id: contact.id })).email).toBe("ana@example.com");
    expect((await trpc.contacts.conversations.query({ id: contact.id })).items).toEqual([]);

    const deal = await trpc.deals.create.mutate({
      title: "Annual plan",
      contactId: contact.id,
      pipelineId: pipeline.id,
      stage: due.id,
      value: { amount: "1234.56", currency: "BRL" },
    });
    expect(deal.value).toEqual({ amount: "1234.56", currency: "BRL" });
    expect((await trpc.deals.get.query({ id: deal.id })).stage).toBe(due.id);
    expect((await trpc.contacts.deals.query({ id: contact.id })).items).toMatchObject([
      { id: deal.id, value: { amount: "1234.56", currency: "BRL" }, stage: due.id, status: "open" },
    ]);
    const moved = await trpc.deals.update.mutate({ id: deal.id, stage: renewed.id, status: "won" });
    expect(moved).toMatchObject({ stage: renewed.id, status: "won" });
    expect(
      (await trpc.deals.list.query({ pipelineId: pipeline.id, status: "won" })).items.map((d) => d.id),
    ).toEqual([deal.id]);
    const board = await trpc.pipelines.board.query({ pipelineId: pipeline.id, status: "won" });
    expect(board.columns.find((column) => column.stage.id === renewed.id)).toMatchObject({
      count: 1,
      totals: [{ amount: "1234.56", currency: "BRL" }],
    });

    const dueAt = new Date(Date.now() + 86_400_000).toISOString();
    const task = await trpc.deals.addActivity.mutate({
      id: deal.id,
      type: "task",
      content: "Send contract",
      dueAt,
    });
    expect(task).toMatchObject({ type: "task", dueAt, done: false });
    const done = await trpc.deals.updateActivity.mutate({ id: deal.id, activityId: task.id, done: true });
    expect(done.done).toBe(true);
    // the move and the win share a timestamp: their order between them is not defined
    const types = (await trpc.deals.activities.query({ id: deal.id })).items.map((a) => a.type);
    expect(types[0]).toBe("task");
    expect(types.slice(1).sort()).toEqual(["created", "stage_changed", "won"]);

    await trpc.deals.remove.mutate({ id: deal.id });
    await expect(trpc.deals.get.query({ id: deal.id })).rejects.toMatchObject({
      data: { code: "NOT_FOUND" },
    });
    await trpc.contacts.remove.mutate({ id: contact.id });
    await trpc.pipelines.remove.mutate({ id: pipeline.id });
    await expect(trpc.pipelines.get.query({ id: pipeline.id })).rejects.toMatchObject({
      data: { code: "NOT_FOUND" },
    });
  });
});
