import * as Menu from "@radix-ui/react-dropdown-menu";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useNavigate } from "@tanstack/react-router";
import { Check, ChevronsUpDown, Globe, LogOut, UserRound } from "lucide-react";
import { localeNames } from "../../components/language-select";
import { useI18n } from "../../i18n/i18n-provider";
import { isLocale, locales } from "../../i18n/locale";
import { useTRPC } from "../../lib/trpc";
import { useSession } from "../auth/use-session";
import { initials } from "./initials";

const itemClasses =
  "flex cursor-default items-center gap-2 rounded-md px-2.5 py-2 text-sm text-slate-700 outline-none select-none data-[highlighted]:bg-slate-100 data-[highlighted]:text-slate-900";

export function UserMenu({ compact = false }: { compact?: boolean }) {
  const { t, locale, setLocale } = useI18n();
  const { user, organization } = useSession();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const logout = useMutation(
    trpc.auth.logout.mutationOptions({
      // Leave even if the server already forgot the session; the cache is dropped once the app is gone.
      onSettled: async () => {
        await navigate({ to: "/login" });
        queryClient.clear();
      },
    }),
  );

  const userInitials = initials(user.name, user.email);
  return (
    <Menu.Root>
      <Menu.Trigger
        // compact shows only initials, so it needs a label, which starts with them (what a speech user will say);
        // the full one is named by its visible text
        aria-label={compact ? t("userMenu.open", { initials: userInitials, name: user.name }) : undefined}
        className="flex w-full items-center gap-3 rounded-lg p-2 text-left hover:bg-slate-100 data-[state=open]:bg-slate-100"
      >
        <span
          aria-hidden="true"
          className="flex size-8 shrink-0 items-center justify-center rounded-full bg-indigo-100 text-xs font-semibold text-indigo-700"
        >
          {userInitials}
        </span>
        {!compact && (
          <>
            <span className="min-w-0 flex-1">
              <span className="sr-only">{t("userMenu.label")} </span>
              <span className="block truncate text-sm font-medium text-slate-900">{user.name}</span>
              <span className="block truncate text-xs text-slate-500">{organization.name}</span>
            </span>
            <ChevronsUpDown aria-hidden="true" className="size-4 shrink-0 text-slate-400" />
          </>
        )}
      </Menu.Trigger>
      <Menu.Portal>
        <Menu.Content
          align={compact ? "end" : "start"}
          side={compact ? "bottom" : "top"}
          sideOffset={6}
          className="z-50 w-64 rounded-xl border border-slate-200 bg-white p-1.5 shadow-lg"
        >
          <Menu.Label className="px-2.5 py-2">
            <span className="block truncate text-sm font-medium text-slate-900">{user.name}</span>
            <span className="block truncate text-xs text-slate-500">{user.email}</span>
          </Menu.Label>
          <Menu.Separator className="my-1 h-px bg-slate-200" />
          <Menu.Item className={itemClasses} onSelect={() => void navigate({ to: "/account" })}>
            <UserRound aria-hidden="true" className="size-4" />
            {t("userMenu.account")}
          </Menu.Item>
          <Menu.Separator className="my-1 h-px bg-slate-200" />
          <Menu.Label className="flex items-center gap-2 px-2.5 pt-2 pb-1 text-xs font-medium text-slate-500">
            <Globe aria-hidden="true" className="size-3.5" />
            {t("common.language")}
          </Menu.Label>
          <Menu.RadioGroup
            value={locale}
            onValueChange={(value) => {
              if (isLocale(value)) setLocale(value);
            }}
          >
            {locales.map((option) => (
              <Menu.RadioItem key={option} value={option} lang={option} className={itemClasses}>
                <span className="flex size-4 items-center justify-center">
                  <Menu.ItemIndicator>
                    <Check aria-hidden="true" className="size-4 text-indigo-600" />
                  </Menu.ItemIndicator>
                </span>
                {localeNames[option]}
              </Menu.RadioItem>
            ))}
          </Menu.RadioGroup>
          <Menu.Separator className="my-1 h-px bg-slate-200" />
          <Menu.Item className={itemClasses} disabled={logout.isPending} onSelect={() => logout.mutate()}>
            <LogOut aria-hidden="true" className="size-4" />
            {t("userMenu.logout")}
          </Menu.Item>
        </Menu.Content>
      </Menu.Portal>
    </Menu.Root>
  );
}
