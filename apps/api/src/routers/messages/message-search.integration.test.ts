import { describe, expect, it } from "vitest";
import { useTestApi } from "../../testing/harness";
import {
  type ErrorDto,
  insertConversation,
  insertMessage,
  type PageDto,
  type SearchHitDto,
} from "../conversations/conversation-fixtures";

const api = useTestApi();

const search = (token: string, query: string) =>
  api.rest<PageDto<SearchHitDto>>("GET", `/messages?${query}`, { token });

describe("searching messages", () => {
  it("finds Portuguese words by their stem, with highlighted snippets", async () => {
    const owner = await api.register();
    const conversationId = await insertConversation(api, owner.organization.id);
    const deal = await insertMessage(api, conversationId, {
      content: "Podemos fechar a negociação do contrato amanhã de manhã?",
    });
    const plural = await insertMessage(api, conversationId, {
      content: "As negociações com a Silva & Filhos avançaram: preço < R$ 100",
    });
    await insertMessage(api, conversationId, { content: "Obrigado pelo atendimento, até logo" });

    const res = await search(owner.token, "q=negociações");
    expect(res.status).toBe(200);
    expect(res.body.items.map((hit) => hit.message.id).sort()).toEqual([deal, plural].sort());
    const hit = res.body.items.find((item) => item.message.id === plural);
    expect(hit?.snippet).toContain("<b>negociações</b>");
    // the message's own text is escaped, only the highlight is markup
    expect(hit?.snippet).toContain("Silva &amp; Filhos avançaram: preço &lt; R$ 100");
    expect(hit?.contact?.name).toBe("Maria Souza");

    // typed without accents: found, the accented word marked
    const unaccented = await search(owner.token, "q=negociacao");
    expect(unaccented.body.items.map((item) => item.message.id)).toEqual([deal]);
    expect(unaccented.body.items[0]?.snippet).toContain("<b>negociação</b>");
    const pluralUnaccented = await search(owner.token, "q=negociacoes");
    expect(pluralUnaccented.body.items.map((item) => item.message.id)).toEqual([plural]);
    const phrase = await search(owner.token, `q=${encodeURIComponent('"fechar a negociação" -silva')}`);
    expect(phrase.body.items.map((item) => item.message.id)).toEqual([deal]);
  });

  it("answers newest first by default, most relevant first when asked, page by page", async () => {
    const owner = await api.register();
    const conversationId = await insertConversation(api, owner.organization.id);
    // the best match is the oldest: only the relevance order puts it first
    const best = await insertMessage(api, conversationId, {
      content: "Orçamento aprovado: o orçamento final e o orçamento revisado seguem anexos",
      minutesAgo: 60,
    });
    const others = [];
    for (let i = 0; i < 4; i += 1) {
      others.push(
        await insertMessage(api, conversationId, {
          content: `Recebi o orçamento número ${i} e vou analisar com calma durante a semana que vem`,
          minutesAgo: 10 + i,
        }),
      );
    }
    const pageThrough = async (sort: string) => {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const after: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : "";
        const res = await search(owner.token, `q=orçamentos&limit=2${sort}${after}`);
        expect(res.status).toBe(200);
        seen.push(...res.body.items.map((hit) => hit.message.id));
        cursor = res.body.nextCursor;
      } while (cursor);
      return seen;
    };
    expect(await pageThrough("")).toEqual([...others, best]);
    expect(await pageThrough("&sort=recent")).toEqual([...others, best]);
    expect(await pageThrough("&sort=relevance")).toEqual([best, ...others]);
    expect((await search(owner.token, "q=orçamentos&sort=oldest")).status).toBe(400);
  });

  it("searches only what the user may see: their conversations, the team's notes, never deleted messages", async () => {
    const owner = await api.register();
    const organizationId = owner.organization.id;
    const agent = await api.member(owner.token, "agent");
    const otherAgent = await api.member(owner.token, "agent");
    const mine = await insertConversation(api, organizationId, { assignedTo: agent.user.id });
    const theirs = await insertConversation(api, organizationId, { assignedTo: otherAgent.user.id });
    const visible = await insertMessage(api, mine, { content: "Quando chega a entrega?" });
    const note = await insertMessage(api, mine, {
      content: "Entrega atrasada pela transportadora",
      direction: "outbound",
      isPrivate: true,
    });
    const hidden = await insertMessage(api, theirs, { content: "A entrega chegou quebrada" });
    const deleted = await insertMessage(api, mine, { content: "Entrega no endereço antigo" });
    expect((await api.rest("DELETE", `/messages/${deleted}`, { token: owner.token })).status).toBe(200);

    const found = async (token: string) =>
      (await search(token, "q=entregas")).body.items.map((hit) => hit.message.id).sort();
    expect(await found(agent.token)).toEqual([visible, note].sort());
    expect(await found(owner.token)).toEqual([visible, note, hidden].sort());
    const other = await api.register();
    expect(await found(other.token)).toEqual([]);
  });

  it("refuses a crafted relevance cursor Postgres could not compare with 400, never a 500", async () => {
    const owner = await api.register();
    const id = "3f1c2a9e-8b7d-4c6e-9f10-2a3b4c5d6e7f";
    const at = "2026-01-01T00:00:00.000Z";
    for (const position of [
      { rank: 1e300, at, id },
      { rank: 1e-300, at, id },
      { rank: 0.5, at: "-200000-01-01T00:00:00Z", id },
      { rank: 0.5, at, id: "-".repeat(36) },
    ]) {
      const cursor = Buffer.from(JSON.stringify(position)).toString("base64url");
      const res = await api.rest<ErrorDto>("GET", `/messages?q=boleto&sort=relevance&cursor=${cursor}`, {
        token: owner.token,
      });
      expect(res.status, JSON.stringify(position)).toBe(400);
      expect(res.body.data.fieldErrors).toEqual({ cursor: ["Invalid cursor"] });
    }
  });

  it("refuses an empty query", async () => {
    const owner = await api.register();
    expect((await search(owner.token, "q=")).status).toBe(400);
    expect((await search(owner.token, "q=%20%20")).status).toBe(400);
  });
});
