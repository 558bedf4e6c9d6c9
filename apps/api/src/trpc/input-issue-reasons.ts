import type { InputIssue } from "./errors";

/** What a serialized zod issue tells beyond its message; each field is there only for some issue codes. */
export interface ReasonedIssue extends InputIssue {
  origin?: string;
  minimum?: number | bigint;
  expected?: string;
  format?: string;
  /** A custom check's own code for the refusal, where it gives one (`{ reason: "too_many_decimals" }`). */
  params?: Record<string, unknown>;
}

const formatReasons: Record<string, string> = {
  uuid: "invalid_id",
  guid: "invalid_id",
  email: "invalid_email",
  url: "invalid_url",
  datetime: "invalid_date",
  date: "invalid_date",
  time: "invalid_date",
};

/**
 * A stable code for why an input failed its schema (`data.fieldReasons`), so clients word it in their own
 * language: zod's messages are English developer text and change between zod versions.
 */
export function inputIssueReason(issue: ReasonedIssue): string {
  switch (issue.code) {
    case "too_small":
      if (issue.origin === "string") return Number(issue.minimum) <= 1 ? "required" : "too_short";
      return issue.origin === "array" || issue.origin === "set" ? "too_few" : "too_small";
    case "too_big":
      if (issue.origin === "string") return "too_long";
      return issue.origin === "array" || issue.origin === "set" ? "too_many" : "too_big";
    case "invalid_type":
      return issue.expected === "int" ? "not_integer" : "invalid_type";
    case "invalid_format":
      return formatReasons[issue.format ?? ""] ?? "invalid_format";
    case "invalid_value":
      return "invalid_option";
    case "unrecognized_keys":
      return "unknown_field";
    case "not_multiple_of":
      return "not_multiple";
    case "custom":
      return typeof issue.params?.reason === "string" ? issue.params.reason : "invalid";
    default:
      return "invalid";
  }
}
