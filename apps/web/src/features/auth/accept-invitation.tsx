import { useQuery } from "@tanstack/react-query";
import { Loading } from "../../components/ui/loading";
import { useI18n } from "../../i18n/i18n-provider";
import type { Locale } from "../../i18n/locale";
import type { Translate } from "../../i18n/translate";
import type { RouterOutputs } from "../../lib/api-types";
import { useTRPC } from "../../lib/trpc";
import { roleLabels } from "../team/roles";
import { AcceptInvitationForm } from "./accept-invitation-form";
import { AuthCard } from "./auth-card";
import { MissingToken } from "./missing-token";

type InvitationPreview = RouterOutputs["auth"]["invitation"];

/**
 * Says where the link leads before asking for a password ("Ana invited you to join Loja Exemplo as agent"),
 * and a link that can no longer be used says so instead of showing a form that could only fail.
 */
export function AcceptInvitation({ token }: { token: string }) {
  const { t, locale } = useI18n();
  const trpc = useTRPC();
  const preview = useQuery(
    trpc.auth.invitation.queryOptions({ token }, { retry: false, staleTime: Number.POSITIVE_INFINITY }),
  );
  const title = t("auth.invitation.title");
  if (preview.isPending) {
    return (
      <AuthCard title={title}>
        <Loading />
      </AuthCard>
    );
  }
  const invitation = preview.data;
  if (invitation && !invitation.valid) {
    return (
      <AuthCard title={title}>
        <MissingToken message={t("auth.invitation.unusable")} action={t("auth.backToLogin")} to="/login" />
      </AuthCard>
    );
  }
  // not read (offline, too many attempts): the form still works, and says what is wrong when sent
  return (
    <AuthCard
      title={title}
      description={invitation ? describeInvitation(invitation, t, locale) : t("auth.invitation.description")}
    >
      <AcceptInvitationForm token={token} email={invitation?.email ?? null} />
    </AuthCard>
  );
}

function describeInvitation(invitation: InvitationPreview, t: Translate, locale: Locale): string {
  const organization = invitation.organizationName ?? "";
  // mid-sentence, as the invitation email writes it: "como agente", not "como Agente"
  const role = invitation.role ? t(roleLabels[invitation.role]).toLocaleLowerCase(locale) : "";
  const invited = invitation.inviterName
    ? t("auth.invitation.invitedBy", { inviter: invitation.inviterName, organization, role })
    : t("auth.invitation.invited", { organization, role });
  return `${invited} ${t("auth.invitation.chooseNameAndPassword")}`;
}
