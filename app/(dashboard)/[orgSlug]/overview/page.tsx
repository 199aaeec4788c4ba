import type { Metadata } from "next";
import { OverviewView } from "@/app/(dashboard)/[orgSlug]/overview/overview-view";

export const metadata: Metadata = { title: "Overview — Aegis" };

export default function OverviewPage() {
  return <OverviewView />;
}
