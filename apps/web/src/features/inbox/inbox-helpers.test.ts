import { describe, expect, it } from "vitest";
import { conversationFixture } from "../realtime/fixtures";
import { toListInput, validateInboxSearch } from "./inbox-filters";
import { mediaHref } from "./media-href";
import { sendErrorMessage, whatsappWindowClosed } from "./send-error";
import { parseSnippet } from "./snippet";
import { snoozeUntil, toLocalInputValue } from "./snooze";

describe("inbox filters in the URL", () => {
  it("keeps known values and drops anything else", () => {
    expect(
      validateInboxSearch({ status: "closed", assignee: "me", channel: "telegram", q: "  orçamento " }),
    ).toEqual({ status: "closed", assignee: "me", channel: "telegram", q: "orçamento" });
    expect(validateInboxSearch({ status: "deleted", assignee: 3, channel: "fax", q: "  " })).toEqual({
      status: undefined,
      assignee: undefined,
      channel: undefined,
      q: undefined,
    });
  });

  it("shows open conversations unless another status (or all) is chosen", () => {
    expect(toListInput({}, 30)).toEqual({ limit: 30, status: "open" });
    expect(toListInput({ status: "all", assignee: "unassigned", channel: "whatsapp" }, 30)).toEqual({
      limit: 30,
      assignee: "unassigned",
      channel: "whatsapp",
    });
  });
});

describe("parseSnippet", () => {
  it("splits highlighted words from text and decodes escaped characters", () => {
    expect(parseSnippet("Segue o <b>orçamento</b> &amp; a &lt;nota&gt;")).toEqual([
      { text: "Segue o ", match: false, at: 0 },
      { text: "orçamento", match: true, at: 8 },
      { text: " & a <nota>", match: false, at: 24 },
    ]);
  });

  it("never turns a customer's text into markup", () => {
    const parts = parseSnippet("&lt;img src=x onerror=alert(1)&gt; <b>pix</b>");
    expect(parts[0]).toEqual({ text: "<img src=x onerror=alert(1)> ", match: false, at: 0 });
  });
});

describe("the WhatsApp 24-hour window", () => {
  const now = new Date("2026-11-25T12:00:00.000Z");
  const whatsapp = (lastInboundAt: string | null) =>
    conversationFixture({ id: "a", channel: "whatsapp", lastInboundAt });
  const unprocessable = { data: { appCode: "UNPROCESSABLE" } };

  it("is closed 24 hours after the customer's last message, or before any", () => {
    expect(whatsappWindowClosed(whatsapp("2026-11-25T00:00:00.000Z"), now)).toBe(false);
    expect(whatsappWindowClosed(whatsapp("2026-11-24T11:00:00.000Z"), now)).toBe(true);
    expect(whatsappWindowClosed(whatsapp(null), now)).toBe(true);
    expect(
      whatsappWindowClosed(conversationFixture({ id: "t", channel: "telegram", lastInboundAt: null }), now),
    ).toBe(false);
  });

  it("explains a 422 by the window when it is closed, by the channel otherwise", () => {
    expect(sendErrorMessage(unprocessable, whatsapp("2026-11-20T00:00:00.000Z"), now)).toBe(
      "inbox.errors.whatsappWindow",
    );
    expect(sendErrorMessage(unprocessable, whatsapp("2026-11-25T11:00:00.000Z"), now)).toBe(
      "inbox.errors.channelUnavailable",
    );
    expect(sendErrorMessage({ data: { appCode: "FORBIDDEN" } }, whatsapp(null), now)).toBe(
      "errors.forbidden",
    );
  });

  it("explains a 422 in a conversation the agent started as a window the customer has not opened yet", () => {
    expect(sendErrorMessage(unprocessable, whatsapp(null), now)).toBe("inbox.errors.whatsappNotOpened");
  });

  it("explains a 404 as a conversation the user may no longer see, not as a missing page", () => {
    expect(sendErrorMessage({ data: { code: "NOT_FOUND" } }, whatsapp(null), now)).toBe(
      "inbox.errors.noLongerVisible",
    );
  });
});

describe("snooze", () => {
  const wednesday = new Date(2026, 10, 25, 15, 40);

  it("wakes tomorrow or next Monday at 9:00, or in an hour", () => {
    expect(snoozeUntil("oneHour", wednesday)).toEqual(new Date(2026, 10, 25, 16, 40));
    expect(snoozeUntil("tomorrow", wednesday)).toEqual(new Date(2026, 10, 26, 9, 0));
    expect(snoozeUntil("nextWeek", wednesday)).toEqual(new Date(2026, 10, 30, 9, 0));
    expect(snoozeUntil("nextWeek", new Date(2026, 10, 30, 8, 0))).toEqual(new Date(2026, 11, 7, 9, 0));
  });

  it("fills a datetime-local input in local time", () => {
    expect(toLocalInputValue(new Date(2026, 0, 5, 7, 3))).toBe("2026-01-05T07:03");
  });
});

describe("mediaHref", () => {
  it("points stored media at the API's origin", () => {
    const path = "/api/v1/messages/0b7c5a52-1f0e-4c39-9a57-4c1b2f0e9d11/media";
    expect(mediaHref(path, "https://api.example.com")).toBe(`https://api.example.com${path}`);
    expect(mediaHref(path, "")).toBe(path);
    expect(mediaHref("https://cdn.example.com/x.png", "https://api.example.com")).toBe(
      "https://cdn.example.com/x.png",
    );
  });
});
