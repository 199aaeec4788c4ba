"use client";
// The browser's tRPC client. Every request carries x-aegis-csrf (mutations
// without it are refused as cross-site) and, inside the dashboard, x-aegis-org
// naming the org from the URL. Each org gets its own QueryClient, so cached
// data of one org can never show up on another org's pages.
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { createTRPCClient, httpBatchLink, TRPCClientError } from "@trpc/client";
import { createTRPCContext } from "@trpc/tanstack-react-query";
import { useState } from "react";
import superjson from "superjson";
import type { AppRouter } from "@/server/api/root";

export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

const NO_RETRY_CODES = new Set(["UNAUTHORIZED", "FORBIDDEN", "NOT_FOUND", "BAD_REQUEST", "UNPROCESSABLE_CONTENT", "CONFLICT"]);

function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 15_000,
        refetchOnWindowFocus: false,
        // Client errors will not fix themselves; only retry transient failures.
        retry: (count, err) => {
          const code = err instanceof TRPCClientError ? (err.data as { code?: string } | undefined)?.code : undefined;
          return !(code && NO_RETRY_CODES.has(code)) && count < 2;
        },
      },
    },
  });
}

export function TRPCReactProvider({ orgSlug, children }: { orgSlug?: string; children: React.ReactNode }) {
  const [queryClient] = useState(makeQueryClient);
  const [trpcClient] = useState(() =>
    createTRPCClient<AppRouter>({
      links: [
        httpBatchLink({
          url: "/api/trpc",
          transformer: superjson,
          headers: () => {
            const h: Record<string, string> = { "x-aegis-csrf": "1" };
            if (orgSlug) h["x-aegis-org"] = orgSlug;
            return h;
          },
        }),
      ],
    }),
  );
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        {children}
      </TRPCProvider>
    </QueryClientProvider>
  );
}
