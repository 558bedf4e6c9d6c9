import { describe, expect, it } from "vitest";
import { useTestApi } from "../../testing/harness";
import { insertConversation, insertMessage, organizationOf } from "./conversation-fixtures";

const api = useTestApi();

const failed = (messageId: string) =>
  api.container.db.db.updateTable("messages").set({ status: "failed" }).where("id", "=", messageId).execute();

describe("the inbox list's lastMessageFailed", () => {
  it("marks a conversation whose newest message (notes aside) the channel refused, and only that", async () => {
    const owner = await api.register();
    const organizationId = await organizationOf(api, owner.token);
    const refused = await insertConversation(api, organizationId);
    await insertMessage(api, refused, { content: "Oi", minutesAgo: 10 });
    await failed(
      await insertMessage(api, refused, { content: "Já envio", direction: "outbound", minutesAgo: 5 }),
    );
    await insertMessage(api, refused, {
      content: "nota",
      direction: "outbound",
      isPrivate: true,
      minutesAgo: 1,
    });
    // an older failure the customer has answered since is history, not the conversation's state
    const answered = await insertConversation(api, organizationId);
    await failed(
      await insertMessage(api, answered, { content: "Segue", direction: "outbound", minutesAgo: 5 }),
    );
    await insertMessage(api, answered, { content: "Recebi", minutesAgo: 1 });
    const quiet = await insertConversation(api, organizationId);

    const list = await api.rest<{ items: Array<{ id: string; lastMessageFailed: boolean }> }>(
      "GET",
      "/conversations",
      { token: owner.token },
    );
    expect(list.status).toBe(200);
    const marks = Object.fromEntries(list.body.items.map((item) => [item.id, item.lastMessageFailed]));
    expect(marks).toEqual({ [refused]: true, [answered]: false, [quiet]: false });
  });
});
