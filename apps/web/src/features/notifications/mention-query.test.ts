import { describe, expect, it } from "vitest";
import { insertMention, mentionQueryAt, suggestMembers } from "./mention-query";

const julia = { id: "1", name: "Júlia Araújo", email: "julia@loja.com" };
const otherAnaSouza = { id: "4", name: "Ana Souza", email: "ana.souza@loja.com" };
const team = [
  julia,
  { id: "2", name: "Carlos Pereira", email: "carlos@loja.com" },
  { id: "3", name: "Ana Souza", email: "ana@loja.com" },
  otherAnaSouza,
];

describe("the note composer's @ suggestions", () => {
  it("starts after an @ that begins a word, and not inside an email address", () => {
    expect(mentionQueryAt("cc @Jul", 7)).toEqual({ start: 3, query: "Jul" });
    expect(mentionQueryAt("@", 1)).toEqual({ start: 0, query: "" });
    expect(mentionQueryAt("mail ana@lo", 11)).toBeNull();
    expect(mentionQueryAt("@Ana\nnext", 9)).toBeNull();
  });

  it("keeps going over the space of a full name, and stops at a double space", () => {
    expect(mentionQueryAt("@Ana So", 7)).toEqual({ start: 0, query: "Ana So" });
    expect(mentionQueryAt("@Ana  so", 8)).toBeNull();
  });

  it("suggests by any word of the name or the email, without accents or case", () => {
    expect(suggestMembers(team, "jul").map((m) => m.id)).toEqual(["1"]);
    expect(suggestMembers(team, "araujo").map((m) => m.id)).toEqual(["1"]);
    expect(suggestMembers(team, "PER").map((m) => m.id)).toEqual(["2"]);
    expect(suggestMembers(team, "carlos@").map((m) => m.id)).toEqual(["2"]);
  });

  it("writes the full name, or the email when two members share the name", () => {
    expect(insertMention("hi @jul ok", 3, 7, julia, team)).toEqual({
      text: "hi @Júlia Araújo  ok",
      caret: 17,
    });
    expect(insertMention("@ana", 0, 4, otherAnaSouza, team).text).toBe("@ana.souza@loja.com ");
  });
});
