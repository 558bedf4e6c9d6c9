import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { useTestApi } from "../../testing/harness";
import { expectTenantIsolation } from "../../testing/tenant-isolation";
import {
  type ErrorDto,
  insertContact,
  insertConversation,
  insertIntegration,
  organizationOf,
  team as teamOf,
} from "./conversation-fixtures";

const api = useTestApi();

interface StartChannelDto {
  id: string;
  name: string;
  channel: string;
  unavailable: { code: string; message: string } | null;
  existing: {
    id: string | null;
    status: string | null;
    assignee: { id: string; name: string } | null;
    mayOpen: boolean;
  } | null;
  whatsappWindow: { open: boolean; lastInboundAt: string | null } | null;
}

const channelsOf = (token: string, contactId?: string) =>
  api.rest<{ items: StartChannelDto[] }>(
    "GET",
    contactId ? `/conversations/channels?contactId=${contactId}` : "/conversations/channels",
    { token },
  );

async function identity(organizationId: string, contactId: string, channel: "telegram" | "slack") {
  await api.container.db.db
    .insertInto("channel_identities")
    .values({
      organization_id: organizationId,
      contact_id: contactId,
      channel,
      channel_user_id: `user-${randomUUID()}`,
    })
    .execute();
}

/** An organization with one active integration of each messaging channel, an inactive one and a payment one. */
async function connected(organizationId: string) {
  const whatsapp = await insertIntegration(api, organizationId, "whatsapp");
  const telegram = await insertIntegration(api, organizationId, "telegram");
  const slack = await insertIntegration(api, organizationId, "slack");
  const discord = await insertIntegration(api, organizationId, "discord");
  const inactive = await insertIntegration(api, organizationId, "telegram", false);
  const stripe = await api.container.db.db
    .insertInto("integrations")
    .values({
      organization_id: organizationId,
      channel: "stripe",
      name: "Stripe",
      config: JSON.stringify({}),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return { whatsapp, telegram, slack, discord, inactive, stripe: stripe.id };
}

const reasonsById = (items: StartChannelDto[]) =>
  Object.fromEntries(items.map((item) => [item.id, item.unavailable?.code ?? null]));

describe("the channels a conversation can be started on", () => {
  it("lists an agent the active messaging integrations without their configuration", async () => {
    const { organizationId, agent } = await teamOf(api);
    const ids = await connected(organizationId);

    const res = await channelsOf(agent.token);

    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.items.map((item) => item.id).sort()).toEqual(
      [ids.whatsapp, ids.telegram, ids.slack, ids.discord].sort(),
    );
    expect(res.body.items.find((item) => item.id === ids.telegram)).toEqual({
      id: ids.telegram,
      name: "telegram line",
      channel: "telegram",
      unavailable: null,
      existing: null,
      whatsappWindow: null,
    });
    expect(reasonsById(res.body.items)[ids.discord]).toBe("customer_starts");
    for (const item of res.body.items)
      expect(Object.keys(item).sort()).toEqual([
        "channel",
        "existing",
        "id",
        "name",
        "unavailable",
        "whatsappWindow",
      ]);
  });

  it("says which ones reach the contact: WhatsApp by phone, Telegram and Slack once they wrote there", async () => {
    const { organizationId, agent } = await teamOf(api);
    const ids = await connected(organizationId);
    const withPhone = await insertContact(api, organizationId, { phone: "+5511987654321" });
    const onTelegram = await insertContact(api, organizationId);
    await identity(organizationId, onTelegram, "telegram");

    const phoned = await channelsOf(agent.token, withPhone);
    const written = await channelsOf(agent.token, onTelegram);

    expect(reasonsById(phoned.body.items)).toEqual({
      [ids.whatsapp]: null,
      [ids.telegram]: "never_wrote",
      [ids.slack]: "never_wrote",
      [ids.discord]: "customer_starts",
    });
    expect(reasonsById(written.body.items)).toEqual({
      [ids.whatsapp]: "no_phone",
      [ids.telegram]: null,
      [ids.slack]: "never_wrote",
      [ids.discord]: "customer_starts",
    });
    expect(written.body.items.find((item) => item.id === ids.whatsapp)?.unavailable?.message).toMatch(
      /phone number/,
    );
  });

  it("agrees with POST /conversations: what it offers starts, what it refuses answers 422", async () => {
    const { organizationId, agent } = await teamOf(api);
    await connected(organizationId);
    const contactId = await insertContact(api, organizationId, { phone: "+5521987654321" });

    const { body } = await channelsOf(agent.token, contactId);
    for (const item of body.items) {
      const started = await api.rest<ErrorDto>("POST", "/conversations", {
        token: agent.token,
        body: { contactId, integrationId: item.id },
      });
      expect(started.status, item.channel).toBe(item.unavailable ? 422 : 201);
      if (item.unavailable) expect(started.body.message).toBe(item.unavailable.message);
    }
  });

  it("tells whether WhatsApp's 24-hour window is open: the customer wrote 8 minutes ago, or 2 days ago, or never", async () => {
    const { organizationId, owner } = await teamOf(api);
    const whatsapp = await insertIntegration(api, organizationId, "whatsapp");
    const recent = await insertContact(api, organizationId, { phone: "+5511911110001" });
    const old = await insertContact(api, organizationId, { phone: "+5511911110002" });
    const never = await insertContact(api, organizationId, { phone: "+5511911110003" });
    await insertConversation(api, organizationId, {
      contactId: recent,
      integrationId: whatsapp,
      threadId: "5511911110001",
      lastInboundMinutesAgo: 8,
    });
    await insertConversation(api, organizationId, {
      contactId: old,
      integrationId: whatsapp,
      threadId: "5511911110002",
      lastInboundMinutesAgo: 2 * 24 * 60,
    });

    const windowOf = async (contactId: string) =>
      (await channelsOf(owner.token, contactId)).body.items.find((item) => item.id === whatsapp)
        ?.whatsappWindow;

    const open = await windowOf(recent);
    expect(open?.open).toBe(true);
    expect(Date.now() - Date.parse(open?.lastInboundAt ?? "")).toBeGreaterThan(7 * 60_000);
    expect((await windowOf(old))?.open).toBe(false);
    expect(await windowOf(never)).toEqual({ open: false, lastInboundAt: null });
  });

  it("names the existing conversation and who handles it, so the dialog opens it instead of starting one", async () => {
    const { organizationId, owner, admin } = await teamOf(api);
    const telegram = await insertIntegration(api, organizationId, "telegram");
    const contactId = await insertContact(api, organizationId);
    const chat = `chat-${randomUUID()}`;
    await api.container.db.db
      .insertInto("channel_identities")
      .values({
        organization_id: organizationId,
        contact_id: contactId,
        channel: "telegram",
        channel_user_id: chat,
      })
      .execute();
    const conversationId = await insertConversation(api, organizationId, {
      channel: "telegram",
      contactId,
      integrationId: telegram,
      threadId: chat,
      assignedTo: admin.user.id,
      status: "pending",
    });

    const item = (await channelsOf(owner.token, contactId)).body.items.find((i) => i.id === telegram);

    expect(item?.existing).toEqual({
      id: conversationId,
      status: "pending",
      assignee: { id: admin.user.id, name: admin.user.name },
      mayOpen: true,
    });
    expect(item?.whatsappWindow).toBeNull();
    const started = await api.rest<ErrorDto & { existingId?: string }>("POST", "/conversations", {
      token: owner.token,
      body: { contactId, integrationId: telegram },
    });
    expect(started.status).toBe(409);
  });

  it("tells an agent of another member's conversation only that it exists and who handles it, as the 409 does", async () => {
    const { organizationId, agent, otherAgent } = await teamOf(api);
    const whatsapp = await insertIntegration(api, organizationId, "whatsapp");
    const theirs = await insertContact(api, organizationId, { phone: "+5511922220001" });
    const unassigned = await insertContact(api, organizationId, { phone: "+5511922220002" });
    await insertConversation(api, organizationId, {
      contactId: theirs,
      integrationId: whatsapp,
      threadId: "5511922220001",
      assignedTo: otherAgent.user.id,
      lastInboundMinutesAgo: 8,
    });
    const visibleId = await insertConversation(api, organizationId, {
      contactId: unassigned,
      integrationId: whatsapp,
      threadId: "5511922220002",
      lastInboundMinutesAgo: 8,
    });

    const hidden = (await channelsOf(agent.token, theirs)).body.items.find((i) => i.id === whatsapp);
    const open = (await channelsOf(agent.token, unassigned)).body.items.find((i) => i.id === whatsapp);

    expect(hidden?.existing).toEqual({
      id: null,
      status: null,
      assignee: { id: otherAgent.user.id, name: otherAgent.user.name },
      mayOpen: false,
    });
    // when the customer last wrote is activity of a conversation the agent may not read
    expect(hidden?.whatsappWindow).toBeNull();
    const refused = await api.rest<ErrorDto>("POST", "/conversations", {
      token: agent.token,
      body: { contactId: theirs, integrationId: whatsapp },
    });
    expect(refused.status).toBe(409);
    expect(JSON.stringify(refused.body)).toMatch(/"existingId":null/);
    expect(open?.existing).toEqual({ id: visibleId, status: "open", assignee: null, mayOpen: true });
    expect(open?.whatsappWindow?.open).toBe(true);
  });

  it("is for those who may write: a viewer gets 403", async () => {
    const { organizationId, viewer, owner } = await teamOf(api);
    const contactId = await insertContact(api, organizationId);

    expect((await channelsOf(viewer.token)).status).toBe(403);
    expect((await channelsOf(viewer.token, contactId)).status).toBe(403);
    await expect(api.trpc(viewer.token).conversations.channels.query({ contactId })).rejects.toMatchObject({
      data: { code: "FORBIDDEN" },
    });
    expect((await api.trpc(owner.token).conversations.channels.query({ contactId })).items).toEqual([]);
  });

  it("answers 404 for a contact that does not exist or is another organization's, and 400 for no id", async () => {
    const { agent } = await teamOf(api);
    expect((await channelsOf(agent.token, randomUUID())).status).toBe(404);
    expect((await channelsOf(agent.token, "not-an-id")).status).toBe(400);
    await expectTenantIsolation(
      api,
      async (token) => insertContact(api, await organizationOf(api, token), { phone: "+5531987654321" }),
      [{ name: "channels for a contact", call: (token, id) => channelsOf(token, id) }],
    );
  });

  it("never lists another organization's integrations", async () => {
    const { organizationId } = await teamOf(api);
    const ids = await connected(organizationId);
    const stranger = await api.register();

    const res = await channelsOf(stranger.token);

    expect(res.status).toBe(200);
    expect(res.body.items.filter((item) => Object.values(ids).includes(item.id))).toEqual([]);
  });

  it("is in /openapi.json with its contactId query parameter", async () => {
    const doc = (await (await fetch(`${api.baseUrl}/openapi.json`)).json()) as {
      paths: Record<string, { get?: { parameters?: { name: string; in: string }[] } }>;
    };
    const names = doc.paths["/conversations/channels"]?.get?.parameters?.map((p) => p.name);
    expect(names).toContain("contactId");
  });
});
