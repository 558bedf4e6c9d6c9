import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Check } from "lucide-react";
import { useState } from "react";
import { Alert } from "../../components/ui/alert";
import { Button } from "../../components/ui/button";
import { Dialog } from "../../components/ui/dialog";
import { TextField } from "../../components/ui/text-field";
import { useI18n } from "../../i18n/i18n-provider";
import { cx } from "../../lib/cx";
import { useTRPC } from "../../lib/trpc";
import { useForm } from "../../lib/use-form";
import { required } from "../../lib/validation";
import { defaultTagColor, tagColors } from "./tag-colors";
import type { TagRef } from "./tag-picker";

interface TagDialogProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  tag?: TagRef | undefined;
}

export function TagDialog(props: TagDialogProps) {
  const { t } = useI18n();
  return (
    <Dialog
      open={props.open}
      onOpenChange={props.onOpenChange}
      title={props.tag ? t("tags.edit.title") : t("tags.create.title")}
    >
      {props.open && <TagForm {...props} />}
    </Dialog>
  );
}

function TagForm({ onOpenChange, tag }: TagDialogProps) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [color, setColor] = useState(tag?.color ?? defaultTagColor);
  const onSuccess = async () => {
    onOpenChange(false);
    await queryClient.invalidateQueries({ queryKey: trpc.tags.list.pathKey() });
    await queryClient.invalidateQueries({ queryKey: trpc.contacts.pathKey() });
  };
  const create = useMutation(trpc.tags.create.mutationOptions({ onSuccess }));
  const update = useMutation(trpc.tags.update.mutationOptions({ onSuccess }));
  const save = tag ? update : create;
  const form = useForm({
    initial: { name: tag?.name ?? "" },
    rules: { name: [required] },
    error: save.error,
    overrides: { CONFLICT: "errors.tagTaken" },
  });
  return (
    <form
      ref={form.formRef}
      noValidate
      className="space-y-5"
      onSubmit={form.onSubmit((values) => {
        if (tag) update.mutate({ id: tag.id, name: values.name.trim(), color });
        else create.mutate({ name: values.name.trim(), color });
      })}
    >
      {form.formError && <Alert tone="error">{form.formError}</Alert>}
      <TextField label={t("tags.name")} autoComplete="off" {...form.field("name")} />
      <fieldset>
        <legend className="mb-2 text-sm font-medium text-slate-700">{t("tags.color")}</legend>
        <div className="flex flex-wrap gap-2">
          {tagColors.map(({ value: option, label }) => (
            <label key={option} className="relative cursor-pointer">
              <input
                type="radio"
                name="color"
                value={option}
                checked={color === option}
                onChange={() => setColor(option)}
                className="peer sr-only"
                aria-label={t(label)}
              />
              <span
                aria-hidden="true"
                className={cx(
                  "flex size-8 items-center justify-center rounded-full ring-2 ring-offset-2 peer-focus-visible:ring-indigo-600",
                  color === option ? "ring-slate-900" : "ring-transparent",
                )}
                style={{ backgroundColor: option }}
              >
                {color === option && <Check className="size-4 text-white" />}
              </span>
            </label>
          ))}
        </div>
      </fieldset>
      <div className="flex justify-end gap-3">
        <Button variant="secondary" onClick={() => onOpenChange(false)}>
          {t("common.cancel")}
        </Button>
        <Button type="submit" loading={save.isPending}>
          {tag ? t("common.saveChanges") : t("tags.create.submit")}
        </Button>
      </div>
    </form>
  );
}
