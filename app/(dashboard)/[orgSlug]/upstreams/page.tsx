import type { Metadata } from "next";
import { UpstreamsView } from "@/app/(dashboard)/[orgSlug]/upstreams/upstreams-view";

export const metadata: Metadata = { title: "Upstreams — Aegis" };

export default function UpstreamsPage() {
  return <UpstreamsView />;
}
