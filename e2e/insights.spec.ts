// Insights end to end: a blocked SQL injection through the gateway shows up in
// the audit explorer with its rule and location, the chain verifies in the
// browser, detector tuning per upstream changes the next decision, and the
// analytics page counts it.
import { expect, test } from "./fixtures";

test("audit explorer, in-browser chain verification, inspection tuning and analytics", async ({ owner, page, baseURL }) => {
  // An upstream that points back at this app's health endpoint.
  await page.goto(`/${owner.orgSlug}/upstreams`);
  await page.getByRole("button", { name: "Add upstream" }).first().click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Name").fill("health");
  await dialog.getByLabel("Base URL").fill(`${baseURL!.replace("localhost", "127.0.0.1")}/api/health`);
  await dialog.getByLabel("Allow a private-network address").check();
  await dialog.getByRole("button", { name: "Add upstream" }).click();
  await expect(dialog).toHaveCount(0);

  const sqli = `/v1/gateway/health?q=${encodeURIComponent("1' UNION SELECT password FROM users--")}`;
  const call = () => fetch(`${baseURL}${sqli}`, { headers: { authorization: `Bearer ${owner.apiKey}` } });
  const blocked = await call();
  expect(blocked.status).toBe(403);
  const requestId = blocked.headers.get("x-aegis-request-id") ?? "";
  expect(requestId).not.toBe("");
  const allowed = await fetch(`${baseURL}/v1/gateway/health`, { headers: { authorization: `Bearer ${owner.apiKey}` } });
  expect(allowed.status).toBe(200);

  // The explorer lists it; the drawer shows the flight record, the finding's rule and location, and the receipt.
  await page.getByRole("link", { name: "Audit trail" }).first().click();
  const row = page.getByTestId(`audit-row-${requestId}`);
  await expect(row).toContainText("BLOCK");
  await expect(row).toContainText("health");
  await row.click();
  const drawer = page.getByRole("dialog");
  await expect(drawer.getByRole("heading", { name: "Audit event" })).toBeVisible();
  await expect(drawer.getByRole("list", { name: "Stage timeline" })).toContainText("inspect");
  const findings = drawer.getByRole("table", { name: "Findings" });
  await expect(findings).toContainText(/sqli-/);
  await expect(findings).toContainText("query.q");
  const detectorRule = (await findings.locator("tbody td").first().textContent())?.trim() ?? "";
  expect(detectorRule).toMatch(/^sqli-/);
  await expect(drawer.getByRole("heading", { name: "Receipt" })).toBeVisible();
  await expect(drawer.getByText(/Not sealed yet|Leaf \d+ of a signed tree/)).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(drawer).toHaveCount(0);

  // Filters narrow the table; a detector rule id finds the event too.
  await page.getByLabel("Rule id").fill(detectorRule);
  await page.getByLabel("Decision").click();
  await page.getByRole("option", { name: "BLOCK", exact: true }).click();
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByRole("table", { name: "Audit events" }).getByRole("row")).toHaveCount(2);

  // Verify chain: hashes, links and Ed25519 signatures checked by this browser.
  await page.getByRole("button", { name: "Verify chain" }).click();
  await expect(page.getByTestId("verify-result")).toContainText(/Chain verified in your browser: \d+ events/);

  // CSV export downloads a file.
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "CSV" }).click();
  expect((await download).suggestedFilename()).toMatch(/^aegis-audit-.*\.csv$/);

  // Signing keys: the owner rotates the key; the old one keeps its validity period.
  const keys = page.getByRole("table", { name: "Signing keys" });
  await expect(keys.getByRole("row")).toHaveCount(2);
  await page.getByRole("button", { name: "Rotate key" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Rotate key" }).click();
  await expect(keys.getByRole("row")).toHaveCount(3);
  await expect(keys.getByText("current")).toHaveCount(1);

  // Tune: switch SQL injection detectors off for this upstream only; the same request now goes through.
  await page.getByRole("link", { name: "Inspection" }).first().click();
  await expect(page.getByRole("heading", { name: "Organization defaults" })).toBeVisible();
  await page.getByLabel("Scope").click();
  await page.getByRole("option", { name: "Upstream: health" }).click();
  await expect(page.getByRole("heading", { name: "Upstream: health" })).toBeVisible();
  const detectors = page.getByRole("region", { name: "Detectors" });
  await detectors.getByRole("switch", { name: "Override the organization's setting" }).click();
  await page.getByRole("switch", { name: "SQL injection detectors" }).click();
  await expect(page.getByRole("switch", { name: "SQL injection detectors" })).toHaveAttribute("aria-checked", "false");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Inspection settings for health saved")).toBeVisible();
  await expect.poll(async () => (await call()).status, { timeout: 10_000 }).toBe(200);

  // Analytics counts the block.
  await page.getByRole("link", { name: "Analytics" }).first().click();
  await expect(page.getByRole("list", { name: "Top upstreams" })).toContainText("health");
  await expect(page.getByRole("list", { name: "Top detections" })).toContainText(/sqli-/);
  await expect(page.getByRole("list", { name: "Top rules" })).toContainText(/\S/);
});
