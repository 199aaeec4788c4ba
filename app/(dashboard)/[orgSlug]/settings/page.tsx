import type { Metadata } from "next";
import { SettingsView } from "@/app/(dashboard)/[orgSlug]/settings/settings-view";

export const metadata: Metadata = { title: "Settings — Aegis" };

export default function SettingsPage() {
  return <SettingsView />;
}
