// tRPC context: who is calling (session user) and which org they *claim* to act
// in. The org is only trusted after orgProcedure checks the membership.
import { getServerSession } from "next-auth";
import { getDb, type Db } from "@/server/db/client";
import { getAuthOptions } from "@/server/auth/next-auth";

export interface SessionUser {
  id: string;
  email: string;
}

export interface Context {
  db: Db;
  user: SessionUser | null;
  /** From the x-aegis-org header: a slug nobody has verified yet. */
  unverifiedOrgSlug: string | null;
  requestId: string;
  /** Mutations must come from our own pages (see csrfGuard in trpc.ts). */
  isSameOrigin: boolean;
  ip: string;
}

export function isSameOriginRequest(req: Request): boolean {
  if (req.headers.get("x-aegis-csrf") !== "1") return false;
  const origin = req.headers.get("origin");
  if (!origin) return true; // same-origin fetches without Origin still carry the custom header
  const host = req.headers.get("x-forwarded-host") ?? req.headers.get("host");
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

export async function createContext(req: Request, requestId: string): Promise<Context> {
  const db = getDb();
  const session = await getServerSession(getAuthOptions());
  const uid = (session?.user as { id?: string } | undefined)?.id;
  const user = uid ? await db.user.findUnique({ where: { id: uid }, select: { id: true, email: true } }) : null;
  return {
    db,
    user,
    unverifiedOrgSlug: req.headers.get("x-aegis-org"),
    requestId,
    isSameOrigin: isSameOriginRequest(req),
    ip: req.headers.get("x-forwarded-for")?.split(",")[0]?.trim() ?? "unknown",
  };
}
