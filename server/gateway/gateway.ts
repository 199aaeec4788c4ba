// Placeholder until the pipeline lands: answers every gateway call with a
// documented JSON 404 so the fast path and route handler are wired end to end.
import { randomUUID } from "node:crypto";

export interface Gateway {
  handle(req: Request, meta: { remoteAddress: string }): Promise<Response>;
}

export async function createGateway(): Promise<Gateway> {
  return {
    async handle() {
      const requestId = randomUUID();
      return Response.json(
        { error: { code: "NOT_FOUND", message: "Unknown upstream", request_id: requestId } },
        { status: 404, headers: { "x-aegis-request-id": requestId } },
      );
    },
  };
}
