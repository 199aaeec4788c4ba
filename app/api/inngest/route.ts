// Inngest's endpoint: serves every job definition (server/jobs/registry.ts).
// Only used when Inngest is configured; the local driver runs them otherwise.
import { serve } from "inngest/next";
import { createInngestFunctions, inngest } from "@/server/jobs/client";
import { defaultJobDeps } from "@/server/jobs/deps";

export const dynamic = "force-dynamic";

export const { GET, POST, PUT } = serve({ client: inngest, functions: createInngestFunctions(defaultJobDeps) });
