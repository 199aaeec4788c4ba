import type { Metadata } from "next";
import { InspectionView } from "@/app/(dashboard)/[orgSlug]/inspection/inspection-view";

export const metadata: Metadata = { title: "Inspection — Aegis" };

export default function InspectionPage() {
  return <InspectionView />;
}
