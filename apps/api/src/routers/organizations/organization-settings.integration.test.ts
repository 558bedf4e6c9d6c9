import { describe, expect, it } from "vitest";
import { useTestApi } from "../../testing/harness";

const api = useTestApi();

describe("organization settings", () => {
  it("updates name, slug, currency, timezone, retention and language; rejects bad values with field errors", async () => {
    const owner = await api.register();
    const ok = await api.rest<Record<string, unknown>>("PATCH", "/organizations/current", {
      token: owner.token,
      body: {
        name: "Loja Nova",
        slug: `loja-${Date.now()}`,
        defaultCurrency: "USD",
        timezone: "America/Manaus",
        dataRetentionDays: 365,
        locale: "en",
      },
    });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({
      name: "Loja Nova",
      defaultCurrency: "USD",
      timezone: "America/Manaus",
      dataRetentionDays: 365,
      locale: "en",
    });

    for (const body of [
      { timezone: "Mars/Olympus" },
      { dataRetentionDays: 5 },
      { slug: "Bad Slug!" },
      { defaultCurrency: "XYZ" },
    ]) {
      const bad = await api.rest<{ data: { fieldErrors: Record<string, string[]> } }>(
        "PATCH",
        "/organizations/current",
        {
          token: owner.token,
          body,
        },
      );
      expect(bad.status, JSON.stringify(body)).toBe(400);
      expect(Object.keys(bad.body.data.fieldErrors)).toEqual(Object.keys(body));
    }

    // a zone is stored as the IANA database spells it, whatever the case it was typed in
    const spelled = await api.rest<{ timezone: string }>("PATCH", "/organizations/current", {
      token: owner.token,
      body: { timezone: "america/sao_paulo" },
    });
    expect(spelled.body.timezone).toBe("America/Sao_Paulo");
  });

  it("refuses a slug another organization uses (409) and lets agents read but not write", async () => {
    const owner = await api.register();
    const other = await api.register();
    const taken = await api.rest<{ slug: string }>("GET", "/organizations/current", { token: other.token });
    expect(
      (
        await api.rest("PATCH", "/organizations/current", {
          token: owner.token,
          body: { slug: taken.body.slug },
        })
      ).status,
    ).toBe(409);
    const agent = await api.member(owner.token, "agent");
    expect((await api.rest("GET", "/organizations/current", { token: agent.token })).status).toBe(200);
    expect(
      (await api.rest("PATCH", "/organizations/current", { token: agent.token, body: { name: "x" } })).status,
    ).toBe(403);
  });
});
