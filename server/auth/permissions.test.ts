import { describe, expect, it } from "vitest";
import { PERMISSIONS, ROLES, ROLE_PERMISSIONS, can, canAssignRole } from "@/server/auth/permissions";

describe("permission table", () => {
  it("gives owners everything and keeps roles strictly nested", () => {
    expect([...ROLE_PERMISSIONS.owner].sort()).toEqual([...PERMISSIONS].sort());
    for (const p of ROLE_PERMISSIONS.viewer) expect(can("analyst", p)).toBe(true);
    for (const p of ROLE_PERMISSIONS.analyst) expect(can("admin", p)).toBe(true);
  });

  it("keeps destructive and money permissions with owners", () => {
    expect(can("admin", "org.delete")).toBe(false);
    expect(can("admin", "billing.write")).toBe(false);
    expect(can("admin", "audit.rotate_key")).toBe(false);
    expect(can("owner", "audit.rotate_key")).toBe(true);
    expect(can("analyst", "keys.create")).toBe(false);
    expect(can("viewer", "audit.read")).toBe(false);
    expect(can("analyst", "audit.read")).toBe(true);
  });

  it("lets nobody grant more than they have", () => {
    expect(canAssignRole("owner", "owner")).toBe(true);
    expect(canAssignRole("admin", "owner")).toBe(false);
    expect(canAssignRole("admin", "admin")).toBe(true);
    for (const r of ROLES) expect(canAssignRole("analyst", r)).toBe(false);
  });
});
