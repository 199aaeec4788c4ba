"use client";
import { useEffect, useState } from "react";
import { CodeBlock } from "@/app/_components/ui/code-block";

/** The one-line change a customer makes: point the base URL at the gateway. */
export function quickStartSnippet(origin: string, apiKey: string): string {
  return [
    `# Send your API traffic through Aegis: replace the upstream's base URL`,
    `# with ${origin}/v1/gateway/<upstream> and authenticate with your Aegis key.`,
    `curl ${origin}/v1/gateway/my-upstream/v1/chat/completions \\`,
    `  -H "Authorization: Bearer ${apiKey}" \\`,
    `  -H "Content-Type: application/json" \\`,
    `  -d '{"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "Hello"}]}'`,
  ].join("\n");
}

export function useOrigin(): string {
  const [origin, setOrigin] = useState("https://aegis.example.com");
  useEffect(() => setOrigin(window.location.origin), []);
  return origin;
}

export function QuickStart({ apiKey }: { apiKey: string }) {
  const origin = useOrigin();
  return <CodeBlock code={quickStartSnippet(origin, apiKey)} copyLabel="Copy snippet" />;
}
