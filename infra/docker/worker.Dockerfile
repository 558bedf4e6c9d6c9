# syntax=docker/dockerfile:1
# Build from the repository root: docker build -f infra/docker/worker.Dockerfile -t ghcr.io/OWNER/crm-worker .
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
    npm ci --workspace @crm/worker --include-workspace-root --ignore-scripts --no-audit --no-fund
COPY tooling ./tooling
COPY packages ./packages
COPY apps/worker ./apps/worker

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app /app
USER node
WORKDIR /app/apps/worker
# No HTTP port: Swarm restarts the task when the process exits.
# What `npm start` (`tsx src/main.ts`) runs, without npm and the tsx CLI as parent processes, so SIGTERM from
# a rolling update reaches the worker, which should finish its current jobs and close.
CMD ["node", "--import", "tsx", "src/main.ts"]
