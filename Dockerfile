# Communiqué: the API (`npm start`) and the ingest worker (`npm run ingest -- ...`) share this image.

FROM node:20-slim AS deps
WORKDIR /app
# better-sqlite3 (the embedded engine) compiles from source when no prebuilt binary fits.
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
# tsx runs the TypeScript sources directly and is a runtime dependency; test and type tools are not.
RUN npm ci --omit=dev

FROM node:20-slim
WORKDIR /app
ENV NODE_ENV=production
COPY --from=deps /app/node_modules ./node_modules
COPY . .
# DATA_DIR (./data) must be writable by the unprivileged user for the embedded engine.
RUN mkdir -p /app/data && chown node:node /app/data
USER node
EXPOSE 8080
CMD ["npm", "start"]
