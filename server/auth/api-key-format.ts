// Gateway API keys: "aegis_" + 40 base62 characters (~238 bits). Only the
// SHA-256 and a short visible prefix are stored.
import { createHash, randomBytes } from "node:crypto";

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
export const API_KEY_PREFIX = "aegis_";
const BODY_LEN = 40;

export function generateApiKey(): { key: string; prefix: string; hash: string } {
  let body = "";
  // Rejection sampling keeps the alphabet uniform.
  while (body.length < BODY_LEN) {
    for (const b of randomBytes(64)) {
      if (b < 248 && body.length < BODY_LEN) body += BASE62[b % 62];
    }
  }
  const key = API_KEY_PREFIX + body;
  return { key, prefix: key.slice(0, API_KEY_PREFIX.length + 6), hash: hashApiKey(key) };
}

export function hashApiKey(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}

export function looksLikeApiKey(s: string): boolean {
  return s.startsWith(API_KEY_PREFIX) && s.length === API_KEY_PREFIX.length + BODY_LEN && /^[A-Za-z0-9_]+$/.test(s);
}
