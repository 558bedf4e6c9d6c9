import { type ErrorComponentProps, useRouter } from "@tanstack/react-router";
import { TriangleAlert } from "lucide-react";
import { useI18n } from "../i18n/i18n-provider";
import { Button } from "./ui/button";
import { EmptyState } from "./ui/empty-state";

/** Anything a route failed to load (API down, unexpected answer), said in words, with a retry. */
export function RouteError({ reset }: ErrorComponentProps) {
  const { t } = useI18n();
  const router = useRouter();
  const retry = () => {
    reset();
    void router.invalidate();
  };
  return (
    <main className="mx-auto max-w-xl px-6 py-24">
      <EmptyState
        icon={TriangleAlert}
        title={t("routeError.title")}
        description={t("routeError.description")}
      >
        <Button variant="secondary" onClick={retry}>
          {t("common.tryAgain")}
        </Button>
      </EmptyState>
    </main>
  );
}
