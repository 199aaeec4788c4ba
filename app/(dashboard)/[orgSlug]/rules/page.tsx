import type { Metadata } from "next";
import { RulesView } from "@/app/(dashboard)/[orgSlug]/rules/rules-view";

export const metadata: Metadata = { title: "Rules — Aegis" };

export default function RulesPage() {
  return <RulesView />;
}
