import { describe, expect, it } from "vitest";
import { clearDraft, loadDraft, restoreDraft, saveDraft } from "./drafts";

const memory = () => {
  const store = new Map<string, string>();
  return {
    getItem: (key: string) => store.get(key) ?? null,
    setItem: (key: string, value: string) => void store.set(key, value),
    removeItem: (key: string) => void store.delete(key),
    size: () => store.size,
  };
};

describe("drafts", () => {
  it("keeps one draft per conversation and forgets it once sent", () => {
    const storage = memory();
    saveDraft("a", { text: "Olá, tudo bem?\nSegue o orçamento", isPrivate: false }, storage);
    saveDraft("b", { text: "Other", isPrivate: false }, storage);
    expect(loadDraft("a", storage)).toEqual({ text: "Olá, tudo bem?\nSegue o orçamento", isPrivate: false });
    clearDraft("a", storage);
    expect(loadDraft("a", storage)).toEqual({ text: "", isPrivate: false });
    expect(loadDraft("b", storage).text).toBe("Other");
  });

  it("brings a private note back as a private note", () => {
    const storage = memory();
    saveDraft("a", { text: "nota interna: cliente VIP", isPrivate: true }, storage);
    expect(loadDraft("a", storage)).toEqual({ text: "nota interna: cliente VIP", isPrivate: true });
  });

  it("brings a text-only draft from before notes were remembered back as a note, never as a reply", () => {
    const storage = memory();
    storage.setItem("crm.inbox.draft.a", "nota interna: cliente VIP");
    expect(loadDraft("a", storage)).toEqual({ text: "nota interna: cliente VIP", isPrivate: true });
    // once saved again it says what it is, and the old copy is gone
    saveDraft("a", { text: "Olá!", isPrivate: false }, storage);
    expect(loadDraft("a", storage)).toEqual({ text: "Olá!", isPrivate: false });
    expect(storage.getItem("crm.inbox.draft.a")).toBeNull();
  });

  it("does not keep blank drafts and survives a storage that throws", () => {
    const storage = memory();
    saveDraft("a", { text: "   ", isPrivate: true }, storage);
    expect(storage.size()).toBe(0);
    const broken = {
      getItem: () => {
        throw new Error("denied");
      },
      setItem: () => {
        throw new Error("quota");
      },
      removeItem: () => undefined,
    };
    expect(() => saveDraft("a", { text: "text", isPrivate: false }, broken)).not.toThrow();
    expect(loadDraft("a", broken).text).toBe("");
  });

  it("puts a failed send's draft back, unless the agent has written another since", () => {
    const storage = memory();
    restoreDraft("a", { text: "nota: ligar amanhã", isPrivate: true }, storage);
    expect(loadDraft("a", storage)).toEqual({ text: "nota: ligar amanhã", isPrivate: true });
    saveDraft("b", { text: "newer", isPrivate: false }, storage);
    restoreDraft("b", { text: "older", isPrivate: true }, storage);
    expect(loadDraft("b", storage)).toEqual({ text: "newer", isPrivate: false });
  });
});
