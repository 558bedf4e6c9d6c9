import { describe, expect, it } from "vitest";
import { resolveMentions } from "./mentions";
import type { Mentionable } from "./ports";

const member = (id: string, name: string, email: string): Mentionable => ({ id, name, email, role: "agent" });
const ana = member("ana", "Ana", "ana@example.com");
const anaSouza = member("ana-souza", "Ana Souza", "asouza@example.com");
const bruno = member("bruno", "Bruno Lima", "bruno@example.com");
const carlos = member("carlos", "Carlos Pereira", "carlos@example.com");
const julia = member("julia", "Júlia Araújo", "julia@example.com");
const team = [ana, anaSouza, bruno, carlos, julia];

/** The member each unambiguous mention names, in the order written. */
const mentioned = (text: string, members = team) =>
  resolveMentions(text, members).flatMap(({ memberIds }) => (memberIds.length === 1 ? memberIds : []));

describe("@mentions in a private note", () => {
  it("finds members by full name or email, case-insensitively", () => {
    expect(mentioned("@bruno lima can you call them?")).toEqual(["bruno"]);
    expect(mentioned("cc @BRUNO@example.com")).toEqual(["bruno"]);
  });

  it("ignores accents either way: @Julia Araujo is Júlia Araújo, and so is @JÚLIA", () => {
    expect(mentioned("@Julia Araujo please look")).toEqual(["julia"]);
    expect(mentioned("@julia araújo")).toEqual(["julia"]);
    expect(mentioned("@JÚLIA, ok?")).toEqual(["julia"]);
    // decomposed accents, as some keyboards type them
    expect(mentioned("@Ju\u0301lia")).toEqual(["julia"]);
  });

  it("accepts a first name that only one member has, in any case", () => {
    expect(mentioned("@Carlos can you check")).toEqual(["carlos"]);
    expect(mentioned("@carlos")).toEqual(["carlos"]);
    expect(mentioned("@bruno")).toEqual(["bruno"]);
  });

  it("names every member who shares a first name, so the author can be told it was ambiguous", () => {
    const anaLima = member("ana-lima", "Ana Lima", "alima@example.com");
    const twoAnas = [anaSouza, anaLima, bruno];
    expect(resolveMentions("@ana can you look", twoAnas)).toEqual([
      { handle: "@ana", memberIds: ["ana-souza", "ana-lima"] },
    ]);
    expect(mentioned("@ana can you look", twoAnas)).toEqual([]);
    // the full name still reaches her
    expect(mentioned("@Ana Lima can you look", twoAnas)).toEqual(["ana-lima"]);
  });

  it("prefers a full name to a first name: with members Ana and Ana Souza, @Ana is Ana", () => {
    expect(mentioned("@ana hi")).toEqual(["ana"]);
  });

  it("prefers the longest name: @Ana Souza is not also @Ana", () => {
    expect(mentioned("@Ana Souza please")).toEqual(["ana-souza"]);
    expect(mentioned("@Ana and @Ana Souza")).toEqual(["ana", "ana-souza"]);
  });

  it("needs the whole handle: @Anabel and @ana@example.community mention nobody", () => {
    expect(mentioned("@Anabel hi")).toEqual([]);
    expect(mentioned("mail @ana@example.community")).toEqual([]);
  });

  it("does not read an email address in the text as a mention", () => {
    expect(mentioned("write to contato@bruno.com")).toEqual([]);
  });

  it("allows punctuation after a mention", () => {
    expect(mentioned("Thanks, @Ana.")).toEqual(["ana"]);
    expect(mentioned("(@Bruno Lima)")).toEqual(["bruno"]);
  });

  it("names each member once, with the handle as first written", () => {
    expect(resolveMentions("@Carlos and @carlos@example.com, @CARLOS", team)).toEqual([
      { handle: "@Carlos", memberIds: ["carlos"] },
    ]);
  });

  it("finds nothing without an @", () => {
    expect(mentioned("Ana Souza should see this")).toEqual([]);
  });
});
