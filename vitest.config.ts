import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = fileURLToPath(new URL(".", import.meta.url));

export default defineConfig({
  resolve: { alias: { "@": root.replace(/\/$/, "") } },
  test: {
    include: ["server/**/*.test.ts", "cli/**/*.test.ts", "bench/**/*.test.ts", "tests/**/*.test.ts"],
    exclude: ["node_modules", "e2e/**"],
    environment: "node",
    globalSetup: ["./server/testing/global-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    // Gateway and job logs are noise in test output; warnings and errors stay.
    env: { LOG_LEVEL: "warn" },
  },
});
