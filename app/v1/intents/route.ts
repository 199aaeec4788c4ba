// An agent's approved, unused intents (GET /v1/intents), through the same gateway core.
export { GET } from "@/app/v1/gateway/[...path]/route";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";
