import { describe, expect, it } from "vitest";
import { hashPassword, passwordWeakness, verifyPassword } from "@/server/auth/password";

describe("password hashing", () => {
  it("verifies the right password and refuses a wrong one", async () => {
    const h = await hashPassword("Correct-Horse-9-battery");
    expect(h).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(await verifyPassword("Correct-Horse-9-battery", h)).toBe(true);
    expect(await verifyPassword("correct-horse-9-battery", h)).toBe(false);
  });

  it("salts every hash", async () => {
    expect(await hashPassword("Same-Password-1")).not.toBe(await hashPassword("Same-Password-1"));
  });

  it("rejects malformed stored hashes without throwing", async () => {
    expect(await verifyPassword("x", "bcrypt$whatever")).toBe(false);
    expect(await verifyPassword("x", "")).toBe(false);
  });

  it("refuses weak passwords with a reason", () => {
    expect(passwordWeakness("short1A")).toMatch(/at least 10/);
    expect(passwordWeakness("password123")).toMatch(/common/);
    expect(passwordWeakness("aaaaaaaaaaaa")).toMatch(/distinct/);
    expect(passwordWeakness("alllowercaseletters")).toBeNull(); // 16+ chars of one class is fine
    expect(passwordWeakness("lowercase12")).toBeNull();
    expect(passwordWeakness("Jonathan-2024x", "jonathan@example.com")).toMatch(/email/);
  });
});
