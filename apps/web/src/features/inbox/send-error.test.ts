import { describe, expect, it } from "vitest";
import { conversationFixture } from "../realtime/fixtures";
import { sendProblem } from "./send-error";

/** The API's 400 for a text over the channel's limit, as the tRPC client receives it. */
const tooLongAnswer = (sentence: string) => ({
  data: { code: "BAD_REQUEST", appCode: "VALIDATION_FAILED", fieldErrors: { text: [sentence] } },
});

describe("why the composer's text was refused", () => {
  const telegram = conversationFixture({ id: "t", channel: "telegram", lastInboundAt: null });
  const discord = conversationFixture({ id: "d", channel: "discord", lastInboundAt: null });

  it("names the channel's limit and the length sent when a reply is too long, whatever the server's English", () => {
    const text = "a".repeat(4200);
    expect(sendProblem(tooLongAnswer("anything"), telegram, { text, isPrivate: false })).toEqual({
      kind: "tooLong",
      channel: "telegram",
      isPrivate: false,
      max: 4096,
      count: 4200,
    });
    expect(sendProblem(tooLongAnswer("anything"), discord, { text: "b".repeat(2001) })).toEqual({
      kind: "tooLong",
      channel: "discord",
      isPrivate: false,
      max: 2000,
      count: 2001,
    });
  });

  it("measures a private note against the notes' limit, not the channel's", () => {
    expect(
      sendProblem(tooLongAnswer("anything"), discord, { text: "c".repeat(10_001), isPrivate: true }),
    ).toEqual({ kind: "tooLong", channel: "discord", isPrivate: true, max: 10_000, count: 10_001 });
  });

  it("shows the server's sentence about the text when the length is not the problem", () => {
    expect(
      sendProblem(tooLongAnswer("Send either a text or a template, not both"), telegram, { text: "oi" }),
    ).toEqual({ kind: "textRefused", reason: "Send either a text or a template, not both" });
  });

  it("keeps the inbox's own words for the other refusals", () => {
    expect(sendProblem({ data: { code: "NOT_FOUND" } }, telegram, { text: "oi" })).toEqual({
      kind: "message",
      key: "inbox.errors.noLongerVisible",
    });
    expect(sendProblem({ data: { appCode: "UNPROCESSABLE" } }, telegram, { text: "oi" })).toEqual({
      kind: "message",
      key: "inbox.errors.channelUnavailable",
    });
    expect(
      sendProblem({ data: { appCode: "VALIDATION_FAILED", fieldErrors: null } }, telegram, { text: "oi" }),
    ).toEqual({ kind: "message", key: "errors.validationFailed" });
  });
});
