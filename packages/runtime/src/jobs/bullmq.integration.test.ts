import type { EmailJob, JobContext, JobHandler } from "@crm/domain/shared/jobs";
import { Queue } from "bullmq";
import type { Redis } from "ioredis";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createRedisConnection } from "../redis/connection";
import { createRecordingLogger } from "../testing/recording-logger";
import { deleteKeysWithPrefix } from "../testing/redis-cleanup";
import { redisTestUrl, uniqueTestPrefix } from "../testing/redis-test-url";
import { createBullmqProcessorHost } from "./bullmq-processor-host";
import { type BullmqJobQueue, createBullmqQueue } from "./bullmq-queue";

const url = redisTestUrl();
const mail = (subject: string): EmailJob => ({ to: "ana@example.com", subject, text: "hello" });

describe.skipIf(!url)("BullMQ adapters", () => {
  let connection: Redis;
  let prefix: string;
  let queue: BullmqJobQueue;
  let host: ReturnType<typeof createBullmqProcessorHost>;
  let inspector: Queue;
  const logger = createRecordingLogger();

  beforeAll(() => {
    connection = createRedisConnection(url ?? "");
  });

  afterAll(async () => {
    await connection.quit();
  });

  function setUp(): void {
    prefix = uniqueTestPrefix("bullmq");
    queue = createBullmqQueue({ connection, prefix, logger, backoffDelayMs: 10 });
    host = createBullmqProcessorHost({ connection, prefix, logger });
    inspector = new Queue("email", { connection, prefix });
  }

  afterEach(async () => {
    await host.close();
    await queue.close();
    await inspector.close();
    await deleteKeysWithPrefix(connection, `${prefix}:`);
  });

  function recordJobs(handler?: JobHandler<"email">) {
    const seen: Array<{ subject: string; job: JobContext }> = [];
    host.process("email", async (payload, job) => {
      seen.push({ subject: payload.subject, job });
      await handler?.(payload, job);
    });
    return seen;
  }

  it("processes an enqueued job with its payload and id", async () => {
    setUp();
    const seen = recordJobs();

    await queue.enqueue("email", mail("welcome"), { jobId: "welcome-ana" });

    await vi.waitFor(() =>
      expect(seen).toEqual([{ subject: "welcome", job: { id: "welcome-ana", attempt: 1 } }]),
    );
  });

  it("retries a failing job up to `attempts` with exponential backoff", async () => {
    setUp();
    const seen = recordJobs(async (_payload, job) => {
      if (job.attempt < 3) throw new Error("smtp down");
    });

    await queue.enqueue("email", mail("flaky"), { attempts: 3 });

    await vi.waitFor(() => expect(seen.map((s) => s.job.attempt)).toEqual([1, 2, 3]));
    const [job] = await inspector.getJobs(["completed"]);
    expect(job?.opts.backoff).toEqual({ type: "exponential", delay: 10 });
  });

  it("gives up after `attempts` and keeps the failed job", async () => {
    setUp();
    const seen = recordJobs(async () => {
      throw new Error("always");
    });

    await queue.enqueue("email", mail("doomed"), { attempts: 2, jobId: "doomed" });

    await vi.waitFor(async () => expect(await inspector.getJobState("doomed")).toBe("failed"));
    expect(seen.map((s) => s.job.attempt)).toEqual([1, 2]);
    await vi.waitFor(() =>
      expect(logger.entries).toContainEqual(
        expect.objectContaining({ level: "error", msg: "job failed permanently" }),
      ),
    );
  });

  it("uses 5 attempts by default", async () => {
    setUp();
    await queue.enqueue("email", mail("defaults"), { jobId: "defaults" });

    const job = await inspector.getJob("defaults");
    expect(job?.opts.attempts).toBe(5);
  });

  it("dedupes jobs by jobId while they are queued", async () => {
    setUp();
    await queue.enqueue("email", mail("first"), { jobId: "reset-ana" });
    await queue.enqueue("email", mail("second"), { jobId: "reset-ana" });
    await queue.enqueue("email", mail("other"), { jobId: "reset-bia" });
    expect(await inspector.getWaitingCount()).toBe(2);

    const seen = recordJobs();

    await vi.waitFor(() => expect(seen).toHaveLength(2));
    expect(seen.map((s) => s.subject).sort()).toEqual(["first", "other"]);
  });

  it("ignores an add under the id of a kept finished job, unless replaceFinished (the sweepers' re-enqueue)", async () => {
    setUp();
    const seen = recordJobs(async (payload) => {
      if (payload.subject === "fails") throw new Error("smtp down");
    });
    await queue.enqueue("email", mail("done"), { jobId: "done" });
    await queue.enqueue("email", mail("fails"), { jobId: "fails", attempts: 1 });
    await vi.waitFor(async () => expect(await inspector.getJobState("done")).toBe("completed"));
    await vi.waitFor(async () => expect(await inspector.getJobState("fails")).toBe("failed"));

    await queue.enqueue("email", mail("done"), { jobId: "done" });
    expect(await inspector.getJobState("done")).toBe("completed");
    expect(await inspector.getWaitingCount()).toBe(0);

    await queue.enqueue("email", mail("done"), { jobId: "done", replaceFinished: true });
    await queue.enqueue("email", mail("fails"), { jobId: "fails", attempts: 1, replaceFinished: true });
    await vi.waitFor(() =>
      expect(seen.map((s) => s.subject).sort()).toEqual(["done", "done", "fails", "fails"]),
    );
  });

  it("leaves a waiting job alone under replaceFinished", async () => {
    setUp();
    await queue.enqueue("email", mail("first"), { jobId: "queued" });
    await queue.enqueue("email", mail("second"), { jobId: "queued", replaceFinished: true });
    expect(await inspector.getWaitingCount()).toBe(1);
    expect((await inspector.getJob("queued"))?.data.subject).toBe("first");
  });

  it("holds a delayed job back while jobs without delay run", async () => {
    setUp();
    const seen = recordJobs();

    await queue.enqueue("email", mail("later"), { jobId: "later", delayMs: 60_000 });
    await queue.enqueue("email", mail("now"));

    await vi.waitFor(() => expect(seen.map((s) => s.subject)).toEqual(["now"]));
    expect(await inspector.getJobState("later")).toBe("delayed");
    expect((await inspector.getJob("later"))?.delay).toBe(60_000);
  });

  it("refuses job ids BullMQ cannot store", async () => {
    setUp();
    await expect(queue.enqueue("email", mail("x"), { jobId: "org:1" })).rejects.toThrow(":");
  });

  it("registers a repeatable job with upsertJobScheduler and runs it", async () => {
    setUp();
    const seen = recordJobs();

    await queue.schedule(
      "email",
      "daily-digest",
      { pattern: "0 3 * * *", tz: "America/Sao_Paulo" },
      mail("d"),
    );
    await queue.schedule("email", "heartbeat", { everyMs: 60_000 }, mail("heartbeat"));

    const schedulers = await inspector.getJobSchedulers();
    expect(schedulers.map((s) => [s.key, s.pattern, s.every]).sort()).toEqual([
      ["daily-digest", "0 3 * * *", undefined],
      ["heartbeat", undefined, 60_000],
    ]);
    await vi.waitFor(() => expect(seen.map((s) => s.subject)).toEqual(["heartbeat"]));
  });

  it("close waits for the running job to finish", async () => {
    setUp();
    let release = () => {};
    const started = new Promise<void>((resolveStarted) => {
      recordJobs(
        () =>
          new Promise<void>((resolve) => {
            release = resolve;
            resolveStarted();
          }),
      );
    });
    await queue.enqueue("email", mail("slow"), { jobId: "slow" });
    await started;

    let closed = false;
    const closing = host.close().then(() => {
      closed = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(closed).toBe(false);

    release();
    await closing;
    expect(await inspector.getJobState("slow")).toBe("completed");
  });
});
