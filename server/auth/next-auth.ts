// next-auth (v4) with the credentials provider and JWT sessions. Sign-in is
// guarded by a per-account and per-IP lockout kept in the store.
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { getStore } from "@/server/adapters";
import { getDb } from "@/server/db/client";
import { getEnv } from "@/server/env";
import { log } from "@/server/log/logger";
import { clearLoginFailures, isLockedOut, recordLoginFailure } from "@/server/auth/lockout";
import { dummyHash, verifyPassword } from "@/server/auth/password";

const ZCredentials = z.object({ email: z.string().trim().toLowerCase().email().max(254), password: z.string().min(1).max(200) });

type HeaderBag = Record<string, string | string[] | undefined> | Headers | undefined;

export function clientIp(headers: HeaderBag): string {
  const get = (n: string): string | undefined => {
    if (!headers) return undefined;
    if (headers instanceof Headers) return headers.get(n) ?? undefined;
    const v = headers[n];
    return Array.isArray(v) ? v[0] : v;
  };
  return get("x-forwarded-for")?.split(",")[0]?.trim() || get("x-real-ip") || "unknown";
}

export async function authorizeCredentials(raw: unknown, ip: string): Promise<{ id: string; email: string; name: string | null } | null> {
  const parsed = ZCredentials.safeParse(raw);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;
  const store = getStore();
  const locked = await isLockedOut(store, email, ip);
  if (locked) throw new Error(locked);
  const user = await getDb().user.findUnique({ where: { email } });
  const ok = await verifyPassword(password, user?.passwordHash ?? (await dummyHash()));
  if (!user || !ok) {
    await recordLoginFailure(store, email, ip);
    log.info("sign-in failed", { ip });
    return null;
  }
  await clearLoginFailures(store, email);
  return { id: user.id, email: user.email, name: user.name };
}

export function getAuthOptions(): NextAuthOptions {
  return {
    secret: getEnv().AUTH_SECRET,
    session: { strategy: "jwt", maxAge: 7 * 24 * 3600 },
    pages: { signIn: "/sign-in", error: "/sign-in" },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        authorize: (credentials, req) => authorizeCredentials(credentials, clientIp(req?.headers as HeaderBag)),
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        if (user) token.uid = user.id;
        return token;
      },
      session({ session, token }) {
        if (session.user && typeof token.uid === "string") (session.user as { id?: string }).id = token.uid;
        return session;
      },
    },
    logger: {
      error: (code, metadata) => log.warn("next-auth", { code, detail: metadata instanceof Error ? metadata.message : undefined }),
      warn: (code) => log.debug("next-auth", { code }),
      debug: () => undefined,
    },
  };
}
