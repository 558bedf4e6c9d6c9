import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startTestApi, type TestApi } from "@crm/api/testing/harness";
import type { DomainEvent } from "@crm/domain";
import { type FakeWhatsApp, startFakeWhatsApp } from "@crm/integrations/testing/index";
import { afterAll, beforeAll, expect } from "vitest";

/**
 * For the inbox job tests: the real API (with its processors) on a fake WhatsApp and a media directory of its
 * own, an owner, and a WhatsApp integration, for the whole file; every event the API publishes is recorded.
 * Call at the top of a test file; read the fields inside tests.
 */
export function useWhatsAppApi(options: { dataDirPrefix: string; integrationName: string }) {
  let api: TestApi | undefined;
  let whatsapp: FakeWhatsApp | undefined;
  let dataDir = "";
  let token = "";
  let organizationId = "";
  let integrationId = "";
  const events: DomainEvent[] = [];
  const onEvent = new Set<() => void>();

  beforeAll(async () => {
    whatsapp = await startFakeWhatsApp();
    dataDir = await mkdtemp(join(tmpdir(), options.dataDirPrefix));
    api = await startTestApi({ WHATSAPP_API_BASE: whatsapp.apiBase, DATA_DIR: dataDir });
    api.container.events.subscribe((event) => {
      events.push(event);
      for (const check of [...onEvent]) check();
    });
    const owner = await api.register();
    token = owner.token;
    organizationId = owner.user.organizationId;
    const created = await api.rest<{ id: string }>("POST", "/integrations", {
      token,
      body: { channel: "whatsapp", name: options.integrationName, config: whatsapp.config },
    });
    expect(created.status).toBe(201);
    integrationId = created.body.id;
  }, 60_000);

  afterAll(async () => {
    await api?.close();
    await whatsapp?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error("useWhatsAppApi: read inside a test, after beforeAll");
    return value;
  };
  return {
    events,
    /**
     * Resolves once `done` holds for the events recorded so far, checked now and as each one is recorded.
     * Events reach subscribers on a later turn than their commit, so a job's rows can be read before its
     * events are heard; this waits for them with no deadline but the test's.
     */
    eventsUntil(done: (recorded: DomainEvent[]) => boolean): Promise<void> {
      return new Promise((resolve) => {
        const check = () => {
          if (!done(events)) return;
          onEvent.delete(check);
          resolve();
        };
        onEvent.add(check);
        check();
      });
    },
    get api() {
      return started(api);
    },
    get whatsapp() {
      return started(whatsapp);
    },
    get db() {
      return started(api).container.db.db;
    },
    get dataDir() {
      return dataDir;
    },
    get token() {
      return token;
    },
    get organizationId() {
      return organizationId;
    },
    get integrationId() {
      return integrationId;
    },
  };
}
