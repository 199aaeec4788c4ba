// Bring your own policy: an org's compiled OPA wasm (entrypoint aegis/decision),
// validated at upload (validateCustomPolicy: OPA module shape, entrypoint,
// builtins, sample evaluations in a worker with time limits), stored in
// CustomPolicy and evaluated after the platform policy (it can only tighten).
// Upload and removal bump configVersion so gateways pick it up within 5 s.
import { createHash } from "node:crypto";
import { z } from "zod";
import type { Db } from "@/server/db/client";
import { AegisError, notFound } from "@/server/errors";
import { recordActivity } from "@/server/orgs/activity";
import { bumpConfigVersion } from "@/server/orgs/config-version";
import { CUSTOM_ENTRYPOINT, validateCustomPolicy } from "@/server/policy";

export const MAX_CUSTOM_POLICY_BYTES = 2 * 1024 * 1024;

export const ZUploadCustomPolicyInput = z.object({
  // base64 of at most 2 MiB (4/3 expansion, padding).
  wasmBase64: z.string().min(8).max(Math.ceil(MAX_CUSTOM_POLICY_BYTES / 3) * 4 + 4).regex(/^[A-Za-z0-9+/]+={0,2}$/, "must be base64"),
});

type Actor = { orgId: string; actorId: string | null };

export async function uploadCustomPolicy(sdb: Db, p: Actor & { bytes: Uint8Array }) {
  if (p.bytes.byteLength > MAX_CUSTOM_POLICY_BYTES) {
    throw new AegisError("PAYLOAD_TOO_LARGE", `A custom policy is at most ${MAX_CUSTOM_POLICY_BYTES} bytes (got ${p.bytes.byteLength})`, { field: "wasmBase64" });
  }
  const check = await validateCustomPolicy(p.bytes, { maxBytes: MAX_CUSTOM_POLICY_BYTES });
  if (!check.ok) throw new AegisError("UNPROCESSABLE", `Custom policy rejected: ${check.error}`, { field: "wasmBase64" });
  const sha256 = createHash("sha256").update(p.bytes).digest("hex");
  const data = { wasm: Buffer.from(p.bytes), sha256, entrypoint: CUSTOM_ENTRYPOINT, uploadedBy: p.actorId ?? "cli", createdAt: new Date() };
  await sdb.$transaction(async (tx) => {
    await tx.customPolicy.upsert({ where: { orgId: p.orgId }, create: { orgId: p.orgId, ...data }, update: data });
    await bumpConfigVersion(tx, p.orgId);
    await recordActivity(tx, { orgId: p.orgId, actorId: p.actorId, action: "custom_policy.uploaded", meta: { sha256, bytes: p.bytes.byteLength } });
  });
  return { sha256, bytes: p.bytes.byteLength, entrypoint: CUSTOM_ENTRYPOINT, entrypoints: check.entrypoints };
}

export function decodeWasmBase64(b64: string): Uint8Array {
  return new Uint8Array(Buffer.from(b64, "base64"));
}

export async function getCustomPolicy(sdb: Db) {
  const row = await sdb.customPolicy.findFirst({ select: { sha256: true, entrypoint: true, uploadedBy: true, createdAt: true, wasm: true } });
  if (!row) return null;
  return { sha256: row.sha256, entrypoint: row.entrypoint, uploadedBy: row.uploadedBy, createdAt: row.createdAt, bytes: row.wasm.byteLength };
}

export async function removeCustomPolicy(sdb: Db, p: Actor) {
  return sdb.$transaction(async (tx) => {
    const row = await tx.customPolicy.findFirst({ select: { sha256: true } });
    if (!row) throw notFound("Custom policy");
    await tx.customPolicy.deleteMany({});
    await bumpConfigVersion(tx, p.orgId);
    await recordActivity(tx, { orgId: p.orgId, actorId: p.actorId, action: "custom_policy.removed", meta: { sha256: row.sha256 } });
    return { removed: true, sha256: row.sha256 };
  });
}
