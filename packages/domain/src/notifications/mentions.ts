import type { Mentionable } from "./ports";

/** One `@handle` in a note and the members it names: one, or several when it is ambiguous. */
export interface Mention {
  /** As written in the note, with its @: "@ana", "@Júlia Araújo". */
  handle: string;
  memberIds: string[];
}

const handleCharacter = /[\p{L}\p{N}_@-]/u;
const wordCharacter = /[\p{L}\p{N}_]/u;

/**
 * Lower case, without accents, one character at a time so that a position in the folded text maps back to the
 * original (`origin[i]`; `origin[folded.length]` is the original's length).
 */
function fold(text: string): { folded: string; origin: number[] } {
  let folded = "";
  const origin: number[] = [];
  let at = 0;
  for (const character of text) {
    const plain = /\s/u.test(character)
      ? " "
      : character.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
    for (let i = 0; i < plain.length; i += 1) origin.push(at);
    folded += plain;
    at += character.length;
  }
  origin.push(at);
  return { folded, origin };
}

const foldHandle = (handle: string) => fold(handle.trim().replace(/\s+/gu, " ")).folded;

/** Whether the handle ends where the match ends: `@Ana.` mentions Ana, `@Anabel` and `@Ana.b` do not. */
function endsAt(text: string, end: number): boolean {
  const next = text[end];
  if (next === undefined) return true;
  if (next === ".") return !handleCharacter.test(text[end + 1] ?? " ");
  return !handleCharacter.test(next);
}

interface Handle {
  memberId: string;
  text: string;
  /** A full name or an email names its member; a first name only while no other member has it. */
  exact: boolean;
}

function handlesOf(members: Mentionable[]): Handle[] {
  return members.flatMap((member) => {
    const name = foldHandle(member.name);
    const first = name.split(" ")[0] ?? "";
    const handles: Handle[] = [
      { memberId: member.id, text: foldHandle(member.email), exact: true },
      { memberId: member.id, text: name, exact: true },
    ];
    if (first !== name) handles.push({ memberId: member.id, text: first, exact: false });
    return handles.filter((handle) => handle.text !== "");
  });
}

/** The members the longest handle at `start` (just after an @) names, exact handles first; and its length. */
function matchAt(folded: string, start: number, handles: Handle[]) {
  let length = 0;
  let exact = new Set<string>();
  let first = new Set<string>();
  for (const handle of handles) {
    if (handle.text.length < length || !folded.startsWith(handle.text, start)) continue;
    if (!endsAt(folded, start + handle.text.length)) continue;
    if (handle.text.length > length) {
      length = handle.text.length;
      exact = new Set();
      first = new Set();
    }
    (handle.exact ? exact : first).add(handle.memberId);
  }
  return { length, memberIds: [...(exact.size > 0 ? exact : first)] };
}

/**
 * The `@<full name>`, `@<email>` and `@<first name>` mentions of a note, in the order written, each handle
 * once. Letter case and accents do not matter (`@julia araujo` is Júlia Araújo). The longest handle wins
 * (`@Ana Souza` is not also `@Ana`); a first name shared by several members names them all, so the caller can
 * tell the author it was ambiguous. An @ inside a word (`ana@example.com` in the text) mentions nobody.
 */
export function resolveMentions(text: string, members: Mentionable[]): Mention[] {
  if (!text.includes("@")) return [];
  const { folded, origin } = fold(text);
  const handles = handlesOf(members);
  const mentions = new Map<string, Mention>();
  let at = folded.indexOf("@");
  while (at >= 0) {
    let next = at + 1;
    if (at === 0 || !wordCharacter.test(folded[at - 1] ?? "")) {
      const { length, memberIds } = matchAt(folded, at + 1, handles);
      if (length > 0) {
        next = at + 1 + length;
        const key = memberIds.length === 1 ? `member:${memberIds[0]}` : folded.slice(at, next);
        if (!mentions.has(key)) {
          const handle = text.slice(origin[at], origin[next]);
          mentions.set(key, { handle, memberIds });
        }
      }
    }
    at = folded.indexOf("@", next);
  }
  return [...mentions.values()];
}
