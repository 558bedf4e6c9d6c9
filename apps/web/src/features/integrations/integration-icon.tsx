import { CreditCard, Gamepad2, Hash, type LucideIcon, MessageCircle, Send, Wallet } from "lucide-react";
import { cx } from "../../lib/cx";
import type { IntegrationKind } from "./integration-kinds";

const looks: Record<IntegrationKind, { icon: LucideIcon; tile: string }> = {
  whatsapp: { icon: MessageCircle, tile: "bg-emerald-50 text-emerald-700" },
  telegram: { icon: Send, tile: "bg-sky-50 text-sky-700" },
  slack: { icon: Hash, tile: "bg-fuchsia-50 text-fuchsia-700" },
  discord: { icon: Gamepad2, tile: "bg-indigo-50 text-indigo-700" },
  stripe: { icon: CreditCard, tile: "bg-violet-50 text-violet-700" },
  mercadopago: { icon: Wallet, tile: "bg-cyan-50 text-cyan-800" },
};

/** The kind's icon on a tinted tile; decorative, the kind's name is always written next to it. */
export function IntegrationIcon({ kind, size = "md" }: { kind: IntegrationKind; size?: "sm" | "md" }) {
  const { icon: Icon, tile } = looks[kind];
  return (
    <span
      aria-hidden="true"
      className={cx(
        "flex shrink-0 items-center justify-center rounded-lg",
        size === "sm" ? "size-8" : "size-10",
        tile,
      )}
    >
      <Icon className={size === "sm" ? "size-4" : "size-5"} />
    </span>
  );
}
