# syntax=docker/dockerfile:1
# Build from the repository root: docker build -f infra/docker/api.Dockerfile -t ghcr.io/OWNER/crm-api .
ARG NODE_IMAGE=node:22-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /app
# Every workspace manifest, so the lockfile matches the workspaces the root package.json declares.
COPY package.json package-lock.json ./
COPY apps/api/package.json apps/api/
COPY apps/web/package.json apps/web/
COPY apps/worker/package.json apps/worker/
COPY packages/contracts/package.json packages/contracts/
COPY packages/db/package.json packages/db/
COPY packages/domain/package.json packages/domain/
COPY packages/integrations/package.json packages/integrations/
COPY packages/runtime/package.json packages/runtime/
COPY tooling/typescript/package.json tooling/typescript/
# The root is included because tsx is a root devDependency. No install script is needed: esbuild and
# msgpackr-extract load their prebuilt binaries from optional dependencies; the third one is telemetry.
RUN --mount=type=cache,target=/root/.npm \
    npm ci --workspace @crm/api --include-workspace-root --ignore-scripts --no-audit --no-fund
# The api imports the worker (embedded mode) and every package from source.
COPY tooling ./tooling
COPY packages ./packages
COPY apps/worker ./apps/worker
COPY apps/api ./apps/api

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    PORT=3000
WORKDIR /app
COPY --from=build /app /app
USER node
WORKDIR /app/apps/api
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=5s --start-period=40s --retries=3 \
    CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# What `npm start` (`tsx src/main.ts`) runs, without npm and the tsx CLI as parent processes, so SIGTERM from
# a rolling update reaches the server itself.
CMD ["node", "--import", "tsx", "src/main.ts"]
