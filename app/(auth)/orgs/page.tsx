import type { Metadata } from "next";
import { OrgPicker } from "@/app/(auth)/orgs/org-picker";

export const metadata: Metadata = { title: "Organizations — Aegis" };

export default function OrgsPage() {
  return <OrgPicker />;
}
