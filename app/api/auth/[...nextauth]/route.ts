import NextAuth from "next-auth";
import { getAuthOptions } from "@/server/auth/next-auth";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

type Handler = (req: Request, ctx: { params: Promise<{ nextauth: string[] }> }) => Promise<Response>;

// Options are read per request so configuration resolved at start-up applies.
const handler: Handler = (req, ctx) => (NextAuth(getAuthOptions()) as Handler)(req, ctx);

export { handler as GET, handler as POST };
