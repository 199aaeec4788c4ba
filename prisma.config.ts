// Prisma CLI configuration. Uses the JS engine through adapter-pg so the CLI
// never downloads a native schema engine (these machines are offline).
import path from "node:path";
import { defineConfig } from "prisma/config";
import { createPgPool } from "./server/db/pg-pool";

// The schema reads env("DATABASE_URL"); `prisma generate` needs no database,
// so give it a placeholder when none is configured.
process.env.DATABASE_URL ??= "postgresql://postgres@127.0.0.1:5432/postgres";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
  async adapter() {
    const { PrismaPg } = await import("@prisma/adapter-pg");
    const url = process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
    return new PrismaPg(createPgPool(url));
  },
});
