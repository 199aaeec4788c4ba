import type { Metadata } from "next";
import { KillSwitchView } from "@/app/(dashboard)/[orgSlug]/kill-switch/kill-switch-view";

export const metadata: Metadata = { title: "Kill switch — Aegis" };

export default function KillSwitchPage() {
  return <KillSwitchView />;
}
