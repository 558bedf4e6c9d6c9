import type { EmailJob, QueueName } from "@crm/domain/shared/jobs";
import { Queue } from "bullmq";
import type { Redis } from "ioredis";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createRedisConnection } from "../redis/connection";
import { deleteKeysWithPrefix } from "../testing/redis-cleanup";
import { redisTestUrl, uniqueTestPrefix } from "../testing/redis-test-url";
import { type BulkJobQueue, createBatchingQueue } from "./batching-queue";
import { type BullmqJobQueue, createBullmqQueue } from "./bullmq-queue";
import { DEFAULT_ATTEMPTS } from "./defaults";

const url = redisTestUrl();
const mail = (subject: string): EmailJob => ({ to: "ana@example.com", subject, text: "hello" });

describe.skipIf(!url)("batching queue on BullMQ", () => {
  let connection: Redis;
  let prefix: string;
  let bull: BullmqJobQueue;
  const inspectors: Queue[] = [];

  beforeAll(() => {
    connection = createRedisConnection(url ?? "");
  });

  afterAll(async () => {
    await connection.quit();
  });

  afterEach(async () => {
    vi.useRealTimers();
    await bull.close();
    await Promise.all(inspectors.splice(0).map((inspector) => inspector.close()));
    await deleteKeysWithPrefix(connection, `${prefix}:`);
  });

  /** The real BullMQ queue, with each `enqueueBulk` call's queue name and job ids recorded. */
  function setUp() {
    prefix = uniqueTestPrefix("batching");
    bull = createBullmqQueue({ connection, prefix, backoffDelayMs: 10 });
    const calls: Array<{ queue: QueueName; jobIds: Array<string | undefined> }> = [];
    const recorded: BulkJobQueue = {
      enqueue: (queue, payload, options) => bull.enqueue(queue, payload, options),
      enqueueBulk(queue, jobs) {
        calls.push({ queue, jobIds: jobs.map((job) => job.options?.jobId) });
        return bull.enqueueBulk(queue, jobs);
      },
    };
    return { calls, recorded };
  }

  function inspect(name: QueueName): Queue {
    const inspector = new Queue(name, { connection, prefix });
    inspectors.push(inspector);
    return inspector;
  }

  it("adds concurrent enqueues in one bulk, each job under its own id and options", async () => {
    const { calls, recorded } = setUp();
    const queue = createBatchingQueue(recorded, { windowMs: 5 });

    await Promise.all([
      queue.enqueue("email", mail("one"), { jobId: "mail-one", attempts: 2 }),
      queue.enqueue("email", mail("two"), { jobId: "mail-two" }),
      queue.enqueue("email", mail("three")),
    ]);

    expect(calls).toEqual([{ queue: "email", jobIds: ["mail-one", "mail-two", undefined] }]);
    const emails = inspect("email");
    const one = await emails.getJob("mail-one");
    const two = await emails.getJob("mail-two");
    expect(one?.data).toEqual(mail("one"));
    expect(one?.opts.attempts).toBe(2);
    expect(two?.data).toEqual(mail("two"));
    // the queue's default job options apply in bulk as they do to a single add
    expect(two?.opts.attempts).toBe(DEFAULT_ATTEMPTS);
    expect(two?.opts.backoff).toEqual({ type: "exponential", delay: 10 });
    const waiting = await emails.getJobs(["waiting"]);
    expect(waiting.map((job) => job.data.subject).sort()).toEqual(["one", "three", "two"]);
  });

  it("sends one bulk per queue name and dedupes a repeated job id", async () => {
    const { calls, recorded } = setUp();
    const queue = createBatchingQueue(recorded, { windowMs: 5 });

    await Promise.all([
      queue.enqueue("webhook-process", { webhookLogId: "log-a" }, { jobId: "log-a" }),
      queue.enqueue("email", mail("between")),
      queue.enqueue("webhook-process", { webhookLogId: "log-b" }, { jobId: "log-b" }),
      queue.enqueue("webhook-process", { webhookLogId: "log-a" }, { jobId: "log-a" }),
    ]);

    expect(calls).toEqual([
      { queue: "webhook-process", jobIds: ["log-a", "log-b", "log-a"] },
      { queue: "email", jobIds: [undefined] },
    ]);
    const webhooks = await inspect("webhook-process").getJobs(["waiting"]);
    expect(webhooks.map((job) => job.id).sort()).toEqual(["log-a", "log-b"]);
  });

  it("rejects every waiter of a batch Redis refused, and only that batch", async () => {
    const { recorded } = setUp();
    const queue = createBatchingQueue(recorded, { windowMs: 5 });
    // a queue's meta key of the wrong type makes Redis refuse every add to that queue
    await connection.set(`${prefix}:email:meta`, "not a hash");

    const results = await Promise.allSettled([
      queue.enqueue("email", mail("one"), { jobId: "mail-one" }),
      queue.enqueue("email", mail("two"), { jobId: "mail-two" }),
      queue.enqueue("webhook-process", { webhookLogId: "log-a" }, { jobId: "log-a" }),
    ]);

    expect(results.map((result) => result.status)).toEqual(["rejected", "rejected", "fulfilled"]);
    for (const result of results.slice(0, 2)) {
      expect(result.status === "rejected" && String(result.reason)).toMatch(/WRONGTYPE/);
    }
    expect(await inspect("webhook-process").getJob("log-a")).toBeDefined();
  });

  it("fails an invalid job alone, before it joins a batch", async () => {
    const { calls, recorded } = setUp();
    const queue = createBatchingQueue(recorded, { windowMs: 5 });

    const results = await Promise.allSettled([
      queue.enqueue("email", mail("bad"), { jobId: "42" }),
      queue.enqueue("email", mail("good"), { jobId: "mail-good" }),
    ]);

    expect(results.map((result) => result.status)).toEqual(["rejected", "fulfilled"]);
    expect(calls).toEqual([{ queue: "email", jobIds: ["mail-good"] }]);
  });

  it("sends a lone job once the window has passed, without waiting for company", async () => {
    const { calls, recorded } = setUp();
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    const queue = createBatchingQueue(recorded, { windowMs: 50 });

    const enqueued = queue.enqueue("email", mail("alone"), { jobId: "mail-alone" });
    vi.advanceTimersByTime(49);
    expect(calls).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(calls).toEqual([{ queue: "email", jobIds: ["mail-alone"] }]);
    vi.useRealTimers();

    await enqueued;
    expect((await inspect("email").getJob("mail-alone"))?.data).toEqual(mail("alone"));
  });

  it("sends a full batch at once, and flush sends what is waiting", async () => {
    const { calls, recorded } = setUp();
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    const queue = createBatchingQueue(recorded, { windowMs: 60_000, maxBatch: 2 });

    const full = [queue.enqueue("email", mail("one")), queue.enqueue("email", mail("two"))];
    const third = queue.enqueue("email", mail("three"));
    expect(calls.map((call) => call.jobIds.length)).toEqual([2]);
    vi.useRealTimers();

    await Promise.all(full);
    await queue.flush();
    await third;
    expect(calls.map((call) => call.jobIds.length)).toEqual([2, 1]);
    expect(await inspect("email").getJobCounts("waiting")).toEqual({ waiting: 3 });
  });

  it("passes replaceFinished enqueues straight through", async () => {
    const { calls, recorded } = setUp();
    const queue = createBatchingQueue(recorded, { windowMs: 5 });

    await queue.enqueue("email", mail("again"), { jobId: "mail-again", replaceFinished: true });

    expect(calls).toEqual([]);
    expect(await inspect("email").getJob("mail-again")).toBeDefined();
  });
});
