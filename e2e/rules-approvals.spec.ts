import { expect, test } from "./fixtures";

test("rules: validate as you type, publish with a diff, escalate → approve → intent once, roll back", async ({ owner, page }) => {
  await page.goto(`/${owner.orgSlug}/rules`);
  await expect(page.getByText("No rules yet")).toBeVisible();

  // Validation as you type, with the server's schema.
  await page.getByRole("button", { name: "Add rule" }).first().click();
  let dialog = page.getByRole("dialog");
  await dialog.getByLabel("Rule id").fill("platform.mine");
  await expect(dialog.locator("#rule-id-error")).toHaveText("reserved rule id prefix");
  await dialog.getByLabel("Rule id").fill("refunds-need-a-human");
  await dialog.getByLabel("Conditions (when, JSON)").fill('{"kind": "action", "tools": ["stripe"], "methods": []}');
  await expect(dialog.locator("#rule-when-error")).toContainText("methods");
  await dialog.getByLabel("Conditions (when, JSON)").fill('{"kind": "action", "tools": ["stripe"], "actions": ["refund"]}');
  await dialog.getByRole("combobox", { name: "Effect" }).click();
  await page.getByRole("option", { name: "ESCALATE" }).click();
  await expect(dialog.getByText("Valid rule")).toBeVisible();
  await dialog.getByRole("button", { name: "Save to draft" }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByTestId("rule-row-refunds-need-a-human")).toContainText("ESCALATE");

  // Simulate the draft on a sample action before publishing.
  await page.getByLabel("A sample input").check();
  await page.getByLabel("PolicyInput (JSON)").fill('{"kind": "action", "action": {"tool": "stripe", "action": "refund"}}');
  await page.getByRole("button", { name: "Run simulation" }).click();
  await expect(page.getByTestId("simulation-result")).toContainText("1 would change");

  // Publish shows the diff first.
  await page.getByRole("button", { name: /^Publish/ }).click();
  dialog = page.getByRole("dialog");
  await expect(dialog.getByTestId("rule-diff")).toContainText("refunds-need-a-human");
  await dialog.getByLabel("Note (optional)").fill("refunds need a human");
  await dialog.getByRole("button", { name: "Publish", exact: true }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByTestId("version-row-1")).toContainText("live");

  // The gateway escalates within 5 s; the agent gets an approval id.
  const action = { tool: "stripe", action: "refund", resource: "charges/ch_1", params: { amount: 50 } };
  const evaluate = (intent?: string) =>
    page.request.post("/v1/gateway/evaluate", {
      headers: { authorization: `Bearer ${owner.apiKey}`, "x-aegis-agent": "billing-bot", ...(intent ? { "x-aegis-intent": intent } : {}) },
      data: action,
    });
  let approvalId = "";
  await expect.poll(async () => {
    const body = (await (await evaluate()).json()) as { decision: string; approval_id: string | null };
    approvalId = body.approval_id ?? "";
    return body.decision;
  }, { timeout: 10_000 }).toBe("ESCALATE");

  await page.getByRole("link", { name: "Approvals" }).first().click();
  const row = page.getByTestId(`approval-row-${approvalId}`);
  await expect(row).toContainText("stripe.refund charges/ch_1");
  await expect(row).toContainText("billing-bot");
  await row.getByRole("button", { name: "Approve" }).click();
  dialog = page.getByRole("dialog");
  await dialog.getByRole("button", { name: "Approve and issue intent" }).click();
  const intent = ((await dialog.getByTestId("intent-token").textContent()) ?? "").trim();
  expect(intent.split(".")).toHaveLength(3);
  await dialog.getByRole("button", { name: "Done" }).click();

  expect(((await (await evaluate(intent)).json()) as { decision: string }).decision).toBe("ALLOW");
  const replay = await evaluate(intent);
  expect(replay.status()).toBe(403);
  expect(((await replay.json()) as { error: { code: string } }).error.code).toBe("INTENT_USED");

  // Roll back to "no rules": v1 is the only version, so publish an empty draft first, then roll back to v1.
  await page.goto(`/${owner.orgSlug}/rules`);
  await page.getByRole("button", { name: "Remove refunds-need-a-human" }).click();
  await expect(page.getByText("No rules yet")).toBeVisible();
  await page.getByRole("button", { name: /^Publish/ }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Publish", exact: true }).click();
  await expect(page.getByTestId("version-row-2")).toContainText("live");
  await page.getByTestId("version-row-1").getByRole("button", { name: "Roll back" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Roll back" }).click();
  await expect(page.getByTestId("version-row-3")).toContainText("live");
  await expect(page.getByTestId("rule-row-refunds-need-a-human")).toBeVisible();
});
