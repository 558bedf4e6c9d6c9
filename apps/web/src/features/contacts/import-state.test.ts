import { describe, expect, it } from "vitest";
import {
  checkImportFile,
  importPollInterval,
  importProgress,
  isImportFinished,
  maxImportFileBytes,
} from "./import-state";

describe("CSV import state", () => {
  it("shows an indeterminate bar until the job has counted the rows", () => {
    expect(importProgress({ status: "queued", total: null, processed: 0 })).toBeNull();
  });

  it("reports the share of processed rows while running", () => {
    expect(importProgress({ status: "running", total: 8, processed: 3 })).toBe(38);
    expect(importProgress({ status: "running", total: 0, processed: 0 })).toBe(100);
  });

  it("is full once completed, whatever the counters say", () => {
    expect(importProgress({ status: "completed", total: 10, processed: 9 })).toBe(100);
  });

  it("polls while queued or running and stops when the job is done", () => {
    expect(importPollInterval(undefined)).toBe(1000);
    expect(importPollInterval({ status: "queued" })).toBe(1000);
    expect(importPollInterval({ status: "running" })).toBe(1000);
    expect(importPollInterval({ status: "completed" })).toBe(false);
    expect(importPollInterval({ status: "failed" })).toBe(false);
    expect(isImportFinished({ status: "failed" })).toBe(true);
  });

  it("refuses a missing, non-CSV, empty or too large file before uploading", () => {
    expect(checkImportFile(null)).toBe("contacts.import.noFile");
    expect(checkImportFile({ name: "people.xlsx", size: 10 })).toBe("contacts.import.notCsv");
    expect(checkImportFile({ name: "people.CSV", size: 0 })).toBe("contacts.import.emptyFile");
    expect(checkImportFile({ name: "people.csv", size: maxImportFileBytes + 1 })).toBe(
      "contacts.import.tooLarge",
    );
    expect(checkImportFile({ name: "people.csv", size: 120 })).toBeNull();
  });
});
