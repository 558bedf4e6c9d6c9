import { describe, expect, it } from "vitest";
import { useTestApi } from "../testing/harness";

const api = useTestApi();

describe("security headers", () => {
  it("forbid framing and content sniffing and send no referrer, on the API and its errors", async () => {
    for (const path of ["/health", "/api/v1/auth/me", "/openapi.json", "/nope"]) {
      const res = await fetch(`${api.baseUrl}${path}`);
      expect(res.headers.get("x-frame-options"), path).toBe("DENY");
      expect(res.headers.get("x-content-type-options"), path).toBe("nosniff");
      expect(res.headers.get("referrer-policy"), path).toBe("no-referrer");
      // HSTS is the TLS terminator's; CORP would hide media from a web app on another origin
      expect(res.headers.get("strict-transport-security"), path).toBeNull();
      expect(res.headers.get("cross-origin-resource-policy"), path).toBeNull();
    }
  });
});
