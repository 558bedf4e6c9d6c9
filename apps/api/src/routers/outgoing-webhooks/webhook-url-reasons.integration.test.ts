import { describe, expect, it } from "vitest";
import { useTestApi } from "../../testing/harness";

/*
 * A refused webhook URL says why in `data.fieldReasons.url`, a code clients word in their language (the message
 * is English). With the production defaults: https only, public addresses only.
 */

const api = useTestApi({
  OUTGOING_WEBHOOKS_ALLOW_HTTP: "false",
  OUTGOING_WEBHOOKS_ALLOW_PRIVATE: "false",
});

interface ErrorBody {
  message: string;
  data: {
    appCode: string;
    fieldErrors: Record<string, string[]> | null;
    fieldReasons?: Record<string, string>;
  };
}

describe("a refused webhook URL", () => {
  it.each([
    ["an http URL", "http://hooks.example.com/crm", "https_required"],
    ["a private IP address", "https://10.0.0.5/hook", "private_address"],
    ["a loopback IPv6 address", "https://[::1]:8443/hook", "private_address"],
    ["a user name and password", "https://user:secret@hooks.example.com/crm", "url_has_credentials"],
    ["a #fragment", "https://hooks.example.com/crm#part", "url_has_fragment"],
    ["a host that is not one", "https://exa_mple!.com/crm", "invalid_url"],
    ["no URL at all", "hooks.example.com/crm", "invalid_url"],
  ])("with %s (%s) has its code, on create and on a change of URL", async (_what, url, reason) => {
    const owner = await api.register();
    const created = await api.rest<ErrorBody>("POST", "/webhooks", {
      token: owner.token,
      body: { url, events: ["*"] },
    });
    expect(created.status).toBe(400);
    expect(created.body.data.appCode).toBe("VALIDATION_FAILED");
    expect(created.body.data.fieldReasons).toEqual({ url: reason });
    expect(created.body.data.fieldErrors).toEqual({ url: [created.body.message] });

    const webhook = await api.rest<{ id: string }>("POST", "/webhooks", {
      token: owner.token,
      body: { url: "https://hooks.example.com/crm", events: ["*"] },
    });
    expect(webhook.status).toBe(201);
    const updated = await api.rest<ErrorBody>("PATCH", `/webhooks/${webhook.body.id}`, {
      token: owner.token,
      body: { url },
    });
    expect(updated.status).toBe(400);
    expect(updated.body.data.fieldReasons).toEqual({ url: reason });
  });

  it("longer than the schema allows has the schema's code", async () => {
    const owner = await api.register();
    const created = await api.rest<ErrorBody>("POST", "/webhooks", {
      token: owner.token,
      body: { url: `https://hooks.example.com/${"a".repeat(2048)}`, events: ["*"] },
    });
    expect(created.status).toBe(400);
    expect(created.body.data.fieldReasons).toEqual({ url: "too_long" });
  });
});
