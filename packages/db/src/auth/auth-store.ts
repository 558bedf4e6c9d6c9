import { randomUUID } from "node:crypto";
import { type AuthRepos, seedDefaultLostReasons, seedDefaultPipeline, type Transactional } from "@crm/domain";
import type { Kysely } from "kysely";
import type { Database } from "../database.gen";
import { createLostReasonRepository } from "../deals/lost-reason-repository";
import { createPipelineRepository } from "../deals/pipeline-repository";
import { createApiKeyRepository } from "./api-key-repository";
import { createInvitationRepository } from "./invitation-repository";
import { createMemberAssignmentsRepository } from "./member-assignments-repository";
import { createOrganizationRepository } from "./organization-repository";
import { createResetTokenRepository } from "./reset-token-repository";
import { createSessionRepository } from "./session-repository";
import { createUserRepository } from "./user-repository";

const authRepos = (db: Kysely<Database>): AuthRepos => ({
  organizations: createOrganizationRepository(db),
  users: createUserRepository(db),
  sessions: createSessionRepository(db),
  apiKeys: createApiKeyRepository(db),
  invitations: createInvitationRepository(db),
  resetTokens: createResetTokenRepository(db),
  assignments: createMemberAssignmentsRepository(db),
  onboarding: {
    async seedOrganization(organizationId, locale) {
      await seedDefaultPipeline(
        { pipelines: createPipelineRepository(db) },
        randomUUID,
        organizationId,
        locale,
      );
      await seedDefaultLostReasons({ lostReasons: createLostReasonRepository(db) }, organizationId, locale);
    },
  },
});

export function createAuthStore(db: Kysely<Database>): Transactional<AuthRepos> & AuthRepos {
  return {
    ...authRepos(db),
    transaction: (work) => db.transaction().execute((trx) => work(authRepos(trx))),
  };
}
