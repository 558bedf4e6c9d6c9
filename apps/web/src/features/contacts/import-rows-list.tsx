import { useInfiniteQuery } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { Badge } from "../../components/ui/badge";
import { LoadMore } from "../../components/ui/load-more";
import { Loading } from "../../components/ui/loading";
import { QueryError } from "../../components/ui/query-error";
import { RefreshFailedNotice } from "../../components/ui/refresh-failed-notice";
import { Table, Td, Th } from "../../components/ui/table";
import { textLinkClasses } from "../../components/ui/text-link";
import { useI18n } from "../../i18n/i18n-provider";
import type { RouterInputs } from "../../lib/api-types";
import { useTRPC } from "../../lib/trpc";
import { describeImportRow, type FieldLabels, outcomeTones, rowOutcomeLabels } from "./import-state";

const rowsPageSize = 100;

/** An import's rows (or a preview's), a page at a time: each with its outcome, why, and the contact it wrote. */
export function ImportRowsList({
  importId,
  outcome,
  caption,
  labels,
}: {
  importId: string;
  /** Only the rows of this outcome; every row without one. */
  outcome?: RouterInputs["contacts"]["importRows"]["outcome"];
  caption: string;
  labels: FieldLabels;
}) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const rows = useInfiniteQuery(
    trpc.contacts.importRows.infiniteQueryOptions(
      { id: importId, limit: rowsPageSize, ...(outcome ? { outcome } : {}) },
      { getNextPageParam: (page) => page.nextCursor },
    ),
  );
  const items = rows.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <>
      <p className="mb-3 text-sm text-slate-500">{t("contacts.import.rowHint")}</p>
      <RefreshFailedNotice query={rows} />
      {rows.isPending ? (
        <Loading />
      ) : rows.isLoadingError ? (
        <QueryError error={rows.error} onRetry={() => void rows.refetch()} />
      ) : (
        <>
          <Table
            caption={caption}
            head={
              <>
                <Th>{t("contacts.import.row")}</Th>
                <Th>{t("contacts.import.result")}</Th>
                <Th>{t("contacts.import.reason")}</Th>
                <Th>
                  <span className="sr-only">{t("contacts.import.contact")}</span>
                </Th>
              </>
            }
          >
            {items.map((row) => (
              <tr key={row.rowNumber}>
                <Td className="w-20 text-slate-500 tabular-nums">{row.rowNumber}</Td>
                <Td className="w-32">
                  <Badge tone={outcomeTones[row.outcome]}>{t(rowOutcomeLabels[row.outcome])}</Badge>
                </Td>
                <Td className="text-slate-600">{describeImportRow(t, row, labels) ?? "—"}</Td>
                <Td className="text-right whitespace-nowrap">
                  {row.contactId && (
                    <Link
                      to="/contacts/$contactId"
                      params={{ contactId: row.contactId }}
                      className={textLinkClasses}
                    >
                      {t("contacts.import.openContact")}
                    </Link>
                  )}
                </Td>
              </tr>
            ))}
          </Table>
          <LoadMore {...rows} />
        </>
      )}
    </>
  );
}
