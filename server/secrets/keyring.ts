// The process keyring: the current key-encryption key (AEGIS_KEK / AEGIS_KEK_ID,
// or the dev KEK from the data dir) plus older ones still able to decrypt
// (AEGIS_KEK_PREVIOUS). Rotation: make the new KEK current, list the old one
// as previous, then run `aegis secrets rewrap` to migrate rows.
import { createKeyring, parseKekMaterial, type TKeyring } from "@/server/crypto/envelope";
import { getEnv } from "@/server/env";

let cached: { material: string; ring: TKeyring } | undefined;

export function getKeyring(): TKeyring {
  const env = getEnv();
  if (!env.AEGIS_KEK) throw new Error("AEGIS_KEK is not resolved: start through server/main.ts or set AEGIS_KEK");
  const material = `${env.AEGIS_KEK_ID}:${env.AEGIS_KEK}|${env.AEGIS_KEK_PREVIOUS ?? ""}`;
  if (cached?.material === material) return cached.ring;
  const previous = (env.AEGIS_KEK_PREVIOUS ?? "")
    .split(",")
    .filter(Boolean)
    .map((pair) => {
      const i = pair.indexOf(":");
      return parseKekMaterial(pair.slice(0, i), pair.slice(i + 1));
    });
  const ring = createKeyring({ current: parseKekMaterial(env.AEGIS_KEK_ID, env.AEGIS_KEK), previous });
  cached = { material, ring };
  return ring;
}

export const upstreamSecretAad = (orgId: string, upstreamId: string) => `upstream-secret:${orgId}:${upstreamId}`;
