import { useRouteContext } from "@tanstack/react-router";
import { RefreshCw, WifiOff } from "lucide-react";
import { useSyncExternalStore } from "react";
import { useI18n } from "../../i18n/i18n-provider";

/**
 * A small note while live updates are paused: the browser is offline (said at once, before the socket notices),
 * or the realtime socket is lost and not back yet. Nothing while it first connects. What was missed is replayed
 * when it is back.
 */
export function ConnectionIndicator() {
  const { t } = useI18n();
  const realtime = useRouteContext({ from: "/_app", select: (context) => context.realtime });
  const reconnecting = useSyncExternalStore(realtime.subscribe, realtime.reconnecting);
  const offline = useSyncExternalStore(realtime.subscribeOffline, realtime.offline);
  return (
    <div role="status" className="pointer-events-none fixed bottom-4 left-1/2 z-40 -translate-x-1/2 lg:ml-32">
      {offline ? (
        <span className="inline-flex items-center gap-2 rounded-full bg-amber-900/90 px-3 py-1.5 text-xs font-medium text-white shadow">
          <WifiOff aria-hidden className="size-3.5" />
          {t("realtime.offline")}
        </span>
      ) : (
        reconnecting && (
          <span className="inline-flex items-center gap-2 rounded-full bg-slate-900/90 px-3 py-1.5 text-xs font-medium text-white shadow">
            <RefreshCw aria-hidden className="size-3.5 animate-spin motion-reduce:animate-none" />
            {t("realtime.reconnecting")}
          </span>
        )
      )}
    </div>
  );
}
