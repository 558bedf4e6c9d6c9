import { apiKeysRouter } from "../routers/api-keys/router";
import { authRouter } from "../routers/auth/router";
import { companiesRouter } from "../routers/companies/router";
import { contactsRouter } from "../routers/contacts/router";
import { conversationsRouter } from "../routers/conversations/router";
import { customFieldsRouter } from "../routers/custom-fields/router";
import { dealsRouter } from "../routers/deals/router";
import { deletionsRouter } from "../routers/deletions/router";
import { integrationsRouter } from "../routers/integrations/router";
import { lostReasonsRouter } from "../routers/lost-reasons/router";
import { messagesRouter } from "../routers/messages/router";
import { notificationsRouter } from "../routers/notifications/router";
import { organizationsRouter } from "../routers/organizations/router";
import { outgoingWebhooksRouter } from "../routers/outgoing-webhooks/router";
import { paymentsRouter } from "../routers/payments/router";
import { pipelinesRouter } from "../routers/pipelines/router";
import { realtimeRouter } from "../routers/realtime/router";
import { tagsRouter } from "../routers/tags/router";
import { typingRouter } from "../routers/typing/router";
import { invitationsRouter, usersRouter } from "../routers/users/router";
import { createCallerFactory, router } from "./init";
import { withOutputChecks } from "./output-checks";

export const appRouter = withOutputChecks(
  router({
    auth: authRouter,
    users: usersRouter,
    invitations: invitationsRouter,
    organizations: organizationsRouter,
    apiKeys: apiKeysRouter,
    contacts: contactsRouter,
    companies: companiesRouter,
    tags: tagsRouter,
    customFields: customFieldsRouter,
    pipelines: pipelinesRouter,
    deals: dealsRouter,
    lostReasons: lostReasonsRouter,
    integrations: integrationsRouter,
    payments: paymentsRouter,
    conversations: conversationsRouter,
    messages: messagesRouter,
    realtime: realtimeRouter,
    typing: typingRouter,
    notifications: notificationsRouter,
    webhooks: outgoingWebhooksRouter,
    deletions: deletionsRouter,
  }),
);

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
