import type { Metadata } from "next";
import { QuotasView } from "@/app/(dashboard)/[orgSlug]/quotas/quotas-view";

export const metadata: Metadata = { title: "Quotas — Aegis" };

export default function QuotasPage() {
  return <QuotasView />;
}
