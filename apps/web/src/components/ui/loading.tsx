import { useI18n } from "../../i18n/i18n-provider";
import { Spinner } from "./spinner";

export function Loading({ label }: { label?: string }) {
  const { t } = useI18n();
  return (
    <div role="status" className="flex items-center justify-center gap-2 py-10 text-sm text-slate-500">
      <Spinner />
      <span>{label ?? t("common.loading")}</span>
    </div>
  );
}
