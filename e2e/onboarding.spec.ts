import { expect, signInViaUi, signOutViaUi, signUpViaUi, test } from "./fixtures";

test("onboarding: sign up, key once, invite and accept, change role, revoke key, sign out and in", async ({ page, user, secondBrowser }) => {
  const owner = user("owner");
  const teammate = user("teammate");
  let apiKey = "";
  let orgSlug = "";

  await test.step("sign up from the landing page and see the first key once", async () => {
    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1 })).toContainText("inspected, decided and proven");
    await page.getByRole("link", { name: "Get started" }).click();
    await page.waitForURL(/\/sign-up$/);
    ({ apiKey } = await signUpViaUi(page, owner, ""));
    await expect(page.getByText("you won't see it again")).toBeVisible();
    await expect(page.getByRole("button", { name: "Copy api key" })).toBeVisible();
    await expect(page.getByText(`Bearer ${apiKey}`)).toBeVisible();

    // The key lived only in the page's memory: a reload shows it nowhere.
    await page.reload();
    await expect(page.getByText(/You are signed in as/)).toBeVisible();
    await expect(page.locator("body")).not.toContainText(apiKey);

    await page.goto("/orgs");
    await page.waitForURL(/\/[^/]+\/overview$/);
    orgSlug = new URL(page.url()).pathname.split("/")[1] ?? "";
    await expect(page.getByRole("heading", { level: 1, name: owner.orgName })).toBeVisible();
  });

  await test.step("the keys page lists the key by prefix only", async () => {
    await page.getByRole("navigation", { name: "Dashboard" }).getByRole("link", { name: "API Keys" }).click();
    const row = page.getByTestId("key-row-Default key");
    await expect(row).toContainText(apiKey.slice(0, 12));
    await expect(row).toContainText("Active");
    await expect(page.locator("body")).not.toContainText(apiKey);
  });

  let inviteLink = "";
  await test.step("invite a teammate and get the link once", async () => {
    await page.getByRole("navigation", { name: "Dashboard" }).getByRole("link", { name: "Team" }).click();
    await page.getByRole("button", { name: "Invite" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("Email").fill(teammate.email);
    await dialog.getByLabel("Role").click();
    await page.getByRole("option", { name: "Viewer" }).click();
    await dialog.getByRole("button", { name: "Send invitation" }).click();
    inviteLink = (await dialog.getByTestId("invite-link").textContent())?.trim() ?? "";
    expect(inviteLink).toMatch(/\/invite\/[A-Za-z0-9_-]+$/);
    await dialog.getByRole("button", { name: "Done" }).click();
    await expect(page.getByRole("table", { name: "Pending invitations" })).toContainText(teammate.email);
  });

  await test.step("the teammate signs up from the invitation and accepts it", async () => {
    const { page: mate } = await secondBrowser();
    await mate.goto(new URL(inviteLink).pathname);
    await expect(mate.getByRole("heading", { name: `Join ${owner.orgName} on Aegis` })).toBeVisible();
    await mate.getByRole("link", { name: "Create account" }).click();
    await expect(mate.getByLabel("Email")).toHaveValue(teammate.email);
    await signUpViaUi(mate, teammate, "");
    await mate.getByRole("button", { name: /I saved my key, continue/ }).click();
    await mate.waitForURL(/\/invite\//);
    await mate.getByRole("button", { name: "Accept invitation" }).click();
    await mate.waitForURL(`**/${orgSlug}/overview`);
    await expect(mate.getByRole("heading", { level: 1, name: owner.orgName })).toBeVisible();
    await expect(mate.getByText(/signed in as\s+viewer/)).toBeVisible();
  });

  await test.step("the owner changes the teammate's role", async () => {
    await page.reload();
    await expect(page.getByRole("table", { name: "Pending invitations" })).toHaveCount(0);
    const roleSelect = page.getByRole("combobox", { name: `Role for ${teammate.email}` });
    await expect(roleSelect).toHaveText("Viewer");
    await roleSelect.click();
    await page.getByRole("option", { name: "Analyst" }).click();
    await expect(page.getByText(`${teammate.email} is now analyst`)).toBeVisible();
    await page.reload();
    await expect(page.getByRole("combobox", { name: `Role for ${teammate.email}` })).toHaveText("Analyst");
  });

  await test.step("create a second key, then revoke it after confirming", async () => {
    await page.getByRole("navigation", { name: "Dashboard" }).getByRole("link", { name: "API Keys" }).click();
    await page.getByRole("button", { name: "Create key" }).first().click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("Name").fill("ci-runner");
    await dialog.getByRole("button", { name: "Create key" }).click();
    const secret = (await dialog.getByTestId("created-api-key").textContent())?.trim() ?? "";
    expect(secret).toMatch(/^aegis_/);
    await dialog.getByRole("button", { name: "Done" }).click();
    await expect(page.locator("body")).not.toContainText(secret);

    const row = page.getByTestId("key-row-ci-runner");
    await expect(row).toContainText("Active");
    await row.getByRole("button", { name: "Revoke ci-runner" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Revoke key" }).click();
    await expect(row).toContainText("Revoked");
    await expect(row.getByRole("button", { name: "Revoke ci-runner" })).toHaveCount(0);
    await expect(page.getByTestId("key-row-Default key")).toContainText("Active");
  });

  await test.step("sign out, fail once, sign back in", async () => {
    await signOutViaUi(page);
    await page.goto(`/${orgSlug}/members`);
    await page.waitForURL(/\/sign-in\?callbackUrl=/);
    await signInViaUi(page, { email: owner.email, password: "Not-the-password-1" }, "");
    await expect(page.getByRole("alert").filter({ hasText: "Wrong email or password" })).toBeVisible();
    await page.getByLabel("Password").fill(owner.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(`**/${orgSlug}/members`);
    await expect(page.getByRole("heading", { level: 1, name: "Team" })).toBeVisible();
  });
});
