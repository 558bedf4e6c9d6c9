import { Link, useRouter } from "@tanstack/react-router";
import { FileQuestion, TriangleAlert } from "lucide-react";
import { useI18n } from "../i18n/i18n-provider";
import { errorCodeOf, toErrorView } from "../lib/errors";
import { Button, buttonClasses } from "./ui/button";
import { EmptyState } from "./ui/empty-state";

interface RecordErrorProps {
  error: unknown;
  reset: () => void;
  backTo: "/contacts" | "/companies" | "/deals" | "/inbox";
  backLabel: string;
}

/** A record page that could not load: gone (deleted, merged) says so; anything else offers a retry. */
export function RecordError({ error, reset, backTo, backLabel }: RecordErrorProps) {
  const { t } = useI18n();
  const router = useRouter();
  const missing = errorCodeOf(error) === "NOT_FOUND";
  return (
    <EmptyState
      icon={missing ? FileQuestion : TriangleAlert}
      title={missing ? t("record.missing") : t("routeError.title")}
      description={t(toErrorView(error).message)}
    >
      <div className="flex flex-wrap justify-center gap-3">
        {!missing && (
          <Button
            variant="secondary"
            onClick={() => {
              reset();
              void router.invalidate();
            }}
          >
            {t("common.tryAgain")}
          </Button>
        )}
        <Link to={backTo} className={buttonClasses(missing ? "primary" : "secondary")}>
          {backLabel}
        </Link>
      </div>
    </EmptyState>
  );
}
