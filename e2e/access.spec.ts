import { expect, signOutViaUi, test } from "./fixtures";

test("dashboard pages redirect to sign-in and come back after it", async ({ owner, page }) => {
  await signOutViaUi(page);
  await page.goto(`/${owner.orgSlug}/keys`);
  await expect(page).toHaveURL(new RegExp(`/sign-in\\?callbackUrl=%2F${owner.orgSlug}%2Fkeys`));
  await page.getByLabel("Email").fill(owner.email);
  await page.getByLabel("Password").fill(owner.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(`**/${owner.orgSlug}/keys`);
  await expect(page.getByRole("heading", { level: 1, name: "API keys" })).toBeVisible();
});

test("an org the user does not belong to is not found", async ({ owner, page }) => {
  await page.goto(`/not-${owner.orgSlug}/overview`);
  await expect(page.getByRole("heading", { name: "Organization not found" })).toBeVisible();
});

test("sign-up shows validation errors next to the fields", async ({ page, user }) => {
  const u = user("weak");
  await page.goto("/sign-up");
  await page.getByLabel("Email").fill(u.email);
  await page.getByLabel("Password").fill("short");
  await page.getByLabel("Organization name").fill(u.orgName);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.locator("#password-error")).toContainText("at least 10 characters");
});

test("settings: shadow mode and degraded mode are explained and saved", async ({ owner, page }) => {
  await page.goto(`/${owner.orgSlug}/settings`);
  const shadow = page.getByRole("switch", { name: /Shadow mode/ });
  await expect(shadow).toHaveAttribute("aria-checked", "false");
  await shadow.click();
  await expect(shadow).toHaveAttribute("aria-checked", "true");
  await page.getByLabel("When a check is unavailable").click();
  await page.getByRole("option", { name: "Fail open, with audit" }).click();
  await expect(page.getByText(/Requests go through while a check is unavailable/)).toBeVisible();
  await page.reload();
  await expect(page.getByRole("switch", { name: /Shadow mode/ })).toHaveAttribute("aria-checked", "true");
  await expect(page.getByLabel("When a check is unavailable")).toContainText("Fail open, with audit");
  await page.goto(`/${owner.orgSlug}/overview`);
  await expect(page.getByRole("link", { name: /^Enforcement\s+Shadow mode/ })).toBeVisible();
});
