import type { Command } from "@/server/cli/command";
import { requireString } from "@/server/cli/command";
import { createOrganizationWithOwner } from "@/server/orgs/create-org";
import { ZEmail, ZOrgName } from "@/server/orgs/schemas";
import { parseOrThrow } from "@/server/cli/parse";

export const orgCreate: Command<{ orgId: string; orgSlug: string; apiKey: string }> = {
  name: "org create",
  summary: "Create an organization with its owner and first API key",
  usage: "aegis org create --name N --owner-email E --owner-password P [--json]",
  flags: {
    name: { type: "string", required: true, description: "organization name" },
    "owner-email": { type: "string", required: true, description: "owner's email (new or existing user)" },
    "owner-password": { type: "string", required: true, description: "new user's password, or the existing user's password" },
  },
  async run(flags, { db }) {
    const name = parseOrThrow(ZOrgName, requireString(flags, "name"), "--name");
    const email = parseOrThrow(ZEmail, requireString(flags, "owner-email"), "--owner-email");
    const password = requireString(flags, "owner-password");
    const r = await createOrganizationWithOwner(db, { orgName: name, owner: { email, password }, mode: "cli" });
    return { orgId: r.orgId, orgSlug: r.orgSlug, apiKey: r.apiKey };
  },
  format: (r) => `Created organization ${r.orgSlug} (${r.orgId})\nAPI key (shown once): ${r.apiKey}`,
};
