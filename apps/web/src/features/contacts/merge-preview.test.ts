import { describe, expect, it } from "vitest";
import { mergePreview } from "./merge-preview";

const contact = (overrides: Partial<Parameters<typeof mergePreview>[0]>) => ({
  id: "00000000-0000-4000-8000-000000000001",
  name: "Ana",
  email: null,
  phone: null,
  companyId: null,
  company: null,
  tags: [],
  metadata: {},
  createdAt: "2025-01-01T00:00:00.000Z",
  updatedAt: "2025-01-01T00:00:00.000Z",
  ...overrides,
});

const vip = { id: "00000000-0000-4000-8000-0000000000a1", name: "VIP", color: "#f00000" };
const lead = { id: "00000000-0000-4000-8000-0000000000a2", name: "Lead", color: "#00f000" };

describe("mergePreview", () => {
  it("lists what the survivor gains and keeps its own values", () => {
    const survivor = contact({ email: "ana@example.com", tags: [vip], metadata: { plan: "pro" } });
    const duplicate = contact({
      email: "other@example.com",
      phone: "+5511987654321",
      company: { id: "00000000-0000-4000-8000-0000000000c1", name: "Acme" },
      tags: [vip, lead],
      metadata: { plan: "basic", seats: 3 },
    });
    expect(mergePreview(survivor, duplicate)).toEqual({
      filled: ["phone", "company"],
      newTags: [lead],
      newFieldKeys: ["seats"],
    });
  });
});
