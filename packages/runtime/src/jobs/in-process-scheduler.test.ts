import type { EmailJob } from "@crm/domain/shared/jobs";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createInProcessQueue, type InProcessQueue } from "./in-process-queue";

const digest: EmailJob = { to: "team@example.com", subject: "daily digest", text: "…" };

let queue: InProcessQueue | undefined;

afterEach(async () => {
  await queue?.close();
  queue = undefined;
  vi.useRealTimers();
});

/** Advances the fake clock, then lets the real event loop start the jobs the fired timers enqueued. */
async function advance(ms: number): Promise<void> {
  await vi.advanceTimersByTimeAsync(ms);
  for (let i = 0; i < 5; i += 1) await new Promise((resolve) => setImmediate(resolve));
}

/** Only the clock is fake: the queue starts jobs on real immediates. */
const useFakeClock = (now: string) =>
  vi.useFakeTimers({
    now: new Date(now),
    toFake: ["setTimeout", "clearTimeout", "setInterval", "clearInterval", "Date"],
  });

function startQueue(): { queue: InProcessQueue; runs: string[] } {
  const runs: string[] = [];
  queue = createInProcessQueue();
  queue.process("email", async (payload, job) => {
    runs.push(`${payload.subject}@${new Date().toISOString()}#${job.id}`);
  });
  return { queue, runs };
}

describe("in-process job scheduler", () => {
  it("runs an `everyMs` schedule at once and then on every interval", async () => {
    useFakeClock("2030-01-01T00:00:00Z");
    const { queue, runs } = startQueue();

    await queue.schedule("email", "digest", { everyMs: 60_000 }, digest);
    await advance(0);
    expect(runs).toEqual(["daily digest@2030-01-01T00:00:00.000Z#scheduled-digest"]);

    await advance(120_000);
    expect(runs).toHaveLength(3);
  });

  it("runs a cron pattern at each occurrence in its time zone", async () => {
    useFakeClock("2030-01-01T05:59:00Z");
    const { queue, runs } = startQueue();

    // 03:00 in São Paulo is 06:00 UTC
    await queue.schedule("email", "digest", { pattern: "0 3 * * *", tz: "America/Sao_Paulo" }, digest);
    await advance(59_999);
    expect(runs).toEqual([]);

    await advance(1);
    expect(runs).toEqual(["daily digest@2030-01-01T06:00:00.000Z#scheduled-digest"]);

    await advance(24 * 3600_000);
    expect(runs).toHaveLength(2);
  });

  it("replaces a schedule registered again under the same name", async () => {
    useFakeClock("2030-01-01T00:00:00Z");
    const { queue, runs } = startQueue();

    await queue.schedule("email", "digest", { everyMs: 1000 }, digest);
    await queue.schedule("email", "digest", { everyMs: 60_000 }, digest);
    await advance(59_000);

    expect(runs).toHaveLength(1);
  });

  it("stops firing once the queue is closed", async () => {
    useFakeClock("2030-01-01T00:00:00Z");
    const { queue, runs } = startQueue();
    await queue.schedule("email", "digest", { everyMs: 1000 }, digest);
    await advance(0);

    await queue.close();
    await advance(10_000);

    expect(runs).toHaveLength(1);
  });
});
