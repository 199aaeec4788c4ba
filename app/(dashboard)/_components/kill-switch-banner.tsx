"use client";
// Shown on every dashboard page while the org-wide kill switch is engaged, so
// nobody debugs "why is everything blocked" without seeing it.
import { useQuery } from "@tanstack/react-query";
import { Power } from "lucide-react";
import Link from "next/link";
import { useOrg } from "@/app/(dashboard)/_components/org-context";
import { useTRPC } from "@/app/_lib/trpc";

export function KillSwitchBanner() {
  const trpc = useTRPC();
  const { org, can } = useOrg();
  const list = useQuery({ ...trpc.killswitch.list.queryOptions(), enabled: can("killswitch.read") });
  if (!list.data?.some((k) => k.agent === null)) return null;
  return (
    <div role="status" className="mb-6 flex flex-wrap items-center gap-2 rounded-lg border border-red-300 bg-red-50 px-4 py-2.5 text-sm text-red-900">
      <Power className="size-4" aria-hidden />
      <span className="font-medium">Kill switch engaged:</span> all gateway traffic for {org.name} is blocked.
      <Link href={`/${org.slug}/kill-switch`} className="ml-auto font-medium underline underline-offset-4">Manage</Link>
    </div>
  );
}
