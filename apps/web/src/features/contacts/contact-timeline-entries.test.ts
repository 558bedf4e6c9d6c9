import { describe, expect, it } from "vitest";
import { buildContactTimeline } from "./contact-timeline-entries";

const deal = (id: string, createdAt: string) => ({
  id,
  title: id,
  value: { amount: "10.00", currency: "BRL" },
  status: "open" as const,
  stage: "00000000-0000-4000-8000-000000000001",
  pipelineId: "00000000-0000-4000-8000-000000000002",
  createdAt,
  updatedAt: createdAt,
});

const conversation = (id: string, createdAt: string, lastMessageAt: string | null) => ({
  id,
  channel: "whatsapp",
  status: "open" as const,
  assignedTo: null,
  lastMessageAt,
  createdAt,
});

describe("buildContactTimeline", () => {
  it("interleaves deals and conversations, newest first, by a conversation's last message", () => {
    const timeline = buildContactTimeline(
      [deal("d1", "2025-03-01T10:00:00Z"), deal("d2", "2025-01-01T10:00:00Z")],
      [
        conversation("c1", "2024-12-01T10:00:00Z", "2025-02-01T10:00:00Z"),
        conversation("c2", "2025-04-01T10:00:00Z", null),
      ],
    );
    expect(timeline.map((entry) => (entry.kind === "deal" ? entry.deal.id : entry.conversation.id))).toEqual([
      "c2",
      "d1",
      "c1",
      "d2",
    ]);
  });
});
