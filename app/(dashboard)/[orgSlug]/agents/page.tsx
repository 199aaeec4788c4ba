import type { Metadata } from "next";
import { AgentsView } from "@/app/(dashboard)/[orgSlug]/agents/agents-view";

export const metadata: Metadata = { title: "Agents — Aegis" };

export default function AgentsPage() {
  return <AgentsView />;
}
