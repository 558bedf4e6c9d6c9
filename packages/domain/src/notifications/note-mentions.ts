import { type ConversationScope, canSee } from "../conversations/visibility";
import { resolveMentions } from "./mentions";
import type { Mentionable, NotificationsDeps, PrivateNote } from "./ports";

export interface MentionedMember {
  userId: string;
  name: string;
}

/**
 * Why a mention notified nobody: `ambiguous`, a first name several members share (they are listed);
 * `cannot_see_conversation`, an agent mentioned in a conversation assigned to someone else.
 */
export type NotNotifiedReason = "ambiguous" | "cannot_see_conversation";

export interface NotNotifiedMention {
  handle: string;
  reason: NotNotifiedReason;
  members: MentionedMember[];
}

/** What a private note's @mentions did, for its author: who is told, and who is not and why. */
export interface NoteMentions {
  notified: MentionedMember[];
  notNotified: NotNotifiedMention[];
}

const scopeOf = (member: Mentionable): ConversationScope =>
  member.role === "agent" ? { kind: "assignedOrUnassigned", userId: member.id } : { kind: "all" };

/** The one rule for who a note notifies, shared by the notifications themselves and the answer to its author. */
export function noteMentions(note: PrivateNote, members: Mentionable[]): NoteMentions {
  const byId = new Map(members.map((member) => [member.id, member]));
  const named = (ids: string[]) =>
    ids.flatMap((id) => {
      const member = byId.get(id);
      return member ? [{ userId: member.id, name: member.name }] : [];
    });
  const result: NoteMentions = { notified: [], notNotified: [] };
  for (const { handle, memberIds } of resolveMentions(note.content, members)) {
    const [only] = memberIds;
    if (memberIds.length > 1) {
      result.notNotified.push({ handle, reason: "ambiguous", members: named(memberIds) });
      continue;
    }
    const member = only === undefined ? undefined : byId.get(only);
    // mentioning yourself is no news to you
    if (!member || member.id === note.senderId) continue;
    if (canSee(scopeOf(member), { assignedTo: note.assignedTo })) {
      result.notified.push({ userId: member.id, name: member.name });
    } else {
      result.notNotified.push({ handle, reason: "cannot_see_conversation", members: named([member.id]) });
    }
  }
  return result;
}

/** What a stored private note's mentions did; undefined when the message is no private note. */
export async function describeNoteMentions(
  deps: Pick<NotificationsDeps, "mentions">,
  organizationId: string,
  messageId: string,
): Promise<NoteMentions | undefined> {
  const note = await deps.mentions.findPrivateNote(organizationId, messageId);
  if (!note) return undefined;
  if (!note.content.includes("@")) return { notified: [], notNotified: [] };
  return noteMentions(note, await deps.mentions.listMembers(organizationId));
}
