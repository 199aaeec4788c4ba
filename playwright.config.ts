// End-to-end tests against the production build (run `npx next build` first;
// CI does). The web server is Aegis's own node:http server on a fresh data
// directory, so every run starts with an empty embedded PostgreSQL.
import { defineConfig, devices } from "@playwright/test";
import os from "node:os";
import path from "node:path";

const PORT = 3210;
const baseURL = `http://localhost:${PORT}`;
// Set once in the runner process; workers re-evaluate this file and inherit it.
process.env.AEGIS_E2E_DATA_DIR ??= path.join(os.tmpdir(), `.aegis-e2e-${Date.now()}`);

export default defineConfig({
  testDir: "e2e",
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  workers: 1,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"], ["html", { open: "never" }]] : "list",
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: {
          executablePath: "/usr/bin/chromium",
          args: [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
          ],
        },
      },
    },
  ],
  webServer: {
    command: "node --import tsx server/main.ts",
    url: `${baseURL}/api/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "ignore",
    stderr: "pipe",
    env: {
      PORT: String(PORT),
      AEGIS_DATA_DIR: process.env.AEGIS_E2E_DATA_DIR,
      AEGIS_PUBLIC_URL: baseURL,
    },
  },
});
