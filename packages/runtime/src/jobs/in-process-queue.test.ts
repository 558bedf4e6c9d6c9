import type { EmailJob, JobContext } from "@crm/domain/shared/jobs";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createRecordingLogger } from "../testing/recording-logger";
import { createInProcessQueue, type InProcessQueue } from "./in-process-queue";

const mail = (subject: string): EmailJob => ({ to: "ana@example.com", subject, text: "hello" });

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve = () => {};
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

const ticks = async (count = 5) => {
  for (let i = 0; i < count; i += 1) await new Promise((r) => setImmediate(r));
};

let queue: InProcessQueue | undefined;

afterEach(async () => {
  vi.useRealTimers();
  await queue?.close();
  queue = undefined;
});

describe("in-process job queue", () => {
  it("runs a job after enqueue returns, never inside the caller's stack", async () => {
    queue = createInProcessQueue();
    const seen: Array<{ subject: string; job: JobContext }> = [];
    queue.process("email", async (payload, job) => {
      seen.push({ subject: payload.subject, job });
    });

    const enqueued = queue.enqueue("email", mail("welcome"), { jobId: "welcome-1" });
    expect(seen).toEqual([]);
    await enqueued;
    expect(seen).toEqual([]);

    await queue.whenIdle();
    expect(seen).toEqual([{ subject: "welcome", job: { id: "welcome-1", attempt: 1 } }]);
  });

  it("keeps jobs enqueued before any handler until one is registered", async () => {
    queue = createInProcessQueue();
    const subjects: string[] = [];
    await queue.enqueue("email", mail("early"));
    await ticks();

    queue.process("email", async (payload) => {
      subjects.push(payload.subject);
    });
    await queue.whenIdle();

    expect(subjects).toEqual(["early"]);
  });

  it("retries a failing job with exponential backoff and stops after `attempts`", async () => {
    vi.useFakeTimers();
    const logger = createRecordingLogger();
    queue = createInProcessQueue({ logger, backoffDelayMs: 1000 });
    const attempts: number[] = [];
    queue.process("email", async (_payload, job) => {
      attempts.push(job.attempt);
      throw new Error("smtp down");
    });

    await queue.enqueue("email", mail("retry"), { attempts: 3 });
    await vi.advanceTimersByTimeAsync(0);
    expect(attempts).toEqual([1]);

    await vi.advanceTimersByTimeAsync(999);
    expect(attempts).toEqual([1]);
    await vi.advanceTimersByTimeAsync(1);
    expect(attempts).toEqual([1, 2]);

    await vi.advanceTimersByTimeAsync(1999);
    expect(attempts).toEqual([1, 2]);
    await vi.advanceTimersByTimeAsync(1);
    expect(attempts).toEqual([1, 2, 3]);

    await vi.advanceTimersByTimeAsync(60_000);
    expect(attempts).toEqual([1, 2, 3]);
    expect(logger.entries.filter((e) => e.level === "warn").map((e) => e.obj)).toMatchObject([
      { retryInMs: 1000 },
      { retryInMs: 2000 },
    ]);
    expect(logger.entries.filter((e) => e.level === "error")).toMatchObject([
      { msg: "job failed permanently", obj: { queue: "email", attempt: 3, attempts: 3 } },
    ]);
  });

  it("tries 5 times by default", async () => {
    queue = createInProcessQueue({ backoffDelayMs: 1 });
    const attempts: number[] = [];
    queue.process("email", async (_payload, job) => {
      attempts.push(job.attempt);
      throw new Error("always");
    });

    await queue.enqueue("email", mail("default attempts"));
    await queue.whenIdle();

    expect(attempts).toEqual([1, 2, 3, 4, 5]);
  });

  it("completes a job that succeeds on a retry", async () => {
    queue = createInProcessQueue({ backoffDelayMs: 1 });
    const attempts: number[] = [];
    queue.process("email", async (_payload, job) => {
      attempts.push(job.attempt);
      if (job.attempt < 3) throw new Error("flaky");
    });

    await queue.enqueue("email", mail("flaky"));
    await queue.whenIdle();

    expect(attempts).toEqual([1, 2, 3]);
  });

  it("dedupes by jobId while the job is queued, and accepts the id again once it finished", async () => {
    queue = createInProcessQueue();
    const ids: string[] = [];
    await queue.enqueue("email", mail("a"), { jobId: "reset-ana" });
    await queue.enqueue("email", mail("a again"), { jobId: "reset-ana" });
    await queue.enqueue("email", mail("b"), { jobId: "reset-bia" });

    queue.process("email", async (_payload, job) => {
      ids.push(job.id);
    });
    await queue.whenIdle();
    expect(ids).toEqual(["reset-ana", "reset-bia"]);

    await queue.enqueue("email", mail("a later"), { jobId: "reset-ana" });
    await queue.whenIdle();
    expect(ids).toEqual(["reset-ana", "reset-bia", "reset-ana"]);
  });

  it("dedupes a jobId while that job is waiting for a retry", async () => {
    queue = createInProcessQueue({ backoffDelayMs: 1 });
    const subjects: string[] = [];
    queue.process("email", async (payload, job) => {
      subjects.push(payload.subject);
      if (job.attempt === 1) {
        await queue?.enqueue("email", mail("duplicate"), { jobId: "once" });
        throw new Error("first attempt fails");
      }
    });

    await queue.enqueue("email", mail("original"), { jobId: "once" });
    await queue.whenIdle();

    expect(subjects).toEqual(["original", "original"]);
  });

  it("runs a delayed job only once its delay has passed", async () => {
    vi.useFakeTimers();
    queue = createInProcessQueue();
    const subjects: string[] = [];
    queue.process("email", async (payload) => {
      subjects.push(payload.subject);
    });

    await queue.enqueue("email", mail("later"), { delayMs: 60_000 });
    await queue.enqueue("email", mail("now"));
    await vi.advanceTimersByTimeAsync(59_999);
    expect(subjects).toEqual(["now"]);

    await vi.advanceTimersByTimeAsync(1);
    expect(subjects).toEqual(["now", "later"]);
  });

  it("runs at most `concurrency` jobs of a queue at once", async () => {
    queue = createInProcessQueue();
    const gate = deferred();
    let active = 0;
    let maxActive = 0;
    let done = 0;
    queue.process(
      "email",
      async () => {
        active += 1;
        maxActive = Math.max(maxActive, active);
        await gate.promise;
        active -= 1;
        done += 1;
      },
      { concurrency: 2 },
    );

    for (const subject of ["1", "2", "3", "4"]) await queue.enqueue("email", mail(subject));
    await ticks();
    expect(active).toBe(2);

    gate.resolve();
    await queue.whenIdle();
    expect(maxActive).toBe(2);
    expect(done).toBe(4);
  });

  it("close waits for running jobs, drops waiting ones and refuses new work", async () => {
    queue = createInProcessQueue();
    const gate = deferred();
    const started: string[] = [];
    let finished = 0;
    queue.process("email", async (payload) => {
      started.push(payload.subject);
      await gate.promise;
      finished += 1;
    });
    await queue.enqueue("email", mail("running"));
    await queue.enqueue("email", mail("waiting"));
    await ticks();
    expect(started).toEqual(["running"]);

    let closed = false;
    const closing = queue.close().then(() => {
      closed = true;
    });
    await ticks();
    expect(closed).toBe(false);

    gate.resolve();
    await closing;
    expect(finished).toBe(1);
    expect(started).toEqual(["running"]);
    await expect(queue.enqueue("email", mail("after close"))).rejects.toThrow("closed");
  });

  it("rejects job ids BullMQ would refuse", async () => {
    queue = createInProcessQueue();
    await expect(queue.enqueue("email", mail("x"), { jobId: "org:1" })).rejects.toThrow(":");
    await expect(queue.enqueue("email", mail("x"), { jobId: "42" })).rejects.toThrow("integer");
  });

  it("refuses a second handler for the same queue", () => {
    queue = createInProcessQueue();
    queue.process("email", async () => {});
    expect(() => queue?.process("email", async () => {})).toThrow("already registered");
  });
});
