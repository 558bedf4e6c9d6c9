import { contactImportReasonCodes } from "@crm/contracts";
import { importReasonCodes } from "@crm/domain";
import { describe, expect, it } from "vitest";

describe("import row reasons", () => {
  it("the API documents every reason code the import writes, and no other", () => {
    expect([...contactImportReasonCodes]).toEqual([...importReasonCodes]);
  });
});
