import { useQueryClient } from "@tanstack/react-query";
import type { RouterOutputs } from "../../lib/api-types";
import { useTRPC } from "../../lib/trpc";

export type Integration = RouterOutputs["integrations"]["get"];
export type WebhookLog = RouterOutputs["integrations"]["webhookLogs"]["items"][number];
export type WebhookLogStatus = WebhookLog["status"];

export const webhookLogStatuses: readonly WebhookLogStatus[] = [
  "pending",
  "success",
  "failed",
  "retrying",
  "held",
];

/** After an integration changed: the list (and anything else about integrations) reloads. */
export function useIntegrationsChanged() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: trpc.integrations.pathKey() });
}
