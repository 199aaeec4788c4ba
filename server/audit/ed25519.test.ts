import { describe, expect, it } from "vitest";
import { fromHex, toHex } from "./bytes";
import { generateKeyPair, getPublicKey, signNative, signNoble, verifyNative, verifyNoble } from "./ed25519";

// RFC 8032 §7.1, TEST 1-3 and TEST SHA(abc).
const VECTORS = [
  {
    name: "TEST 1",
    secret: "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
    public: "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a",
    message: "",
    signature: "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b",
  },
  {
    name: "TEST 2",
    secret: "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
    public: "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c",
    message: "72",
    signature: "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00",
  },
  {
    name: "TEST 3",
    secret: "c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7",
    public: "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025",
    message: "af82",
    signature: "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a",
  },
];

describe("ed25519 (RFC 8032 §7.1)", () => {
  for (const v of VECTORS) {
    it(`${v.name}: both backends derive the key and produce the exact signature`, () => {
      const secret = fromHex(v.secret);
      const message = fromHex(v.message);
      const publicKey = fromHex(v.public);
      expect(toHex(getPublicKey(secret))).toBe(v.public);
      expect(toHex(signNoble(message, secret))).toBe(v.signature);
      expect(toHex(signNative(message, secret))).toBe(v.signature);
      expect(verifyNoble(fromHex(v.signature), message, publicKey)).toBe(true);
      expect(verifyNative(fromHex(v.signature), message, publicKey)).toBe(true);
    });
  }

  it("rejects a flipped bit, a wrong message and a wrong key in both backends", () => {
    const v = VECTORS[2];
    if (!v) throw new Error("missing vector");
    const sig = fromHex(v.signature);
    const bad = Buffer.from(sig);
    bad[10] = (bad[10] ?? 0) ^ 1;
    const msg = fromHex(v.message);
    const otherKey = fromHex(VECTORS[0]?.public ?? "");
    for (const verify of [verifyNoble, verifyNative]) {
      expect(verify(bad, msg, fromHex(v.public))).toBe(false);
      expect(verify(sig, Buffer.from("af83", "hex"), fromHex(v.public))).toBe(false);
      expect(verify(sig, msg, otherKey)).toBe(false);
      expect(verify(sig.subarray(0, 63), msg, fromHex(v.public))).toBe(false);
      expect(verify(sig, msg, Buffer.alloc(32, 0xff))).toBe(false);
    }
  });

  it("noble and native agree on fresh keys", () => {
    for (let i = 0; i < 5; i++) {
      const { secretKey, publicKey } = generateKeyPair();
      const msg = Buffer.from(`message ${i}`);
      const a = signNoble(msg, secretKey);
      expect(toHex(signNative(msg, secretKey))).toBe(toHex(a));
      expect(verifyNative(a, msg, publicKey) && verifyNoble(a, msg, publicKey)).toBe(true);
    }
  });
});
