import { z } from "zod";
import type { Command } from "@/server/cli/command";
import { requireString, orgFromFlags, ORG_FLAG } from "@/server/cli/command";
import { parseOrThrow } from "@/server/cli/parse";
import { createApiKey, revokeApiKey } from "@/server/auth/api-keys";

const ZName = z.string().trim().min(1, "must not be empty").max(64, "at most 64 characters");

export const keyCreate: Command<{ id: string; apiKey: string; prefix: string }> = {
  name: "key create",
  summary: "Create a gateway API key",
  usage: "aegis key create --org ORG --name N [--expires-at ISO-DATE] [--json]",
  flags: {
    org: ORG_FLAG,
    name: { type: "string", required: true, description: "key name" },
    "expires-at": { type: "string", description: "optional expiry (ISO 8601)" },
  },
  async run(flags, { db }) {
    const { org, sdb } = await orgFromFlags(db, flags);
    const name = parseOrThrow(ZName, requireString(flags, "name"), "--name");
    const exp = typeof flags["expires-at"] === "string" ? parseOrThrow(z.coerce.date(), flags["expires-at"], "--expires-at") : null;
    return createApiKey(sdb, { orgId: org.id, actorId: null, name, expiresAt: exp });
  },
  format: (r) => `Created key ${r.id}\nAPI key (shown once): ${r.apiKey}`,
};

export const keyRevoke: Command<{ id: string; revokedAt: Date }> = {
  name: "key revoke",
  summary: "Revoke a gateway API key (effective on every gateway within 5 s)",
  usage: "aegis key revoke --org ORG --key-id ID [--json]",
  flags: {
    org: ORG_FLAG,
    "key-id": { type: "string", required: true, description: "key id (key_...)" },
  },
  async run(flags, { db }) {
    const { org, sdb } = await orgFromFlags(db, flags);
    return revokeApiKey(sdb, { orgId: org.id, actorId: null, keyId: requireString(flags, "key-id") });
  },
  format: (r) => `Revoked key ${r.id}`,
};
