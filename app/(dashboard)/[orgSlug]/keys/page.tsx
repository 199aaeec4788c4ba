import type { Metadata } from "next";
import { KeysView } from "@/app/(dashboard)/[orgSlug]/keys/keys-view";

export const metadata: Metadata = { title: "API keys — Aegis" };

export default function KeysPage() {
  return <KeysView />;
}
