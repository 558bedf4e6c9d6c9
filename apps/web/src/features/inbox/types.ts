import type { RouterInputs, RouterOutputs } from "../../lib/api-types";

export type Conversation = RouterOutputs["conversations"]["get"];
/** A row of the inbox list: the conversation plus the signed-in user's own `unread` (the per-user read state). */
export type ConversationListItem = RouterOutputs["conversations"]["list"]["items"][number];
export type Message = RouterOutputs["conversations"]["messages"]["items"][number];
export type ConversationListInput = RouterInputs["conversations"]["list"];
export type Channel = Conversation["channel"];
export type ConversationStatus = Conversation["status"];
export type DeliveryStatus = NonNullable<Message["status"]>;
export type SearchHit = RouterOutputs["messages"]["search"]["items"][number];
