import { expect, test } from "./fixtures";

test("upstreams: add one with an injected credential, see its gateway URL, remove it", async ({ owner, page }) => {
  await page.goto(`/${owner.orgSlug}/upstreams`);
  await expect(page.getByText("No upstreams yet")).toBeVisible();
  await page.getByRole("button", { name: "Add upstream" }).first().click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Name").fill("Bad Name");
  await dialog.getByLabel("Base URL").fill("https://api.example.com");
  await dialog.getByRole("button", { name: "Add upstream" }).click();
  await expect(dialog.locator("#upstream-name-error")).toBeVisible();

  // A self-hosted address: needs the explicit private-network opt-in (and no DNS, so it works offline).
  await dialog.getByLabel("Name").fill("example");
  await dialog.getByLabel("Base URL").fill("http://127.0.0.1:9");
  await dialog.getByLabel("Allow a private-network address").check();
  await dialog.getByLabel("Upstream credential (optional)").fill("sk-test-upstream-secret");
  await expect(dialog.getByLabel("Inject as header")).toHaveValue("Authorization: Bearer {secret}");
  await dialog.getByRole("button", { name: "Add upstream" }).click();
  await expect(dialog).toHaveCount(0);

  const row = page.getByTestId("upstream-row-example");
  await expect(row).toContainText("http://127.0.0.1:9");
  await expect(row).toContainText("private network");
  await expect(row).toContainText("/v1/gateway/example");
  await expect(row).toContainText("Authorization");
  await expect(page.locator("body")).not.toContainText("sk-test-upstream-secret");

  await row.getByRole("button", { name: "Remove example" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Remove upstream" }).click();
  await expect(page.getByText("No upstreams yet")).toBeVisible();
});

test("kill switch: engaging shows a banner everywhere; releasing clears it", async ({ owner, page }) => {
  await page.goto(`/${owner.orgSlug}/kill-switch`);
  await page.getByRole("button", { name: "Engage kill switch" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Engage" }).click();
  await expect(page.getByText("Engaged: all gateway traffic is blocked")).toBeVisible();
  await page.getByRole("link", { name: "Overview" }).first().click();
  await expect(page.getByText(/Kill switch engaged:/)).toBeVisible();

  await page.goto(`/${owner.orgSlug}/kill-switch`);
  await page.getByLabel("Agent name").fill("support-bot");
  await page.getByRole("button", { name: "Stop agent" }).click();
  await expect(page.getByRole("table", { name: "Stopped agents" })).toContainText("support-bot");

  await page.getByRole("button", { name: "Release kill switch" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Release" }).click();
  await expect(page.getByText(/Released: traffic flows/)).toBeVisible();
  await expect(page.getByText(/Kill switch engaged:/)).toHaveCount(0);
  await page.getByRole("button", { name: "Release support-bot" }).click();
  await expect(page.getByText("No agent is stopped")).toBeVisible();
});

test("quotas: set organization limits and validate numbers", async ({ owner, page }) => {
  await page.goto(`/${owner.orgSlug}/quotas`);
  await page.getByRole("button", { name: "Set organization limits" }).first().click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Requests per second").fill("ten");
  await dialog.getByRole("button", { name: "Save limits" }).click();
  await expect(dialog.locator("#quota-requestsPerSecond-error")).toHaveText("Enter a whole number");
  await dialog.getByLabel("Requests per second").fill("50");
  await dialog.getByLabel("Burst").fill("100");
  await dialog.getByLabel("Spend per month (USD)").fill("250");
  await dialog.getByRole("button", { name: "Save limits" }).click();
  await expect(dialog).toHaveCount(0);
  const table = page.getByRole("table", { name: "Quotas" });
  await expect(table).toContainText("Organization");
  await expect(table).toContainText("50");
  await expect(table).toContainText("$250.00");
});

test("agents: register a JWT issuer with its public keys, then revoke it", async ({ owner, page }) => {
  const { generateKeyPairSync } = await import("node:crypto");
  const jwk = generateKeyPairSync("ed25519").publicKey.export({ format: "jwk" });
  await page.goto(`/${owner.orgSlug}/agents`);
  await page.getByRole("button", { name: "Register agent" }).first().click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Name").fill("support-bot");
  await dialog.getByLabel("Issuer (iss)").fill(`https://agents.e2e.test/${owner.orgSlug}`);
  await dialog.getByLabel("Public keys (JWKS)").fill("not json");
  await dialog.getByRole("button", { name: "Register" }).click();
  await expect(dialog.locator("#agent-jwks-error")).toContainText("JSON");
  await dialog.getByLabel("Public keys (JWKS)").fill(JSON.stringify({ keys: [{ ...jwk, kid: "k1" }] }));
  await dialog.getByRole("button", { name: "Register" }).click();
  await expect(dialog).toHaveCount(0);
  const row = page.getByTestId("agent-row-support-bot");
  await expect(row).toContainText("Active");
  await row.getByRole("button", { name: "Revoke support-bot" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Revoke agent" }).click();
  await expect(row).toContainText("Revoked");
});
