import { describe, expect, it } from "vitest";
import { toErrorView } from "../../lib/errors";
import { formFieldErrors } from "../../lib/use-form";
import { dealEditPatch, dealEditValues, dealValueFields, rebaseDealEdit } from "./deal-edit";
import type { Deal } from "./use-deal-cache";

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
const [lead, negotiation, proposal] = [uuid(2), uuid(3), uuid(4)];

const loaded: Deal = {
  id: uuid(100),
  title: "50 caixas de café",
  contactId: uuid(10),
  pipelineId: uuid(1),
  stage: lead,
  status: "open",
  value: { amount: "1500.00", currency: "BRL" },
  assigneeId: uuid(20),
  expectedCloseDate: null,
  lostReason: null,
  lostReasonId: null,
  rotting: false,
  stageEnteredAt: "2025-01-01T00:00:00.000Z",
  wonAt: null,
  lostAt: null,
  createdAt: "2025-01-01T00:00:00.000Z",
  updatedAt: "2025-01-01T00:00:00.000Z",
};

describe("the deal edit form sends only what the user changed", () => {
  it("sends the title alone when only the title changed, whatever the other fields hold", () => {
    const values = { ...dealEditValues(loaded, "pt-BR"), title: "60 caixas de café" };
    expect(dealEditPatch(loaded, values, "pt-BR")).toEqual({ title: "60 caixas de café" });
  });

  it("sends a new contact, and leaves the contact alone when the picker was cleared and nothing picked", () => {
    const other = { ...dealEditValues(loaded, "pt-BR"), contactId: uuid(11) };
    expect(dealEditPatch(loaded, other, "pt-BR")).toEqual({ contactId: uuid(11) });
    const cleared = { ...dealEditValues(loaded, "pt-BR"), contactId: "" };
    expect(dealEditPatch(loaded, cleared, "pt-BR")).toEqual({});
    const contactless = { ...loaded, contactId: null };
    const picked = { ...dealEditValues(contactless, "pt-BR"), contactId: uuid(12) };
    expect(dealEditPatch(contactless, picked, "pt-BR")).toEqual({ contactId: uuid(12) });
  });

  it("sends another pipeline with the stage to put the deal in", () => {
    const moved = { ...dealEditValues(loaded, "pt-BR"), pipelineId: uuid(5), stage: uuid(6) };
    expect(dealEditPatch(loaded, moved, "pt-BR")).toEqual({ pipelineId: uuid(5), stage: uuid(6) });
  });

  it("sends nothing for an amount written differently but worth the same", () => {
    const values = { ...dealEditValues(loaded, "pt-BR"), amount: "R$ 1.500,00" };
    expect(dealEditPatch(loaded, values, "pt-BR")).toEqual({});
  });

  it("sends the value with its currency when either changed, and the cleared fields as null", () => {
    const values = {
      ...dealEditValues({ ...loaded, expectedCloseDate: "2025-03-01" }, "pt-BR"),
      amount: "2.000,50",
      expectedCloseDate: "",
      assigneeId: "",
      stage: proposal,
    };
    expect(dealEditPatch({ ...loaded, expectedCloseDate: "2025-03-01" }, values, "pt-BR")).toEqual({
      value: { amount: "2000.50", currency: "BRL" },
      stage: proposal,
      expectedCloseDate: null,
      assigneeId: null,
    });
    const inDollars = { ...dealEditValues(loaded, "pt-BR"), currency: "USD" };
    expect(dealEditPatch(loaded, inDollars, "pt-BR")).toEqual({
      value: { amount: "1500.00", currency: "USD" },
    });
  });

  it("answers null when the amount cannot be read", () => {
    expect(dealEditPatch(loaded, { ...dealEditValues(loaded, "en"), amount: "lots" }, "en")).toBeNull();
  });
});

describe("after a colleague saved the deal first", () => {
  const current: Deal = {
    ...loaded,
    stage: negotiation,
    title: "50 caixas de café especial",
    updatedAt: "2025-01-02T00:00:00.000Z",
  };

  it("takes their values where the user changed nothing and keeps what the user typed", () => {
    const values = { ...dealEditValues(loaded, "pt-BR"), amount: "1.800,00" };
    const rebased = rebaseDealEdit(loaded, current, values, "pt-BR");
    expect(rebased.values).toEqual({ ...dealEditValues(current, "pt-BR"), amount: "1.800,00" });
    expect(rebased.conflicts).toEqual([]);
    // saved again on top of their version, only the amount goes
    expect(dealEditPatch(current, rebased.values, "pt-BR")).toEqual({
      value: { amount: "1800.00", currency: "BRL" },
    });
  });

  it("names the fields both changed, keeping the user's value there", () => {
    const values = { ...dealEditValues(loaded, "pt-BR"), title: "Café para o evento", stage: proposal };
    const rebased = rebaseDealEdit(loaded, current, values, "pt-BR");
    expect(rebased.values.title).toBe("Café para o evento");
    expect(rebased.values.stage).toBe(proposal);
    expect(rebased.conflicts).toEqual(["title", "stage"]);
  });

  it("does not call it a conflict when both made the same change", () => {
    const values = { ...dealEditValues(loaded, "pt-BR"), stage: negotiation };
    expect(rebaseDealEdit(loaded, current, values, "pt-BR").conflicts).toEqual([]);
  });
});

describe("the server's refusal of a deal's value", () => {
  it("lands on the form's amount and currency fields, with the translated field message", () => {
    const refused = Object.assign(new Error("JPY amounts have at most 0 decimals"), {
      name: "TRPCClientError",
      data: {
        code: "BAD_REQUEST",
        appCode: "VALIDATION_FAILED",
        fieldErrors: {
          "value.amount": ["JPY amounts have at most 0 decimals"],
          "value.currency": ["Unsupported currency XYZ"],
        },
      },
    });
    const errors = formFieldErrors(toErrorView(refused).fieldErrors, dealValueFields);
    expect(errors.amount).toBe("errors.field.amount");
    expect(errors.currency).toBe("errors.field.option");
  });
});
