import { describe, expect, it } from "vitest";
import { en } from "../../i18n/en";
import type { Locale } from "../../i18n/locale";
import { ptBR } from "../../i18n/pt-br";
import { type Translate, translate } from "../../i18n/translate";
import { apiKeyAuthor } from "../api-keys/api-key-author";
import { notificationTarget, notificationText } from "./notification-text";
import type { NotificationItem } from "./types";

const translator = (locale: Locale): Translate =>
  ((key: string, params?: Record<string, string | number>) =>
    translate(locale === "en" ? en : ptBR, key as never, params, locale)) as Translate;

const base = { id: "n1", readAt: null, createdAt: "2026-05-01T12:00:00.000Z" };
const ana = { id: "u-ana", name: "Ana" };
const maria = { id: "ct-maria", name: "Maria" };
const assignment = (
  actor: NotificationItem["actor"],
  contact: NotificationItem["contact"],
): NotificationItem => ({
  ...base,
  type: "assignment",
  actor,
  contact,
  data: { conversationId: "c1", previousAssignee: null },
});
const mention: NotificationItem = {
  ...base,
  type: "mention",
  actor: { id: "u-carlos", name: "Carlos" },
  contact: maria,
  data: { conversationId: "c1", messageId: "m1", authorId: "u-carlos", excerpt: "@ana look" },
};

describe("what a notification says", () => {
  it("says who did what, in English and Portuguese", () => {
    expect(notificationText(assignment(ana, maria), translator("en"), "en")).toBe(
      "Ana assigned you the conversation with Maria",
    );
    expect(notificationText(mention, translator("en"), "en")).toBe(
      "Carlos mentioned you in a note on Maria's conversation",
    );
    expect(notificationText(assignment(ana, maria), translator("pt-BR"), "pt-BR")).toBe(
      "Ana atribuiu a você a conversa com Maria",
    );
    expect(notificationText(mention, translator("pt-BR"), "pt-BR")).toBe(
      "Carlos mencionou você em uma nota na conversa com Maria",
    );
  });

  it("still reads well when the assigner is unknown or the contact is gone", () => {
    expect(notificationText(assignment(null, maria), translator("en"), "en")).toBe(
      "You were assigned the conversation with Maria",
    );
    expect(notificationText(assignment(ana, null), translator("pt-BR"), "pt-BR")).toBe(
      "Ana atribuiu a você a conversa com um cliente",
    );
    expect(notificationText({ ...mention, actor: null }, translator("en"), "en")).toBe(
      "Someone mentioned you in a note on Maria's conversation",
    );
  });

  it("names the API key that assigned the conversation", () => {
    const byKey: NotificationItem = {
      ...base,
      type: "assignment",
      actor: null,
      contact: maria,
      data: { conversationId: "c1", previousAssignee: null, assignedBy: null, assignedByApiKeyId: "key-1" },
    };
    const names = new Map([["key-1", "Zapier"]]);
    const author = (id: string | null) => apiKeyAuthor(names, id, translator("en"));
    expect(notificationText(byKey, translator("en"), "en", author)).toBe(
      "via API: Zapier assigned you the conversation with Maria",
    );
    expect(notificationText(byKey, translator("en"), "en", () => null)).toBe(
      "You were assigned the conversation with Maria",
    );
  });

  it("words a payment on a lost deal with its amount in the reader's format", () => {
    const paid: NotificationItem = {
      ...base,
      type: "lost_deal_paid",
      actor: null,
      contact: maria,
      data: {
        dealId: "d1",
        paymentId: "p1",
        amount: "1234.50",
        currency: "BRL",
        lostReason: null,
        won: true,
      },
    };
    expect(notificationText(paid, translator("pt-BR"), "pt-BR")).toBe(
      "Maria pagou R$\u00a01.234,50 em um negócio marcado como perdido: agora ele está ganho",
    );
    expect(notificationTarget(paid)).toEqual({ to: "/deals/$dealId", params: { dealId: "d1" } });
  });

  it("opens the conversation a mention or an assignment is about", () => {
    expect(notificationTarget(mention)).toEqual({
      to: "/inbox/$conversationId",
      params: { conversationId: "c1" },
    });
  });
});
