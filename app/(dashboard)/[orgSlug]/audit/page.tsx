import type { Metadata } from "next";
import { AuditView } from "@/app/(dashboard)/[orgSlug]/audit/audit-view";

export const metadata: Metadata = { title: "Audit trail — Aegis" };

export default function AuditPage() {
  return <AuditView />;
}
