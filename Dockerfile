# syntax=docker/dockerfile:1
# CSP Support Desk container image: `scripts/build-image.sh` (docker or podman), or `docker build -t csp-support-desk .`
# Runs `node dist/bundle/index.mjs` (scripts/bundle.mjs: our code, zod, Kysely and intl-messageformat in one file) as the
# unprivileged `node` user with production dependencies only. Configuration comes from the environment (see .env.example);
# in production set DATABASE_URL (PostgreSQL) so every instance shares one store.

ARG NODE_IMAGE=node:22-bookworm-slim

# --- build: compile TypeScript with the dev dependencies -----------------------------------------------------------------
FROM ${NODE_IMAGE} AS build
# better-sqlite3 is a native addon: the toolchain builds it when no prebuilt binary matches this Node.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json ./
COPY src ./src
COPY scripts/bundle.mjs ./scripts/bundle.mjs
RUN npx tsc -p tsconfig.json && node scripts/bundle.mjs index

# --- prod-deps: the runtime's node_modules, native addon built here against the same Node as the runtime ----------------
FROM build AS prod-deps
RUN npm ci --omit=dev --no-audit --no-fund \
 && npm cache clean --force

# --- runtime ---------------------------------------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS runtime
# tini as PID 1: forwards SIGTERM to node (which drains turns in flight, see src/index.ts) and reaps zombies.
RUN apt-get update \
 && apt-get install -y --no-install-recommends tini \
 && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3978 \
    LOG_FORMAT=json
WORKDIR /app
# Code is owned by root and read-only to the bot; only data/ (SQLite, single-instance trials) is writable.
COPY package.json ./
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=build /app/dist/src ./dist/src
COPY --from=build /app/dist/bundle ./dist/bundle
COPY cards ./cards
COPY src/i18n/locales ./src/i18n/locales
COPY config ./config
RUN mkdir -p /app/data && chown node:node /app/data
USER node
EXPOSE 3978
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3978)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
STOPSIGNAL SIGTERM
ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["node", "dist/bundle/index.mjs"]
