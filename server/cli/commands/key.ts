import { z } from "zod";
import type { Command } from "@/server/cli/command";
import { requireString } from "@/server/cli/command";
import { parseOrThrow } from "@/server/cli/parse";
import { createApiKey, revokeApiKey } from "@/server/auth/api-keys";
import { forOrg } from "@/server/db/scoped";
import { getOrgByRefOrThrow } from "@/server/orgs/find-org";

const ZName = z.string().trim().min(1, "must not be empty").max(64, "at most 64 characters");

export const keyCreate: Command<{ id: string; apiKey: string; prefix: string }> = {
  name: "key create",
  summary: "Create a gateway API key",
  usage: "aegis key create --org ORG --name N [--expires-at ISO-DATE] [--json]",
  flags: {
    org: { type: "string", required: true, description: "organization id or slug" },
    name: { type: "string", required: true, description: "key name" },
    "expires-at": { type: "string", description: "optional expiry (ISO 8601)" },
  },
  async run(flags, { db }) {
    const org = await getOrgByRefOrThrow(db, requireString(flags, "org"));
    const name = parseOrThrow(ZName, requireString(flags, "name"), "--name");
    const exp = typeof flags["expires-at"] === "string" ? parseOrThrow(z.coerce.date(), flags["expires-at"], "--expires-at") : null;
    return createApiKey(forOrg(db, org.id), { orgId: org.id, actorId: null, name, expiresAt: exp });
  },
  format: (r) => `Created key ${r.id}\nAPI key (shown once): ${r.apiKey}`,
};

export const keyRevoke: Command<{ id: string; revokedAt: Date }> = {
  name: "key revoke",
  summary: "Revoke a gateway API key (effective on every gateway within 5 s)",
  usage: "aegis key revoke --org ORG --key-id ID [--json]",
  flags: {
    org: { type: "string", required: true, description: "organization id or slug" },
    "key-id": { type: "string", required: true, description: "key id (key_...)" },
  },
  async run(flags, { db }) {
    const org = await getOrgByRefOrThrow(db, requireString(flags, "org"));
    return revokeApiKey(forOrg(db, org.id), { orgId: org.id, actorId: null, keyId: requireString(flags, "key-id") });
  },
  format: (r) => `Revoked key ${r.id}`,
};
