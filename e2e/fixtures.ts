// Shared Playwright fixtures. Every test gets identities that are unique to
// this run (the server's data directory is fresh per run too, so nothing
// lingers between runs), plus helpers that drive the real UI.
import { expect, test as base, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { randomBytes } from "node:crypto";

export interface TestUser {
  email: string;
  name: string;
  password: string;
  orgName: string;
}

export interface SignedUpOwner extends TestUser {
  orgSlug: string;
  /** The key from the one-time sign-up screen. */
  apiKey: string;
}

const RUN = Date.now().toString(36);
let counter = 0;

export function makeUser(label: string): TestUser {
  const id = `${RUN}-${++counter}-${randomBytes(2).toString("hex")}`;
  return {
    email: `${label}-${id}@e2e.aegis.test`,
    name: `${label[0]?.toUpperCase()}${label.slice(1)} Tester`,
    // Meets the server's strength rules and never contains the email's local part.
    password: `Corr3ct-Horse-${randomBytes(4).toString("hex")}`,
    orgName: `Acme ${label} ${id}`,
  };
}

/** Signs up through the UI; leaves the page on the one-time key screen. */
export async function signUpViaUi(page: Page, user: TestUser, path = "/sign-up"): Promise<{ apiKey: string }> {
  if (path) await page.goto(path);
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Your name (optional)").fill(user.name);
  await page.getByLabel("Password").fill(user.password);
  const orgField = page.getByLabel(/Organization name|Your own workspace name/);
  await orgField.fill(user.orgName);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("heading", { name: "Your account is ready" })).toBeVisible();
  const apiKey = (await page.getByTestId("new-api-key").textContent())?.trim() ?? "";
  expect(apiKey).toMatch(/^aegis_[A-Za-z0-9]{40}$/);
  return { apiKey };
}

export async function signInViaUi(page: Page, user: Pick<TestUser, "email" | "password">, path = "/sign-in"): Promise<void> {
  if (path) await page.goto(path);
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

export async function signOutViaUi(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Account menu" }).click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await page.waitForURL(/\/sign-in/);
}

interface Fixtures {
  /** Makes run-unique identities: `user("owner")`. */
  user: (label: string) => TestUser;
  /** An owner who signed up through the UI and sits on their org's overview. */
  owner: SignedUpOwner;
  /** A second, isolated browser (its own cookies) for another person. */
  secondBrowser: (b?: Browser) => Promise<{ context: BrowserContext; page: Page }>;
}

export const test = base.extend<Fixtures>({
  user: async ({}, use) => {
    await use((label) => makeUser(label));
  },
  owner: async ({ page }, use) => {
    const u = makeUser("owner");
    const { apiKey } = await signUpViaUi(page, u);
    await page.getByRole("button", { name: /I saved my key, continue/ }).click();
    await page.waitForURL(/\/[^/]+\/overview$/);
    const orgSlug = new URL(page.url()).pathname.split("/")[1] ?? "";
    await use({ ...u, apiKey, orgSlug });
  },
  secondBrowser: async ({ browser }, use) => {
    const contexts: BrowserContext[] = [];
    await use(async (b = browser) => {
      const context = await b.newContext();
      contexts.push(context);
      return { context, page: await context.newPage() };
    });
    for (const c of contexts) await c.close();
  },
});

export { expect };
