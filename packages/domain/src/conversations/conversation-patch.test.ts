import { describe, expect, it } from "vitest";
import { DomainError } from "../shared/errors";
import { statusPatch } from "./conversation-patch";
import type { Conversation } from "./model";

const now = new Date("2025-03-10T12:00:00.000Z");
const later = new Date("2025-03-11T09:00:00.000Z");

const conversation = (patch: Partial<Conversation> = {}): Conversation => ({
  id: "c",
  organizationId: "o",
  contactId: null,
  channel: "whatsapp",
  channelThreadId: "5511999999999",
  integrationId: null,
  status: "open",
  snoozedUntil: null,
  assignedTo: null,
  lastMessageAt: null,
  lastInboundAt: null,
  unreadCount: 0,
  lastMessagePreview: null,
  createdAt: now,
  updatedAt: now,
  ...patch,
});

const fieldOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return Object.keys(error.details?.fieldErrors ?? {});
    throw error;
  }
  throw new Error("expected a validation error");
};

describe("status changes", () => {
  it("snoozes until a future time", () => {
    expect(statusPatch(conversation(), { status: "snoozed", snoozedUntil: later }, now)).toEqual({
      status: "snoozed",
      snoozedUntil: later,
    });
  });

  it("refuses to snooze without a time, or until a past one", () => {
    expect(fieldOf(() => statusPatch(conversation(), { status: "snoozed" }, now))).toEqual(["snoozedUntil"]);
    expect(fieldOf(() => statusPatch(conversation(), { status: "snoozed", snoozedUntil: now }, now))).toEqual(
      ["snoozedUntil"],
    );
  });

  it("refuses a snooze time for another status", () => {
    expect(
      fieldOf(() => statusPatch(conversation(), { status: "closed", snoozedUntil: later }, now)),
    ).toEqual(["snoozedUntil"]);
  });

  it("moves the time of a snoozed conversation without a status", () => {
    const snoozed = conversation({ status: "snoozed", snoozedUntil: later });
    const evenLater = new Date("2025-03-12T09:00:00.000Z");
    expect(statusPatch(snoozed, { snoozedUntil: evenLater }, now)).toEqual({ snoozedUntil: evenLater });
    expect(statusPatch(snoozed, { status: "snoozed" }, now)).toEqual({});
  });

  it("forgets the snooze time when the conversation leaves snoozed", () => {
    const snoozed = conversation({ status: "snoozed", snoozedUntil: later });
    expect(statusPatch(snoozed, { status: "open" }, now)).toEqual({ status: "open", snoozedUntil: null });
  });

  it("answers nothing when nothing changes", () => {
    expect(statusPatch(conversation(), { status: "open" }, now)).toEqual({});
    expect(statusPatch(conversation(), {}, now)).toEqual({});
  });
});
