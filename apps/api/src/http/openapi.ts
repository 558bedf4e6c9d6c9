import { generateOpenApiDocument, type OpenAPIObject } from "trpc-to-openapi";
import { appRouter } from "../trpc/root";
import { withErrorResponses } from "./openapi-errors";

export const restBasePath = "/api/v1";

let cached: OpenAPIObject | undefined;

export function openApiDocument(publicUrl: string): OpenAPIObject {
  cached ??= withErrorResponses(
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
    appRouter,
  );
  return cached;
}
