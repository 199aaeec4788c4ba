import type { Metadata } from "next";
import { AnalyticsView } from "@/app/(dashboard)/[orgSlug]/analytics/analytics-view";

export const metadata: Metadata = { title: "Analytics — Aegis" };

export default function AnalyticsPage() {
  return <AnalyticsView />;
}
