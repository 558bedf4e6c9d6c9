import type { AppRouter } from "@crm/api/trpc/root";
import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";

/** What each procedure returns and accepts, read from the API's router type. */
export type RouterOutputs = inferRouterOutputs<AppRouter>;
export type RouterInputs = inferRouterInputs<AppRouter>;
