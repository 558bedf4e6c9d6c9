/**
 * A share of the benchmark's clients in a process of its own, so that receiving is not what is measured.
 * Driven by its parent over IPC: open, progress, collect (latencies against the parent's send times), close.
 */
import type WebSocket from "ws";
import { openBareClient, openMany, openRealtimeClient } from "./clients";

export type ShardCommand =
  | { kind: "open"; mode: "realtime" | "bare"; url: string; token: string; count: number }
  | { kind: "progress" }
  | { kind: "collect"; sentAt: Map<string, number> }
  | { kind: "close" };

export type ShardReply =
  | { kind: "opened" }
  | { kind: "progress"; deliveries: number; frames: number }
  | {
      kind: "result";
      latencies: Float64Array;
      /** When each of `latencies` was sent (the parent's clock), in the same order. */
      sentAts: Float64Array;
      /** From the event's occurredAt (set where it was published) to its receipt. */
      sincePublished: Float64Array;
      deliveries: number;
      duplicates: number;
      frames: number;
      sample: string;
    };

const now = () => performance.timeOrigin + performance.now();
const marker = '"messageId":"';
const occurredMarker = '"occurredAt":"';
const sincePublished: number[] = [];

let sockets: WebSocket[] = [];
let count = 0;
/** Receive times per event key (a message id, or the bare broadcast's sequence number), one slot per client. */
const received = new Map<string, Float64Array>();
let deliveries = 0;
let duplicates = 0;
let frames = 0;
let sample = "";

function record(key: string, client: number, at: number): void {
  let times = received.get(key);
  if (!times) {
    times = new Float64Array(count).fill(Number.NaN);
    received.set(key, times);
  }
  if (Number.isNaN(times[client] ?? Number.NaN)) deliveries += 1;
  else duplicates += 1;
  times[client] = at;
}

function onRealtimeFrame(client: number, text: string): void {
  frames += 1;
  if (!text.includes('"type":"new_message"')) return;
  const at = now();
  const start = text.indexOf(marker);
  if (start < 0) return;
  if (!sample) sample = text;
  const occurred = text.indexOf(occurredMarker);
  if (occurred >= 0) {
    const from = occurred + occurredMarker.length;
    sincePublished.push(at - Date.parse(text.slice(from, text.indexOf('"', from))));
  }
  record(text.slice(start + marker.length, start + marker.length + 36), client, at);
}

function onBareFrame(client: number, text: string): void {
  const at = now();
  frames += 1;
  record(text.slice(0, text.indexOf("|")), client, at);
}

function reply(message: ShardReply): void {
  process.send?.(message);
}

process.on("message", async (command: ShardCommand) => {
  if (command.kind === "open") {
    count = command.count;
    const { mode, url, token } = command;
    sockets = await openMany(count, 25, (client) =>
      mode === "realtime"
        ? openRealtimeClient(url, token, (text) => onRealtimeFrame(client, text))
        : openBareClient(url, (text) => onBareFrame(client, text)),
    );
    reply({ kind: "opened" });
  } else if (command.kind === "progress") {
    reply({ kind: "progress", deliveries, frames });
  } else if (command.kind === "collect") {
    const latencies: number[] = [];
    const sentAts: number[] = [];
    for (const [key, sent] of command.sentAt) {
      for (const at of received.get(key) ?? []) {
        if (Number.isNaN(at)) continue;
        latencies.push(at - sent);
        sentAts.push(sent);
      }
    }
    reply({
      kind: "result",
      latencies: Float64Array.from(latencies),
      sentAts: Float64Array.from(sentAts),
      sincePublished: Float64Array.from(sincePublished),
      deliveries,
      duplicates,
      frames,
      sample,
    });
  } else {
    await Promise.all(
      sockets.map(
        (socket) =>
          new Promise<void>((resolve) => {
            if (socket.readyState === socket.CLOSED) return resolve();
            socket.once("close", () => resolve());
            socket.close();
          }),
      ),
    );
    process.exit(0);
  }
});
