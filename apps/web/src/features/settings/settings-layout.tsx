import { can, type Permission } from "@crm/domain/shared/permissions";
import { Link, Outlet } from "@tanstack/react-router";
import { PageHeader } from "../../components/ui/page-header";
import { useI18n } from "../../i18n/i18n-provider";
import type { PlainMessageKey } from "../../i18n/translate";
import { useSession } from "../auth/use-session";

const tabs: ReadonlyArray<{
  to:
    | "/settings/organization"
    | "/settings/team"
    | "/settings/pipelines"
    | "/settings/custom-fields"
    | "/settings/tags"
    | "/settings/integrations"
    | "/settings/api-keys"
    | "/settings/webhooks";
  label: PlainMessageKey;
  /**
   * Shown only to roles with this permission: the page itself says only owners and admins may use it, for a
   * link followed from elsewhere, but a tab that leads only to that notice is a control nobody in the role can use.
   */
  permission?: Permission;
}> = [
  { to: "/settings/organization", label: "settings.tabs.organization" },
  { to: "/settings/team", label: "settings.tabs.team" },
  { to: "/settings/pipelines", label: "settings.tabs.pipelines" },
  { to: "/settings/custom-fields", label: "settings.tabs.customFields" },
  { to: "/settings/tags", label: "settings.tabs.tags" },
  { to: "/settings/integrations", label: "settings.tabs.integrations", permission: "integrations:write" },
  { to: "/settings/api-keys", label: "settings.tabs.apiKeys", permission: "apikeys:manage" },
  { to: "/settings/webhooks", label: "settings.tabs.webhooks", permission: "webhooks:read" },
];

export function SettingsLayout() {
  const { t } = useI18n();
  const { user } = useSession();
  const shown = tabs.filter((tab) => tab.permission === undefined || can(user.role, tab.permission));
  return (
    <>
      <PageHeader title={t("settings.title")} description={t("settings.description")} />
      <nav aria-label={t("settings.tabs.label")} className="mb-8 border-b border-slate-200">
        {/* wraps rather than scrolls: on a phone every section stays in view, none hides past the edge */}
        <ul className="-mb-px flex flex-wrap gap-x-6 gap-y-1">
          {shown.map((tab) => (
            <li key={tab.to}>
              <Link
                to={tab.to}
                className="block border-b-2 px-1 pb-3 text-sm font-medium whitespace-nowrap"
                activeProps={{ className: "border-indigo-600 text-indigo-700", "aria-current": "page" }}
                inactiveProps={{
                  className: "border-transparent text-slate-500 hover:border-slate-300 hover:text-slate-800",
                }}
              >
                {t(tab.label)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <Outlet />
    </>
  );
}
