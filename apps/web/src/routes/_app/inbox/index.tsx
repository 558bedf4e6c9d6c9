import { createFileRoute } from "@tanstack/react-router";
import { Inbox } from "lucide-react";
import { ComingSoon } from "../../../features/shell/coming-soon";

export const Route = createFileRoute("/_app/inbox/")({
  component: InboxPage,
});

function InboxPage() {
  return <ComingSoon icon={Inbox} title="nav.inbox" description="comingSoon.inbox" />;
}
