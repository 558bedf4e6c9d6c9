import { describe, expect, it } from "vitest";
import type { Actor } from "../auth/model";
import type { DomainEvent } from "../shared/events";
import { assertMayAssign, replyAssignee } from "./assignment";
import { changeOwnAssignment, selfAssignmentChange } from "./claim-conversation";
import type { Conversation } from "./model";
import type { AssigneeChange, ConversationsDeps } from "./ports";

const user = (role: Actor["role"], userId = "ana"): Actor => ({
  kind: "user",
  userId,
  organizationId: "org",
  role,
  sessionId: "s",
});
const apiKey = (role: Actor["role"]): Actor => ({
  kind: "apiKey",
  apiKeyId: "k",
  organizationId: "org",
  role,
});

const codeOf = (work: () => unknown) => {
  try {
    work();
    return "OK";
  } catch (error) {
    return (error as { code?: string }).code;
  }
};

describe("claiming and releasing a conversation", () => {
  it("lets an agent take an unassigned conversation and give back her own", () => {
    const ana = user("agent");
    expect(selfAssignmentChange(ana, { assignedTo: null }, "claim")).toEqual({ from: null, to: "ana" });
    expect(selfAssignmentChange(ana, { assignedTo: "ana" }, "release")).toEqual({ from: "ana", to: null });
  });

  it("changes nothing when it is already done", () => {
    const ana = user("agent");
    expect(selfAssignmentChange(ana, { assignedTo: "ana" }, "claim")).toBeUndefined();
    expect(selfAssignmentChange(ana, { assignedTo: null }, "release")).toBeUndefined();
  });

  it("is a conflict on someone else's conversation, whoever asks", () => {
    for (const role of ["owner", "admin", "agent"] as const) {
      expect(codeOf(() => selfAssignmentChange(user(role), { assignedTo: "bruno" }, "claim"))).toBe(
        "CONFLICT",
      );
      expect(codeOf(() => selfAssignmentChange(user(role), { assignedTo: "bruno" }, "release"))).toBe(
        "CONFLICT",
      );
    }
  });

  it("is forbidden to viewers and to API keys, who are nobody to assign", () => {
    expect(codeOf(() => selfAssignmentChange(user("viewer"), { assignedTo: null }, "claim"))).toBe(
      "FORBIDDEN",
    );
    for (const role of ["admin", "agent"] as const) {
      expect(codeOf(() => selfAssignmentChange(apiKey(role), { assignedTo: null }, "claim"))).toBe(
        "FORBIDDEN",
      );
    }
  });

  it("tells an agent who tries to assign what she may do instead", () => {
    expect(() => assertMayAssign(user("agent"))).toThrow(
      /conversations:assign\): you may only claim an unassigned conversation for yourself, or release one/,
    );
    expect(() => assertMayAssign(apiKey("agent"))).toThrow(
      /^Your role \(agent\) cannot assign conversations/,
    );
    expect(() => assertMayAssign(user("admin"))).not.toThrow();
  });
});

describe("a reply taking the conversation", () => {
  it("makes the signed-in member who answers an unassigned conversation its assignee, whatever her role", () => {
    for (const role of ["owner", "admin", "agent"] as const) {
      expect(replyAssignee(user(role), { assignedTo: null })).toBe("ana");
    }
  });

  it("leaves an assigned conversation as it is, hers or someone else's", () => {
    expect(replyAssignee(user("agent"), { assignedTo: "ana" })).toBeUndefined();
    expect(replyAssignee(user("owner"), { assignedTo: "bruno" })).toBeUndefined();
  });

  it("never assigns for an API key, which is nobody, nor for a viewer", () => {
    for (const role of ["owner", "admin", "agent"] as const) {
      expect(replyAssignee(apiKey(role), { assignedTo: null })).toBeUndefined();
    }
    expect(replyAssignee(user("viewer"), { assignedTo: null })).toBeUndefined();
  });
});

const conversation = (assignedTo: string | null): Conversation => ({
  id: "c1",
  organizationId: "org",
  contactId: null,
  channel: "whatsapp",
  channelThreadId: null,
  integrationId: null,
  status: "open",
  snoozedUntil: null,
  assignedTo,
  lastMessageAt: null,
  lastInboundAt: null,
  unreadCount: 0,
  lastMessagePreview: null,
  createdAt: new Date(0),
  updatedAt: new Date(0),
});

/**
 * The inbox as the use case sees it: `readAs` is what its first read finds, `current` what the conditional
 * update meets (another member's claim may have committed in between).
 */
function inbox(readAs: string | null, current: string | null | "deleted" = readAs) {
  const published: DomainEvent[] = [];
  const changes: AssigneeChange[] = [];
  let row: Conversation | undefined = current === "deleted" ? undefined : conversation(current);
  let reads = 0;
  const conversations = {
    async findById() {
      reads += 1;
      return reads === 1 ? conversation(readAs) : row;
    },
    async reassign(_organizationId: string, _id: string, change: AssigneeChange) {
      changes.push(change);
      if (!row || row.assignedTo !== change.from) return undefined;
      row = conversation(change.to);
      return row;
    },
    async findView() {
      return row && { ...row, contact: null, assignee: null };
    },
  };
  const repos = { conversations };
  const deps = {
    store: { ...repos, transaction: (work: (r: typeof repos) => unknown) => work(repos) },
    clock: { now: () => new Date("2026-03-01T12:00:00Z") },
    events: {
      async publish(event: DomainEvent) {
        published.push(event);
      },
    },
  } as unknown as ConversationsDeps;
  return { deps, published, changes };
}

describe("the claim as one conditional update", () => {
  it("assigns her and announces it as an assignment from nobody", async () => {
    const { deps, published } = inbox(null);
    const view = await changeOwnAssignment(deps, user("agent"), "c1", "claim");
    expect(view.assignedTo).toBe("ana");
    expect(published.map((e) => [e.type, e.payload])).toEqual([
      ["conversation_updated", expect.objectContaining({ conversationId: "c1", assignedTo: "ana" })],
      [
        "conversation_assigned",
        { conversationId: "c1", assignedTo: "ana", previousAssignee: null, assignedBy: "ana" },
      ],
    ]);
  });

  it("answers CONFLICT to the one who read it unassigned but lost the race, and announces nothing", async () => {
    const { deps, published, changes } = inbox(null, "bruno");
    await expect(changeOwnAssignment(deps, user("agent"), "c1", "claim")).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.not.stringContaining("bruno"),
    });
    expect(changes).toEqual([{ from: null, to: "ana" }]);
    expect(published).toEqual([]);
  });

  it("answers NOT_FOUND when the conversation was deleted in between", async () => {
    const { deps } = inbox(null, "deleted");
    await expect(changeOwnAssignment(deps, user("agent"), "c1", "claim")).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });

  it("answers NOT_FOUND to an agent for another agent's conversation, before anything else", async () => {
    const { deps, changes } = inbox("bruno");
    for (const action of ["claim", "release"] as const) {
      await expect(changeOwnAssignment(deps, user("agent"), "c1", action)).rejects.toMatchObject({
        code: "NOT_FOUND",
      });
    }
    expect(changes).toEqual([]);
  });

  it("releases her own and announces who lost it", async () => {
    const { deps, published } = inbox("ana");
    const view = await changeOwnAssignment(deps, user("agent"), "c1", "release");
    expect(view.assignedTo).toBeNull();
    expect(published.at(-1)?.payload).toEqual({
      conversationId: "c1",
      assignedTo: null,
      previousAssignee: "ana",
      assignedBy: "ana",
    });
  });

  it("does nothing, and announces nothing, when it is already hers", async () => {
    const { deps, published, changes } = inbox("ana");
    expect((await changeOwnAssignment(deps, user("agent"), "c1", "claim")).assignedTo).toBe("ana");
    expect(changes).toEqual([]);
    expect(published).toEqual([]);
  });
});
