import type { Actor } from "@crm/domain/auth/model";
import type { CredentialCache } from "@crm/domain/auth/ports";

export interface LocalCredentialCacheOptions {
  /** How long an actor is recalled at most (0: never); bounds how late a revocation not heard applies. */
  ttlMs?: number;
  /** Past this many, the oldest entry makes room. */
  maxEntries?: number;
  /** Called by `revokeAll` after this process has forgotten, to tell the other replicas. */
  announce?: () => void;
}

export interface LocalCredentialCache extends CredentialCache {
  /** Forgets every actor here only: what a replica does when it hears another's revocation. */
  forgetAll(): void;
  readonly size: number;
}

export const defaultCredentialTtlMs = 5_000;

interface Entry {
  actor: Actor;
  until: number;
}

/** The credential cache of one process: a Map in insertion order, so the first key is the oldest. */
export function createLocalCredentialCache(options: LocalCredentialCacheOptions = {}): LocalCredentialCache {
  const ttlMs = options.ttlMs ?? defaultCredentialTtlMs;
  const maxEntries = options.maxEntries ?? 10_000;
  const entries = new Map<string, Entry>();
  let generation = 0;

  const forgetAll = () => {
    generation += 1;
    entries.clear();
  };

  return {
    get size() {
      return entries.size;
    },

    generation: () => generation,

    recall(credentialHash, now) {
      const entry = entries.get(credentialHash);
      if (!entry) return undefined;
      if (entry.until > now.getTime()) return entry.actor;
      entries.delete(credentialHash);
      return undefined;
    },

    remember(credentialHash, actor, read) {
      if (ttlMs === 0 || read.generation !== generation) return;
      const until = Math.min(read.now.getTime() + ttlMs, read.until?.getTime() ?? Number.POSITIVE_INFINITY);
      entries.delete(credentialHash);
      if (entries.size >= maxEntries) {
        const oldest = entries.keys().next();
        if (!oldest.done) entries.delete(oldest.value);
      }
      // shared by every request of the credential: nobody may change it
      entries.set(credentialHash, { actor: Object.freeze({ ...actor }), until });
    },

    async revokeAll() {
      forgetAll();
      options.announce?.();
    },

    forgetAll,
  };
}
