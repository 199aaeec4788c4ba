// The design card's mount of the gateway core (serverless deployments). The
// production server (server/main.ts) answers /v1/* itself on a faster path;
// both call the same handle().
import { getGateway } from "@/server/gateway/instance";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

async function handler(req: Request): Promise<Response> {
  const gateway = await getGateway();
  return gateway.handle(req, { remoteAddress: req.headers.get("x-forwarded-for")?.split(",")[0]?.trim() ?? "unknown" });
}

export { handler as GET, handler as POST, handler as PUT, handler as PATCH, handler as DELETE, handler as HEAD, handler as OPTIONS };
