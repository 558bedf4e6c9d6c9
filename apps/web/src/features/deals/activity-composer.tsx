import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { Button } from "../../components/ui/button";
import { ErrorAlert } from "../../components/ui/error-alert";
import { TextField } from "../../components/ui/text-field";
import { TextareaField } from "../../components/ui/textarea-field";
import { useI18n } from "../../i18n/i18n-provider";
import { cx } from "../../lib/cx";
import { useTRPC } from "../../lib/trpc";
import { activityTypeLabels } from "./activity-labels";
import { schedulableTypes, type UserActivityType, userActivityTypes } from "./activity-view";

/** Writes a note, or schedules a task, call or meeting with a due time. */
export function ActivityComposer({ dealId }: { dealId: string }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const groupName = useId();
  const [type, setType] = useState<UserActivityType>("note");
  const [content, setContent] = useState("");
  const [dueAt, setDueAt] = useState("");
  const [missing, setMissing] = useState(false);
  const add = useMutation(
    trpc.deals.addActivity.mutationOptions({
      onSuccess: () => {
        setContent("");
        setDueAt("");
        return queryClient.invalidateQueries({
          queryKey: trpc.deals.activities.infiniteQueryKey({ id: dealId }),
        });
      },
    }),
  );
  const schedulable = schedulableTypes.includes(type);

  return (
    <form
      noValidate
      className="space-y-3 rounded-lg bg-slate-50 p-4 ring-1 ring-slate-200 ring-inset"
      onSubmit={(event) => {
        event.preventDefault();
        if (content.trim() === "") {
          setMissing(true);
          return;
        }
        add.mutate({
          id: dealId,
          type,
          content: content.trim(),
          dueAt: schedulable && dueAt ? new Date(dueAt).toISOString() : null,
        });
      }}
    >
      <fieldset className="flex flex-wrap items-center gap-1">
        <legend className="sr-only">{t("deals.composer.kind")}</legend>
        {userActivityTypes.map((option) => (
          <label
            key={option}
            className={cx(
              "cursor-pointer rounded-md px-3 py-1.5 text-sm font-medium transition-colors has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-indigo-600",
              type === option
                ? "bg-white text-indigo-700 shadow-sm ring-1 ring-slate-200"
                : "text-slate-600 hover:text-slate-900",
            )}
          >
            <input
              type="radio"
              name={groupName}
              value={option}
              checked={type === option}
              onChange={() => setType(option)}
              className="sr-only"
            />
            {t(activityTypeLabels[option])}
          </label>
        ))}
      </fieldset>
      <TextareaField
        label={type === "note" ? t("deals.composer.note") : t("deals.composer.todo")}
        placeholder={
          type === "note" ? t("deals.composer.notePlaceholder") : t("deals.composer.todoPlaceholder")
        }
        value={content}
        error={missing ? t("errors.field.required") : undefined}
        onChange={(event) => {
          setContent(event.target.value);
          setMissing(false);
        }}
      />
      <div className="flex flex-wrap items-end justify-between gap-3">
        {schedulable ? (
          <TextField
            label={t("deals.composer.due")}
            type="datetime-local"
            value={dueAt}
            onChange={(event) => setDueAt(event.target.value)}
            className="w-56"
          />
        ) : (
          <span />
        )}
        <Button type="submit" loading={add.isPending}>
          {t(type === "note" ? "deals.composer.addNote" : "deals.composer.addTodo")}
        </Button>
      </div>
      <ErrorAlert error={add.error} />
    </form>
  );
}
