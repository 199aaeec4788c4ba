import type { Metadata } from "next";
import { InviteView } from "@/app/(auth)/invite/[token]/invite-view";

export const metadata: Metadata = { title: "Invitation — Aegis" };

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  return <InviteView token={token} />;
}
