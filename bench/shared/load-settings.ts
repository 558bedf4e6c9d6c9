/** The load the HTTP-against-SQL benchmarks (crm, inbox) apply, read from the environment they are given. */
export function readLoadSettings(settings: Record<string, string | undefined>) {
  return {
    concurrency: Number(settings.BENCH_CONCURRENCY ?? 16),
    requests: Number(settings.BENCH_REQUESTS ?? 400),
    /**
     * Untimed requests per scenario and side first: a replica in service runs code V8 has long optimized, and a
     * freshly started API process needed about 2,000 requests to settle (CPU per request 2.5 ms over its first
     * 500, 1.6 over the next 500, 0.8 after 2,000 for the CRM's "silva" search).
     */
    warmup: Number(settings.BENCH_WARMUP ?? 2000),
    /** e.g. BENCH_API_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" to profile the API */
    apiNodeArgs: settings.BENCH_API_NODE_ARGS?.split(" ").filter(Boolean) ?? [],
    /** e.g. BENCH_API_ENV="CREDENTIAL_CACHE_TTL_MS=0" to run the API with a setting changed (an A/B run) */
    apiEnv: Object.fromEntries(
      (settings.BENCH_API_ENV?.split(" ").filter(Boolean) ?? []).map((pair) => {
        const [key = "", ...value] = pair.split("=");
        return [key, value.join("=")];
      }),
    ),
    /** BENCH_ONLY=board runs only the scenarios whose name contains it (a profile of one path) */
    selected: (name: string) => name.includes(settings.BENCH_ONLY ?? ""),
  };
}
