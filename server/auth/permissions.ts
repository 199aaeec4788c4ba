// The permission matrix: roles map to permissions, in one table. Every tRPC
// procedure names the permission it needs; nothing checks roles by hand.
import type { Role } from "@/server/db/generated/enums";

export const PERMISSIONS = [
  "org.read",
  "org.update",
  "org.delete",
  "members.read",
  "members.invite",
  "members.update_role",
  "members.remove",
  "keys.read",
  "keys.create",
  "keys.revoke",
  "upstreams.read",
  "upstreams.write",
  "rules.read",
  "rules.write",
  "rules.publish",
  "killswitch.read",
  "killswitch.write",
  "quotas.read",
  "quotas.write",
  "audit.read",
  "audit.export",
  "audit.rotate_key",
  "analytics.read",
  "approvals.decide",
  "billing.read",
  "billing.write",
] as const;

export type Permission = (typeof PERMISSIONS)[number];
export const ROLES = ["owner", "admin", "analyst", "viewer"] as const satisfies readonly Role[];

const READ: Permission[] = [
  "org.read", "members.read", "keys.read", "upstreams.read", "rules.read", "killswitch.read",
  "quotas.read", "analytics.read",
];

export const ROLE_PERMISSIONS: Record<Role, ReadonlySet<Permission>> = {
  owner: new Set(PERMISSIONS),
  // Owners only: deleting the org, paying, and retiring the key that signs the audit trail.
  admin: new Set(PERMISSIONS.filter((p) => p !== "org.delete" && p !== "billing.write" && p !== "audit.rotate_key")),
  analyst: new Set<Permission>([...READ, "audit.read", "audit.export", "billing.read"]),
  viewer: new Set<Permission>(READ),
};

export function can(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].has(permission);
}

/** Roles an actor may grant: nobody grants more than they have, and only
 * owners create owners. */
export function canAssignRole(actor: Role, target: Role): boolean {
  if (actor === "owner") return true;
  if (actor === "admin") return target !== "owner";
  return false;
}
