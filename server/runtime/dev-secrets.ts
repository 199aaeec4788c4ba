// Development secrets for the embedded default: generated once, kept in the
// data dir (mode 0600), loudly flagged as local-only in the log.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";

const ZDevSecrets = z.object({
  authSecret: z.string().min(32),
  kek: z.string(),
  kekId: z.string(),
  pgPassword: z.string().min(16),
});
export type TDevSecrets = z.infer<typeof ZDevSecrets>;

export function loadOrCreateDevSecrets(dataDir: string): { secrets: TDevSecrets; created: boolean } {
  const file = path.join(dataDir, "dev-secrets.json");
  if (fs.existsSync(file)) {
    const parsed = ZDevSecrets.safeParse(JSON.parse(fs.readFileSync(file, "utf8")));
    if (!parsed.success) throw new Error(`${file} is corrupt; move it away to regenerate (data encrypted with it becomes unreadable)`);
    return { secrets: parsed.data, created: false };
  }
  fs.mkdirSync(dataDir, { recursive: true });
  const secrets: TDevSecrets = {
    authSecret: randomBytes(32).toString("base64url"),
    kek: randomBytes(32).toString("base64"),
    kekId: "dev1",
    pgPassword: randomBytes(18).toString("base64url"),
  };
  fs.writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600, flag: "wx" });
  return { secrets, created: true };
}
