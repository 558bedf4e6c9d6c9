import { describe, expect, it } from "vitest";
import { duplicateReasons } from "./duplicate-reasons";

describe("duplicateReasons", () => {
  it("names each signal in the API's order, once", () => {
    expect(duplicateReasons(["phone", "name", "emailLocalPart", "name"])).toEqual([
      "contacts.merge.reason.phone",
      "contacts.merge.reason.name",
      "contacts.merge.reason.emailLocalPart",
    ]);
  });

  it("leaves out a signal a newer API may send and this app cannot name", () => {
    expect(duplicateReasons(["birthday", "name"])).toEqual(["contacts.merge.reason.name"]);
  });
});
