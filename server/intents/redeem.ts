// Gateway side of an approval: the decide stage calls redeemIntent when the
// policy says ESCALATE and the caller presents x-aegis-intent. The intent must
// be signed by this org's key, unexpired, for this agent and for exactly this
// subject; then its jti is consumed with set-if-absent in the shared store, so
// it lets one call through on one instance, once. Checks that can fail on a
// mismatch run before the consume step: a wrong retry does not burn the intent.
// Fail-closed: a store error refuses the call (503), it never lets it through.
import type { GatewayDeps } from "@/server/gateway/deps";
import type { GatewayContext } from "@/server/gateway/types";
import { forOrg } from "@/server/db/scoped";
import { log } from "@/server/log/logger";
import { getIntentVerifier } from "@/server/intents/intent-keys";
import { intentKeyId, verifyIntent } from "@/server/intents/intent-token";
import { subjectHash, subjectOf } from "@/server/intents/subject";

export const INTENT_HEADER = "x-aegis-intent";

export type TRedeemResult =
  | { ok: true; approvalId: string }
  | { ok: false; status: number; code: "INTENT_INVALID" | "INTENT_EXPIRED" | "INTENT_MISMATCH" | "INTENT_USED" | "INTENT_UNAVAILABLE"; message: string };

const usedKey = (orgId: string, jti: string) => `intent:${orgId}:${jti}`;

export async function redeemIntent(ctx: GatewayContext, deps: GatewayDeps, token: string): Promise<TRedeemResult> {
  const org = ctx.org;
  if (!org) return { ok: false, status: 403, code: "INTENT_INVALID", message: "No organization" };
  const kid = intentKeyId(token.trim());
  const verifier = kid ? await getIntentVerifier(deps.db, org.orgId, kid, deps.now()) : null;
  if (!verifier) return { ok: false, status: 403, code: "INTENT_INVALID", message: "Intent is malformed or not signed by this organization" };
  const claims = await verifyIntent(token.trim(), verifier.publicKey, deps.now());
  if ("code" in claims) return { ok: false, status: 403, ...claims };
  if (claims.org !== org.orgId) return { ok: false, status: 403, code: "INTENT_INVALID", message: "Intent belongs to another organization" };
  if (claims.sub !== (ctx.caller?.agent ?? "")) {
    return { ok: false, status: 403, code: "INTENT_MISMATCH", message: "Intent was approved for another agent" };
  }
  if (claims.sbj !== subjectHash(subjectOf(ctx))) {
    return {
      ok: false, status: 403, code: "INTENT_MISMATCH",
      message: "Intent does not match this call: method, upstream, path, query and body (or the action descriptor) must be identical to what was approved",
    };
  }
  let fresh: boolean;
  try {
    fresh = await deps.store.set(usedKey(org.orgId, claims.jti), "1", { nx: true, ttlMs: Math.max(claims.exp * 1000 - deps.now(), 0) + 60_000 });
  } catch (err) {
    log.error("intent store unavailable; refusing (fail-closed)", { request_id: ctx.requestId, org_id: org.orgId, err });
    return { ok: false, status: 503, code: "INTENT_UNAVAILABLE", message: "Cannot check the intent's single use right now; retry shortly" };
  }
  if (!fresh) return { ok: false, status: 403, code: "INTENT_USED", message: "This intent was already used; each approval lets exactly one call through" };
  // Bookkeeping for the app and /v1/intents; the store above is what enforces single use.
  await forOrg(deps.db, org.orgId).approval
    .updateMany({ where: { id: claims.jti, status: "approved" }, data: { status: "used", usedAt: new Date(deps.now()) } })
    .catch((err: unknown) => log.warn("could not mark approval used", { request_id: ctx.requestId, approval_id: claims.jti, err }));
  return { ok: true, approvalId: claims.jti };
}

/** Whether an intent's jti was consumed (for /v1/intents, which lists only unused ones). */
export async function isIntentUsed(deps: Pick<GatewayDeps, "store">, orgId: string, jti: string): Promise<boolean> {
  return (await deps.store.get(usedKey(orgId, jti))) !== null;
}
