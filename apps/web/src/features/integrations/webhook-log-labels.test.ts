import { describe, expect, it } from "vitest";
import { integrationStatus } from "./integration-status";
import { canRetry, eventSummary, inFlightPollMs, pollWhileInFlight } from "./webhook-log-labels";

describe("webhook log rows", () => {
  it("offers a retry only for failed deliveries", () => {
    expect(canRetry({ status: "failed" })).toBe(true);
    for (const status of ["pending", "success", "retrying", "held"] as const)
      expect(canRetry({ status })).toBe(false);
  });

  it("keeps asking while a delivery is pending or being retried, and stops once all are settled", () => {
    expect(pollWhileInFlight([{ items: [{ status: "success" }] }, { items: [{ status: "retrying" }] }])).toBe(
      inFlightPollMs,
    );
    expect(pollWhileInFlight([{ items: [{ status: "pending" }] }])).toBe(inFlightPollMs);
    expect(pollWhileInFlight([{ items: [{ status: "success" }, { status: "failed" }] }])).toBe(false);
    expect(pollWhileInFlight(undefined)).toBe(false);
  });

  it("names the event from each provider's payload shape, or falls back to the event id", () => {
    expect(eventSummary({ eventId: "evt_1", payload: { type: "checkout.session.completed" } })).toBe(
      "checkout.session.completed",
    );
    expect(eventSummary({ eventId: "1", payload: { action: "payment.updated", data: { id: "9" } } })).toBe(
      "payment.updated",
    );
    expect(
      eventSummary({ eventId: "Ev1", payload: { type: "event_callback", event: { type: "message" } } }),
    ).toBe("message");
    expect(
      eventSummary({ eventId: null, payload: { entry: [{ changes: [{ field: "messages", value: {} }] }] } }),
    ).toBe("messages");
    expect(eventSummary({ eventId: "tg:42", payload: { update_id: 42 } })).toBe("tg:42");
    expect(eventSummary({ eventId: null, payload: null })).toBe("—");
  });
});

describe("integration status", () => {
  it("shows disabled first, then a failed last test, otherwise active", () => {
    expect(integrationStatus({ isActive: false, lastTestError: "x" }).label).toBe(
      "integrations.status.disabled",
    );
    expect(integrationStatus({ isActive: true, lastTestError: "Slack: invalid_auth" })).toEqual({
      label: "integrations.status.testFailed",
      tone: "danger",
    });
    expect(integrationStatus({ isActive: true, lastTestError: null }).tone).toBe("success");
  });
});
