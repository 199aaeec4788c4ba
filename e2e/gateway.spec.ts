import { expect, test } from "./fixtures";

// The gateway pipeline is being built elsewhere; this only proves the key from
// the sign-up screen reaches it and that it answers in its documented shape.
test("gateway smoke: the sign-up key gets a JSON answer with a request id", async ({ owner, baseURL }) => {
  const res = await fetch(`${baseURL}/v1/gateway/e2e-smoke/v1/ping`, {
    method: "POST",
    headers: { authorization: `Bearer ${owner.apiKey}`, "content-type": "application/json" },
    body: JSON.stringify({ hello: "aegis" }),
  });
  expect(res.headers.get("x-aegis-request-id")).toBeTruthy();
  expect(res.headers.get("content-type") ?? "").toContain("application/json");
  const body = (await res.json()) as Record<string, unknown>;
  expect("error" in body || "decision" in body).toBe(true);
});
