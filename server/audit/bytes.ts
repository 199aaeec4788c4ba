/**
 * Byte helpers shared by the audit core. Every binary value in the audit format is
 * lowercase hex (see docs/audit-format.md), so hex is the only text encoding here.
 */
import { hash } from "node:crypto";

export const HASH_BYTES = 32;
/** prev_hash of the first event and prev_head_hash of the first tree head. */
export const ZERO_HASH_HEX = "0".repeat(HASH_BYTES * 2);

const HEX_RE = /^(?:[0-9a-f]{2})*$/;

/** SHA-256 of one buffer. crypto.hash is the one-shot API: ~2x faster than createHash. */
export function sha256(data: Uint8Array): Buffer {
  return hash("sha256", data, "buffer");
}

export function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("hex");
}

/** Strict decoder: Buffer.from(…, "hex") silently stops at the first bad digit. */
export function fromHex(hex: string, expectedBytes?: number): Buffer {
  if (!HEX_RE.test(hex)) throw new Error("not lowercase hex of even length");
  const bytes = Buffer.from(hex, "hex");
  if (expectedBytes !== undefined && bytes.length !== expectedBytes) {
    throw new Error(`expected ${expectedBytes} bytes, got ${bytes.length}`);
  }
  return bytes;
}

export function isHexOfLength(value: string, bytes: number): boolean {
  return value.length === bytes * 2 && HEX_RE.test(value);
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
