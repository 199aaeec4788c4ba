// Inngest's endpoint: serves every job definition (server/jobs/registry.ts) when
// Inngest is configured (INNGEST_EVENT_KEY / INNGEST_SIGNING_KEY). Otherwise the local
// driver runs the same definitions in-process and this route answers 404.
import { serve } from "inngest/next";
import { createInngestFunctions, inngest, isInngestConfigured } from "@/server/jobs/client";
import { defaultJobDeps } from "@/server/jobs/deps";

export const dynamic = "force-dynamic";

const handlers = serve({ client: inngest, functions: createInngestFunctions(defaultJobDeps) });

type THandler = (req: Request, ctx: unknown) => Promise<Response>;

const notConfigured = () =>
  Response.json({ error: { code: "NOT_FOUND", message: "Inngest is not configured; jobs run in-process" } }, { status: 404 });

const guard = (handler: unknown): THandler => (req, ctx) => (isInngestConfigured() ? (handler as THandler)(req, ctx) : Promise.resolve(notConfigured()));

export const GET = guard(handlers.GET);
export const POST = guard(handlers.POST);
export const PUT = guard(handlers.PUT);
