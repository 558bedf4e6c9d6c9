import { describe, expect, it } from "vitest";
import type { Deal } from "./model";
import { type Edits, editDealFields } from "./update-deal";

const ana = "5b1c0d2e-0000-4000-8000-00000000000a";
const joao = "5b1c0d2e-0000-4000-8000-00000000000b";
const contact = "5b1c0d2e-0000-4000-8000-00000000000c";
const otherContact = "5b1c0d2e-0000-4000-8000-00000000000d";
const at = "2026-11-01T12:00:00.000Z";
const deal: Deal = {
  id: "5b1c0d2e-0000-4000-8000-000000000001",
  organizationId: "5b1c0d2e-0000-4000-8000-000000000002",
  title: "Site novo",
  contactId: contact,
  pipelineId: "5b1c0d2e-0000-4000-8000-000000000003",
  stageId: "5b1c0d2e-0000-4000-8000-000000000004",
  status: "open",
  value: { amount: "2000.00", currency: "BRL" },
  assigneeId: ana,
  expectedCloseDate: "2026-12-20",
  lostReason: null,
  lostReasonId: null,
  stageEnteredAt: at,
  wonAt: null,
  lostAt: null,
  createdAt: at,
  updatedAt: at,
};
type Fields = Parameters<typeof editDealFields>[1];
const untouched: Fields = {
  title: undefined,
  contactId: undefined,
  assigneeId: undefined,
  expectedCloseDate: undefined,
  value: undefined,
};

function edit(fields: Partial<Fields>): Edits {
  const edits: Edits = { patch: {}, changes: [], activities: [] };
  editDealFields(deal, { ...untouched, ...fields }, edits);
  return edits;
}

describe("editDealFields", () => {
  it("audits value, close date, owner and title in one fields_changed activity with each old and new value", () => {
    const edits = edit({
      title: "Site novo e loja",
      value: { amount: "7777" },
      expectedCloseDate: "2026-12-24",
      assigneeId: joao,
    });
    expect(edits.activities).toEqual([
      {
        type: "fields_changed",
        data: {
          changes: [
            { field: "title", from: "Site novo", to: "Site novo e loja" },
            {
              field: "value",
              from: { amount: "2000.00", currency: "BRL" },
              to: { amount: "7777.00", currency: "BRL" },
            },
            { field: "expectedCloseDate", from: "2026-12-20", to: "2026-12-24" },
            { field: "assigneeId", from: ana, to: joao },
          ],
        },
      },
    ]);
    expect(edits.changes).toEqual(["title", "value", "expectedCloseDate", "assignee"]);
  });

  it("audits a currency change as a value change, and clearing the owner or the date as a change to null", () => {
    const edits = edit({
      value: { amount: "2000", currency: "USD" },
      assigneeId: null,
      expectedCloseDate: null,
    });
    expect(edits.activities[0]?.data).toEqual({
      changes: [
        {
          field: "value",
          from: { amount: "2000.00", currency: "BRL" },
          to: { amount: "2000.00", currency: "USD" },
        },
        { field: "expectedCloseDate", from: "2026-12-20", to: null },
        { field: "assigneeId", from: ana, to: null },
      ],
    });
  });

  it("writes nothing for values sent unchanged, however they are written", () => {
    const edits = edit({
      title: "Site novo",
      value: { amount: "2000.0", currency: "BRL" },
      expectedCloseDate: "2026-12-20",
      assigneeId: ana,
      contactId: contact,
    });
    expect(edits).toEqual({ patch: {}, changes: [], activities: [] });
  });

  it("leaves a new contact to its own contact_changed activity", () => {
    const edits = edit({ contactId: otherContact, value: { amount: "2500" } });
    expect(edits.activities.map((activity) => activity.type)).toEqual(["contact_changed", "fields_changed"]);
    expect(edits.activities[1]?.data).toEqual({
      changes: [
        {
          field: "value",
          from: { amount: "2000.00", currency: "BRL" },
          to: { amount: "2500.00", currency: "BRL" },
        },
      ],
    });
  });
});
