import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { randomUUID } from "node:crypto";
import { appRouter } from "@/server/api/root";
import { createContext } from "@/server/api/context";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

function handler(req: Request) {
  const requestId = req.headers.get("x-request-id") ?? randomUUID();
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    createContext: () => createContext(req, requestId),
    responseMeta: () => ({ headers: new Headers({ "x-request-id": requestId }) }),
  });
}

export { handler as GET, handler as POST };
