import { describe, expect, it } from "vitest";
import { findMentionedUsers } from "./mentions";
import type { Mentionable } from "./ports";

const member = (id: string, name: string, email: string): Mentionable => ({ id, name, email, role: "agent" });
const ana = member("ana", "Ana", "ana@example.com");
const anaSouza = member("ana-souza", "Ana Souza", "asouza@example.com");
const bruno = member("bruno", "Bruno Lima", "bruno@example.com");
const team = [ana, anaSouza, bruno];

describe("@mentions in a private note", () => {
  it("finds members by full name or email, case-insensitively", () => {
    expect(findMentionedUsers("@bruno lima can you call them?", team)).toEqual(["bruno"]);
    expect(findMentionedUsers("cc @BRUNO@example.com", team)).toEqual(["bruno"]);
  });

  it("prefers the longest name: @Ana Souza is not also @Ana", () => {
    expect(findMentionedUsers("@Ana Souza please", team)).toEqual(["ana-souza"]);
    expect(findMentionedUsers("@Ana and @Ana Souza", team)).toEqual(["ana", "ana-souza"]);
  });

  it("needs the whole handle: @Anabel and @ana@example.community mention nobody", () => {
    expect(findMentionedUsers("@Anabel hi", team)).toEqual([]);
    expect(findMentionedUsers("mail @ana@example.community", team)).toEqual([]);
  });

  it("allows punctuation after a mention", () => {
    expect(findMentionedUsers("Thanks, @Ana.", team)).toEqual(["ana"]);
    expect(findMentionedUsers("(@Bruno Lima)", team)).toEqual(["bruno"]);
  });

  it("finds nothing without an @", () => {
    expect(findMentionedUsers("Ana Souza should see this", team)).toEqual([]);
  });
});
