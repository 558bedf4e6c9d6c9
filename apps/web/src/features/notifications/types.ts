import type { InfiniteData } from "@tanstack/react-query";
import type { RouterOutputs } from "../../lib/api-types";

export type NotificationPage = RouterOutputs["notifications"]["list"];
export type NotificationItem = NotificationPage["items"][number];
export type NotificationPages = InfiniteData<NotificationPage, string | null>;
/** What a private note's @mentions did, as sending it answers. */
export type NoteMentions = NonNullable<RouterOutputs["conversations"]["sendMessage"]["mentions"]>;

/** The bell's list: the newest first, a page at a time. */
export const notificationsInput = { limit: 20 } as const;
