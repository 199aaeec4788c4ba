/**
 * The key-encryption keyring built from configuration (AEGIS_KEK, AEGIS_KEK_ID,
 * AEGIS_KEK_PREVIOUS). Audit signing secrets are envelope-encrypted with it. Callers
 * that own configuration (server start-up, CLI, jobs) build it once and inject it.
 */
import { createKeyring, parseKekMaterial, type TKeyring } from "@/server/crypto/envelope";
import { getEnv } from "@/server/env";

export function keyringFromEnv(): TKeyring {
  const env = getEnv();
  if (!env.AEGIS_KEK) throw new Error("AEGIS_KEK is not set (boot() resolves a development key when unset)");
  const previous = (env.AEGIS_KEK_PREVIOUS ?? "")
    .split(",")
    .filter(Boolean)
    .map((entry) => {
      const at = entry.indexOf(":");
      return parseKekMaterial(entry.slice(0, at), entry.slice(at + 1));
    });
  return createKeyring({ current: parseKekMaterial(env.AEGIS_KEK_ID, env.AEGIS_KEK), previous });
}
