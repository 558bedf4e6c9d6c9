/** A team member the note composer can suggest after "@". */
export interface MentionCandidate {
  id: string;
  name: string;
  email: string;
}

const fold = (text: string) =>
  text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().replace(/\s+/gu, " ");

/**
 * The `@partial` being typed right before the caret: where its @ is and what follows it. Null inside an
 * email address (`ana@`), on a new line, or once it stops looking like a name being typed.
 */
export function mentionQueryAt(text: string, caret: number): { start: number; query: string } | null {
  const before = text.slice(0, caret);
  const start = before.lastIndexOf("@");
  if (start < 0) return null;
  if (start > 0 && /[\p{L}\p{N}_]/u.test(before[start - 1] ?? "")) return null;
  const query = before.slice(start + 1);
  if (query.length > 40 || /[\n@]|^\s|\s\s/u.test(query)) return null;
  return { start, query };
}

/** Members whose name, a word of it, or email starts with the query, ignoring case and accents. */
export function suggestMembers<M extends MentionCandidate>(
  members: readonly M[],
  query: string,
  limit = 6,
): M[] {
  const wanted = fold(query);
  return members
    .filter((member) => {
      const name = fold(member.name.trim());
      return (
        name.startsWith(wanted) ||
        name.split(" ").some((word) => word.startsWith(wanted)) ||
        fold(member.email).startsWith(wanted)
      );
    })
    .slice(0, limit);
}

/**
 * The text with the `@partial` at `start..caret` replaced by the member's handle and a space, and the caret after
 * it. The full name, unless another member has the same one: then the email, which nobody shares.
 */
export function insertMention(
  text: string,
  start: number,
  caret: number,
  member: MentionCandidate,
  members: readonly MentionCandidate[],
): { text: string; caret: number } {
  const name = member.name.trim();
  const shared = members.some((other) => other.id !== member.id && fold(other.name.trim()) === fold(name));
  const handle = `@${shared || name === "" ? member.email : name} `;
  return { text: `${text.slice(0, start)}${handle}${text.slice(caret)}`, caret: start + handle.length };
}
