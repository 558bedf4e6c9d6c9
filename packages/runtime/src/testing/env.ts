/**
 * The one reader of `process.env` for test helpers and test files: which services the tests run against,
 * and what a process a test spawns inherits. Read on every call, so `vi.stubEnv` applies.
 */
export interface TestEnv {
  /** Postgres to create test databases in; unset: PGlite. */
  databaseUrl: string | undefined;
  redisUrl: string | undefined;
  /** CI (`REQUIRE_SERVICES=1`): a missing service is an error, never a silent skip or fallback. */
  requireServices: boolean;
  /** LOG_LEVEL of the APIs the tests start in their own process (`TEST_LOG_LEVEL`, default silent). */
  logLevel: string;
}

const nonEmpty = (value: string | undefined) => (value?.trim() ? value.trim() : undefined);

export function testEnv(source: NodeJS.ProcessEnv = process.env): TestEnv {
  return {
    databaseUrl: nonEmpty(source.DATABASE_URL),
    redisUrl: nonEmpty(source.REDIS_URL),
    requireServices: source.REQUIRE_SERVICES === "1" || source.REQUIRE_SERVICES === "true",
    logLevel: nonEmpty(source.TEST_LOG_LEVEL) ?? "silent",
  };
}

type Service = "DATABASE_URL" | "REDIS_URL";

/**
 * The services a test file needs, or undefined to skip it. With REQUIRE_SERVICES=1 a missing one throws, so
 * the suite fails instead of silently skipping. `why` says what needs them.
 */
export function servicesFor<S extends Service>(
  needed: readonly S[],
  why: string,
): Record<S, string> | undefined {
  const env = testEnv();
  const values: Record<Service, string | undefined> = {
    DATABASE_URL: env.databaseUrl,
    REDIS_URL: env.redisUrl,
  };
  const missing = needed.filter((name) => values[name] === undefined);
  if (missing.length === 0) {
    return Object.fromEntries(needed.map((name) => [name, values[name]])) as Record<S, string>;
  }
  if (env.requireServices) {
    const verb = missing.length > 1 ? "are" : "is";
    throw new Error(`REQUIRE_SERVICES=1 but ${missing.join(" and ")} ${verb} not set: ${why}`);
  }
  return undefined;
}

/** What a spawned process inherits from the test's environment: these variables only. */
const inheritedByDefault = ["PATH", "HOME"] as const;

/**
 * The environment of a process a test spawns: `env` over the few inherited variables (PATH and HOME unless
 * `inherit` says otherwise), never the rest, so the test's DATABASE_URL or REDIS_URL does not leak into a
 * process that must not see them.
 */
export function childProcessEnv(
  env: Record<string, string>,
  inherit: readonly string[] = inheritedByDefault,
): Record<string, string> {
  const inherited: Record<string, string> = {};
  for (const name of inherit) {
    const value = process.env[name];
    if (value !== undefined) inherited[name] = value;
  }
  return { ...inherited, ...env };
}
