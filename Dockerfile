# Quarry gateway image. Build: docker build -t quarry .  Run: see docker-compose.yml.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
COPY scripts ./scripts
COPY prisma ./prisma
COPY prisma.config.ts ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
ENV NODE_ENV=production PORT=4000
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/libs/db/src/generated ./libs/db/src/generated
COPY --from=build /app/prisma ./prisma
COPY --from=build /app/scripts ./scripts
COPY package.json config.example.yaml ./
USER node
EXPOSE 4000
# Apply pending migrations, then serve.
CMD ["sh", "-c", "node scripts/db-migrate.mjs && node dist/apps/gateway/src/main.js"]
