import type { Metadata } from "next";
import { MembersView } from "@/app/(dashboard)/[orgSlug]/members/members-view";

export const metadata: Metadata = { title: "Team — Aegis" };

export default function MembersPage() {
  return <MembersView />;
}
