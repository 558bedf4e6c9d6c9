import { Gamepad2, Hash, type LucideIcon, MessageCircle, Send } from "lucide-react";
import { useI18n } from "../../i18n/i18n-provider";
import type { PlainMessageKey } from "../../i18n/translate";
import { cx } from "../../lib/cx";
import type { Channel } from "./types";

const icons: Record<Channel, { icon: LucideIcon; color: string; label: PlainMessageKey }> = {
  whatsapp: { icon: MessageCircle, color: "text-emerald-600", label: "inbox.channel.whatsapp" },
  telegram: { icon: Send, color: "text-sky-600", label: "inbox.channel.telegram" },
  slack: { icon: Hash, color: "text-fuchsia-700", label: "inbox.channel.slack" },
  discord: { icon: Gamepad2, color: "text-indigo-600", label: "inbox.channel.discord" },
};

export const channelLabelKey = (channel: Channel): PlainMessageKey => icons[channel].label;

export function ChannelIcon({ channel, className }: { channel: Channel; className?: string }) {
  const { t } = useI18n();
  const { icon: Icon, color, label } = icons[channel];
  return (
    <span role="img" aria-label={t(label)} title={t(label)} className={cx("inline-flex shrink-0", color)}>
      <Icon aria-hidden="true" className={cx("size-4", className)} />
    </span>
  );
}
