import { contactImportFileErrorCodes, contactImportReasonCodes } from "@crm/contracts";
import { importFileErrorCodes, importReasonCodes } from "@crm/domain";
import { describe, expect, it } from "vitest";

describe("import row reasons", () => {
  it("the API documents every reason code the import writes, and no other", () => {
    expect([...contactImportReasonCodes]).toEqual([...importReasonCodes]);
  });

  it("the API documents every whole-file failure code, and no other", () => {
    expect([...contactImportFileErrorCodes]).toEqual([...importFileErrorCodes]);
  });
});
