// The one place that reads process.env. Validated once with zod; a missing or
// malformed variable stops the process with a message naming it.
import { z } from "zod";
import path from "node:path";

const optionalUrl = z.string().url().optional();
const base64Key = z
  .string()
  .refine((s) => Buffer.from(s, "base64").length === 32, "must be 32 bytes, base64-encoded");

const ZEnv = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    HOSTNAME: z.string().default("0.0.0.0"),
    AEGIS_DATA_DIR: z.string().default(".aegis"),
    AEGIS_PUBLIC_URL: optionalUrl,
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, "must be a postgresql:// URL")
      .optional(),
    UPSTASH_REDIS_REST_URL: optionalUrl,
    UPSTASH_REDIS_REST_TOKEN: z.string().min(1).optional(),
    REDIS_URL: z
      .string()
      .regex(/^rediss?:\/\//, "must be a redis:// or rediss:// URL")
      .optional(),
    AUTH_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
    AEGIS_KEK: base64Key.optional(),
    AEGIS_KEK_ID: z.string().regex(/^[a-z0-9-]{1,32}$/).default("k1"),
    // Older key-encryption keys, still able to decrypt: "kid:base64,kid:base64".
    AEGIS_KEK_PREVIOUS: z
      .string()
      .regex(/^([a-z0-9-]{1,32}:[A-Za-z0-9+/=]+)(,[a-z0-9-]{1,32}:[A-Za-z0-9+/=]+)*$/)
      .optional(),
    SMTP_URL: z.string().regex(/^smtps?:\/\//, "must be an smtp:// URL").optional(),
    MAIL_FROM: z.string().default("Aegis <no-reply@aegis.local>"),
    INNGEST_EVENT_KEY: z.string().optional(),
    INNGEST_SIGNING_KEY: z.string().optional(),
    LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
    AEGIS_MAX_BODY_BYTES: z.coerce.number().int().positive().default(1_048_576),
    AEGIS_WORKERS: z.coerce.number().int().min(1).max(64).optional(),
    AEGIS_WORKER_INDEX: z.string().optional(),
    // "off" sends /v1/* through Next.js (the App Router mount) instead of the
    // fast path in server/main.ts: for comparing the two (bench/gateway).
    AEGIS_FASTPATH: z.enum(["on", "off"]).default("on"),
    // "on": the production server runs the audit appender on a worker thread (server/audit/thread-sink.ts).
    AEGIS_AUDIT_THREAD: z.enum(["on", "off"]).default("on"),
  })
  .superRefine((env, ctx) => {
    if (!!env.UPSTASH_REDIS_REST_URL !== !!env.UPSTASH_REDIS_REST_TOKEN) {
      ctx.addIssue({
        code: "custom",
        path: [env.UPSTASH_REDIS_REST_URL ? "UPSTASH_REDIS_REST_TOKEN" : "UPSTASH_REDIS_REST_URL"],
        message: "UPSTASH_REDIS_REST_URL and UPSTASH_REDIS_REST_TOKEN must be set together",
      });
    }
  });

export type TEnv = z.infer<typeof ZEnv> & { dataDir: string };

export class ConfigError extends Error {}

export function parseEnv(source: Record<string, string | undefined>): TEnv {
  // Empty strings are treated as unset, as shells and .env files produce them.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const result = ZEnv.safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".") || "(env)"}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join("\n")}`);
  }
  return { ...result.data, dataDir: path.resolve(result.data.AEGIS_DATA_DIR) };
}

let cached: TEnv | undefined;

export function getEnv(): TEnv {
  cached ??= parseEnv(process.env);
  return cached;
}

/** Publishes values resolved at start-up (embedded database URL...) to code that
 * runs in the same process but was bundled separately (the Next.js server). */
export function publishResolvedEnv(values: Record<string, string>): void {
  for (const [k, v] of Object.entries(values)) process.env[k] = v;
  cached = undefined;
}

export function isProduction(): boolean {
  return getEnv().NODE_ENV === "production";
}
