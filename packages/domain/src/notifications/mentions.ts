import type { Mentionable } from "./ports";

const handleCharacter = /[\p{L}\p{N}_@-]/u;

/** Whether the handle ends where the match ends: `@Ana.` mentions Ana, `@Anabel` and `@Ana.b` do not. */
function endsAt(text: string, end: number): boolean {
  const next = text[end];
  if (next === undefined) return true;
  if (next === ".") return !handleCharacter.test(text[end + 1] ?? " ");
  return !handleCharacter.test(next);
}

/**
 * The members a note mentions as `@<name>` or `@<email>` (case-insensitive), each once, in member order.
 * Longer handles win: with members "Ana" and "Ana Souza", `@Ana Souza` mentions only Ana Souza.
 */
export function findMentionedUsers(text: string, members: Mentionable[]): string[] {
  if (!text.includes("@")) return [];
  let remaining = text.toLocaleLowerCase();
  const handles = members
    .flatMap((member) => [member.email, member.name.trim()].map((handle) => ({ member, handle })))
    .filter(({ handle }) => handle !== "")
    .map(({ member, handle }) => ({ member, needle: `@${handle.toLocaleLowerCase()}` }))
    .sort((a, b) => b.needle.length - a.needle.length);
  const found = new Set<string>();
  for (const { member, needle } of handles) {
    let at = remaining.indexOf(needle);
    while (at >= 0) {
      const end = at + needle.length;
      if (endsAt(remaining, end)) {
        found.add(member.id);
        remaining = `${remaining.slice(0, at)}${" ".repeat(needle.length)}${remaining.slice(end)}`;
      }
      at = remaining.indexOf(needle, at + 1);
    }
  }
  return members.filter((member) => found.has(member.id)).map((member) => member.id);
}
