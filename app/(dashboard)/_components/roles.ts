export const ROLE_OPTIONS = [
  { value: "owner", label: "Owner", description: "Everything, including billing and deleting the organization" },
  { value: "admin", label: "Admin", description: "Manages members, keys, upstreams, rules and settings" },
  { value: "analyst", label: "Analyst", description: "Reads everything, including the audit trail and exports" },
  { value: "viewer", label: "Viewer", description: "Reads configuration; no audit trail" },
] as const;

export type RoleValue = (typeof ROLE_OPTIONS)[number]["value"];

/** Mirrors server/auth/permissions canAssignRole: nobody grants more than they have. */
export function assignableRoles(actor: string): RoleValue[] {
  if (actor === "owner") return ["owner", "admin", "analyst", "viewer"];
  if (actor === "admin") return ["admin", "analyst", "viewer"];
  return [];
}

export function roleLabel(role: string): string {
  return ROLE_OPTIONS.find((r) => r.value === role)?.label ?? role;
}
