import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { discordMessage, type FakeDiscord, startFakeDiscord } from "../testing";
import {
  connectDiscordGateway,
  type DiscordGatewayClient,
  type GatewayDispatch,
  type GatewayState,
  inboxIntents,
} from "./gateway";

let fake: FakeDiscord;
let client: DiscordGatewayClient | undefined;
let dispatches: GatewayDispatch[];
let states: GatewayState[];

beforeEach(async () => {
  fake = await startFakeDiscord({ heartbeatIntervalMs: 40 });
  dispatches = [];
  states = [];
});
afterEach(async () => {
  await client?.close();
  client = undefined;
  await fake.close();
});

function connect(token = fake.config.botToken) {
  client = connectDiscordGateway({
    url: fake.gatewayUrl,
    token,
    onDispatch: (dispatch) => dispatches.push(dispatch),
    onStateChange: (state) => states.push(state),
    reconnect: { initialDelayMs: 5, maxDelayMs: 20 },
  });
  return client;
}

const eventually = (assertion: () => unknown) => vi.waitFor(assertion, { timeout: 10_000, interval: 10 });

const messagesReceived = () =>
  dispatches.filter((d) => d.t === "MESSAGE_CREATE").map((d) => (d.d as { content: string }).content);

describe("Discord gateway client", () => {
  it("identifies with the bot token and the inbox intents, then receives messages", async () => {
    connect();
    await eventually(() => expect(states).toContain("ready"));
    expect(fake.gateway.identifies).toEqual([{ token: fake.config.botToken, intents: inboxIntents }]);
    fake.gateway.dispatchMessage(discordMessage({ channelId: "1", content: "primeira" }));
    fake.gateway.dispatchMessage(discordMessage({ channelId: "1", content: "segunda" }));
    await eventually(() => expect(messagesReceived()).toEqual(["primeira", "segunda"]));
  });

  it("keeps the connection alive with heartbeats", async () => {
    connect();
    await eventually(() => expect(fake.gateway.heartbeats).toBeGreaterThan(2));
    expect(fake.gateway.identifies).toHaveLength(1);
    expect(client?.state).toBe("ready");
  });

  it("resumes after a dropped connection and gets the messages sent meanwhile", async () => {
    connect();
    await eventually(() => expect(states).toContain("ready"));
    fake.gateway.dispatchMessage(discordMessage({ channelId: "1", content: "antes" }));
    await eventually(() => expect(messagesReceived()).toEqual(["antes"]));
    fake.gateway.disconnectAll(4000);
    fake.gateway.dispatchMessage(discordMessage({ channelId: "1", content: "durante" }));
    await eventually(() => expect(states).toContain("resumed"));
    await eventually(() => expect(messagesReceived()).toEqual(["antes", "durante"]));
    expect(fake.gateway.resumes).toHaveLength(1);
    expect(fake.gateway.identifies).toHaveLength(1);
  });

  it("reconnects when Discord asks (op 7) and when heartbeats stop being acknowledged", async () => {
    connect();
    await eventually(() => expect(states).toContain("ready"));
    fake.gateway.requestReconnect();
    await eventually(() => expect(fake.gateway.resumes).toHaveLength(1));
    fake.gateway.muteHeartbeatAcks(true);
    await eventually(() => expect(fake.gateway.resumes.length).toBeGreaterThan(1));
    fake.gateway.muteHeartbeatAcks(false);
    await eventually(() => expect(client?.state).toBe("resumed"));
  });

  it("identifies again when the session cannot be resumed", async () => {
    connect();
    await eventually(() => expect(states).toContain("ready"));
    fake.gateway.invalidateSessions(false);
    await eventually(() => expect(fake.gateway.identifies).toHaveLength(2));
    await eventually(() => expect(client?.state).toBe("ready"));
  });

  it("gives up on a refused token instead of reconnecting forever", async () => {
    connect("not-the-token");
    await eventually(() => expect(client?.state).toBe("failed"));
    expect(fake.gateway.identifies).toEqual([]);
    expect(states).not.toContain("reconnecting");
  });

  it("closes cleanly and does not come back", async () => {
    const connection = connect();
    await eventually(() => expect(states).toContain("ready"));
    await connection.close();
    expect(connection.state).toBe("stopped");
    await eventually(() => expect(fake.gateway.connections).toBe(0));
    client = undefined;
  });
});
