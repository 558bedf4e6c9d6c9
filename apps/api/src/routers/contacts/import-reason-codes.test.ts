import { contactImportFileErrorCodes, contactImportModes, contactImportReasonCodes } from "@crm/contracts";
import { importFileErrorCodes, importReasonCodes, onDuplicateModes } from "@crm/domain";
import { describe, expect, it } from "vitest";

describe("import row reasons", () => {
  it("the API documents every reason code the import writes, and no other", () => {
    expect([...contactImportReasonCodes]).toEqual([...importReasonCodes]);
  });

  it("the API documents every whole-file failure code, and no other", () => {
    expect([...contactImportFileErrorCodes]).toEqual([...importFileErrorCodes]);
  });

  it("the API accepts every duplicate mode the import knows, and no other", () => {
    expect([...contactImportModes]).toEqual([...onDuplicateModes]);
  });
});
