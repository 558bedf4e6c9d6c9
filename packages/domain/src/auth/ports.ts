import type { Conversation } from "../conversations/model";
import type { EventBus } from "../shared/events";
import type { JobQueue } from "../shared/jobs";
import type { Logger } from "../shared/logger";
import type { Page, PageRequest } from "../shared/pagination";
import type { Role } from "../shared/permissions";
import type { Transactional } from "../shared/transaction";
import type {
  Actor,
  ApiKey,
  Invitation,
  Organization,
  PasswordResetToken,
  Session,
  User,
  UserWithPassword,
} from "./model";

export interface OrganizationSettingsPatch {
  name?: string;
  slug?: string;
  dataRetentionDays?: number;
  defaultCurrency?: string;
  timezone?: string;
  locale?: string;
}

export interface OrganizationRepository {
  create(input: { name: string; slug: string; locale?: string }): Promise<Organization>;
  findById(id: string): Promise<Organization | undefined>;
  isSlugTaken(slug: string, exceptId?: string): Promise<boolean>;
  /** Throws CONFLICT when the slug is taken. */
  update(id: string, patch: OrganizationSettingsPatch): Promise<Organization>;
}

export interface UserFilter {
  role?: Role | undefined;
  search?: string | undefined;
}

export interface UserRepository {
  /** Throws CONFLICT when the email is already registered. */
  create(
    organizationId: string,
    input: { email: string; name: string; role: Role; passwordHash: string },
  ): Promise<User>;
  findById(organizationId: string, id: string): Promise<User | undefined>;
  /** Locks the user's row for the rest of the transaction. */
  lockById(organizationId: string, id: string): Promise<User | undefined>;
  /** Emails are unique across organizations: login does not know the tenant yet. */
  findByEmailWithPassword(email: string): Promise<UserWithPassword | undefined>;
  findByIdAnyOrganization(id: string): Promise<User | undefined>;
  list(organizationId: string, filter: UserFilter, page: PageRequest): Promise<Page<User>>;
  update(
    organizationId: string,
    id: string,
    patch: { name?: string; role?: Role },
  ): Promise<User | undefined>;
  setPassword(userId: string, passwordHash: string): Promise<void>;
  recordLogin(userId: string, at: Date): Promise<void>;
  remove(organizationId: string, id: string): Promise<boolean>;
  /** Locks the organization's owners for the rest of the transaction and returns their ids. */
  lockOwners(organizationId: string): Promise<string[]>;
}

export interface SessionRepository {
  create(session: Session & { userAgent?: string | undefined; ip?: string | undefined }): Promise<void>;
  findById(id: string): Promise<Session | undefined>;
  /** The session with its user's current role, in one lookup; undefined when either is gone. */
  findWithRole(id: string): Promise<(Session & { role: Role }) | undefined>;
  extend(id: string, expiresAt: Date, usedAt: Date): Promise<void>;
  remove(id: string): Promise<void>;
  removeForUser(userId: string): Promise<void>;
  /** Ends every session of the user but `keepId`; answers how many ended. */
  removeOthersForUser(userId: string, keepId: string): Promise<number>;
  /** The user's sessions not yet expired, newest first. */
  listForUser(userId: string, now: Date): Promise<SessionSummary[]>;
}

/** What the user may see of one of their sessions (never its id: the hash of a bearer token). */
export interface SessionSummary {
  id: string;
  createdAt: Date;
  lastUsedAt: Date;
  expiresAt: Date;
  userAgent: string | null;
}

export interface ApiKeyRepository {
  create(input: {
    organizationId: string;
    name: string;
    role: Role;
    keyHash: string;
    prefix: string;
    createdBy: string | null;
  }): Promise<ApiKey>;
  findById(organizationId: string, id: string): Promise<ApiKey | undefined>;
  findActiveByHash(keyHash: string): Promise<ApiKey | undefined>;
  /** The key as it is now, unless revoked: what a long-lived connection it opened may still do. */
  findActiveById(organizationId: string, id: string): Promise<ApiKey | undefined>;
  list(organizationId: string, page: PageRequest): Promise<Page<ApiKey>>;
  /** Revokes the key unless it is already, and answers it as it is then; undefined when it does not exist here. */
  revoke(organizationId: string, id: string, at: Date): Promise<ApiKey | undefined>;
  touch(id: string, at: Date): Promise<void>;
}

export interface InvitationRepository {
  create(input: {
    organizationId: string;
    email: string;
    role: Role;
    tokenHash: string;
    invitedBy: string | null;
    expiresAt: Date;
  }): Promise<Invitation>;
  findById(organizationId: string, id: string): Promise<Invitation | undefined>;
  findByTokenHash(tokenHash: string): Promise<Invitation | undefined>;
  list(organizationId: string, page: PageRequest): Promise<Page<Invitation>>;
  /**
   * Revokes the invitation if it is pending, and answers it as it is then (an accepted or already revoked one
   * unchanged); undefined when it does not exist in this organization.
   */
  revoke(organizationId: string, id: string, at: Date): Promise<Invitation | undefined>;
  /** Revokes the invitations to this email that could still be accepted; answers their roles. */
  revokePendingForEmail(organizationId: string, email: string, at: Date): Promise<Role[]>;
  revokePendingFromInviter(organizationId: string, invitedBy: string, at: Date): Promise<void>;
  /** Atomic: false when it was accepted or revoked meanwhile. */
  markAccepted(id: string, at: Date): Promise<boolean>;
}

export interface PasswordResetTokenRepository {
  create(input: { userId: string; tokenHash: string; expiresAt: Date }): Promise<void>;
  findByTokenHash(tokenHash: string): Promise<PasswordResetToken | undefined>;
  /** Atomic: false when the token was used meanwhile. */
  markUsed(id: string, at: Date): Promise<boolean>;
  invalidateForUser(userId: string, at: Date): Promise<void>;
}

export interface AuthRepos {
  organizations: OrganizationRepository;
  users: UserRepository;
  sessions: SessionRepository;
  apiKeys: ApiKeyRepository;
  invitations: InvitationRepository;
  resetTokens: PasswordResetTokenRepository;
  onboarding: OnboardingPort;
  assignments: MemberAssignments;
}

/** The conversations assigned to a member, seen from the team: what changing their role leaves behind. */
export interface MemberAssignments {
  /** Unassigns every conversation assigned to the user (any status); answers them as they are now. */
  releaseAll(organizationId: string, userId: string, at: Date): Promise<Conversation[]>;
}

/** What a new organization starts with (e.g. its first pipeline), written in the registration's transaction. */
export interface OnboardingPort {
  seedOrganization(organizationId: string, locale: string): Promise<void>;
}

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(hash: string, password: string): Promise<boolean>;
}

export interface SecretTokens {
  /** A new random token with enough entropy to be unguessable. */
  generate(): string;
  /** The one-way hash stored in place of the token. */
  hash(token: string): string;
}

export interface Clock {
  now(): Date;
}

export interface AuthLinks {
  resetPassword(token: string): string;
  acceptInvitation(token: string): string;
}

/**
 * The actors of recently authenticated credentials (session ids, API key hashes), so that a request does not
 * read its credential again. Whatever ends a credential or changes what it may do calls `revokeAll` once that
 * change is committed; an adapter keeps an actor a few seconds at most, in case a revocation is not heard.
 */
export interface CredentialCache {
  /** Taken before a credential is read from the store and handed to `remember`. */
  generation(): number;
  recall(credentialHash: string, now: Date): Actor | undefined;
  /**
   * Kept until `until` at the latest. Ignored when `revokeAll` ran since `generation` was taken: the store
   * may have answered before the revocation was committed.
   */
  remember(credentialHash: string, actor: Actor, read: { generation: number; now: Date; until?: Date }): void;
  /** Forgets every actor, in this process and in every other replica; never rejects. */
  revokeAll(): Promise<void>;
}

export interface AuthDeps {
  store: Transactional<AuthRepos> & AuthRepos;
  credentials: CredentialCache;
  passwords: PasswordHasher;
  tokens: SecretTokens;
  clock: Clock;
  queue: JobQueue;
  /** False while `queue` is known to be out of reach (Redis cut off): a job enqueued now would be lost. */
  queueReachable(): boolean;
  links: AuthLinks;
  /** What went wrong after a change was committed and cannot be told to the caller (an email not queued). */
  logger: Logger;
  /** Realtime: a member's role change or removal, a session's end, a change of the organization's settings. */
  events: EventBus;
}
