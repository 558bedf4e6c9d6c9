import { useQuery } from "@tanstack/react-query";
import type { RouterOutputs } from "../../lib/api-types";
import { useTRPC } from "../../lib/trpc";

export type Pipeline = RouterOutputs["pipelines"]["get"];
export type Stage = Pipeline["stages"][number];
export type Member = RouterOutputs["users"]["list"]["items"][number];
export type LostReason = RouterOutputs["lostReasons"]["list"]["items"][number];

export function usePipelines() {
  const trpc = useTRPC();
  return useQuery(trpc.pipelines.list.queryOptions({ limit: 100 }));
}

/** The organization's predefined lost reasons in list order, archived ones too (they say `archived`). */
export function useLostReasons() {
  const trpc = useTRPC();
  return useQuery(trpc.lostReasons.list.queryOptions({}));
}

/** The team, for assignee pickers and names on cards and timelines. */
export function useMembers() {
  const trpc = useTRPC();
  return useQuery(trpc.users.list.queryOptions({ limit: 100 }));
}

export function useMemberNames(): Map<string, string> {
  const members = useMembers().data?.items ?? [];
  return new Map(members.map((member) => [member.id, member.name]));
}

/** Every stage of every pipeline by id, to name the stage a deal is in. */
export function useStageIndex(): Map<string, { stage: Stage; pipeline: Pipeline }> {
  const pipelines = usePipelines().data?.items ?? [];
  return new Map(
    pipelines.flatMap((pipeline) => pipeline.stages.map((stage) => [stage.id, { stage, pipeline }])),
  );
}
