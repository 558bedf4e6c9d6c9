import { generateOpenApiDocument, type OpenAPIObject } from "trpc-to-openapi";
import { appRouter } from "../trpc/root";
import { withClosedBodies } from "./openapi-closed-bodies";
import { withCreatedResponses } from "./openapi-created";
import { nameEntitySchemas } from "./openapi-entities";
import { withAnyErrorSchema } from "./openapi-error-schemas";
import { withErrorResponses } from "./openapi-errors";
import { withResponseHeaders } from "./openapi-headers";
import { withIdempotencyKey } from "./openapi-idempotency";
import { withRawRoutes } from "./openapi-raw-routes";
import { withPublicSecurity } from "./openapi-security";
import { withTagDescriptions } from "./openapi-tags";

export const restBasePath = "/api/v1";

let cached: OpenAPIObject | undefined;

export function openApiDocument(publicUrl: string): OpenAPIObject {
  nameEntitySchemas();
  cached ??= documented(
    generateOpenApiDocument(appRouter, {
      title: "CRM Manager API",
      description:
        "REST API generated from the same procedures as the typed tRPC client. Authenticate with " +
        "`Authorization: Bearer <session token or API key>`. Lists are cursor-paginated: pass `nextCursor` back as `cursor`.",
      version: "1.0.0",
      baseUrl: `${publicUrl}${restBasePath}`,
      docsUrl: `${publicUrl}/docs`,
      securitySchemes: { bearerAuth: { type: "http", scheme: "bearer" } },
    }),
  );
  return cached;
}

/**
 * What trpc-to-openapi cannot tell: the errors as sent, who needs no credential, the raw routes, the
 * `Idempotency-Key` header, a closed body whose input has refinements, the creates' 201 and `Location`, the
 * rate limit's and conditional GET's headers, and what each tag groups.
 */
const documented = (generated: OpenAPIObject) => {
  const answered = withErrorResponses(withClosedBodies(generated, appRouter), appRouter);
  const withOperations = withIdempotencyKey(withRawRoutes(withPublicSecurity(answered, appRouter)));
  return withTagDescriptions(
    withResponseHeaders(withAnyErrorSchema(withCreatedResponses(withOperations, appRouter))),
  );
};
