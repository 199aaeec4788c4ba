"use client";
import { useQuery } from "@tanstack/react-query";
import { Check, ChevronsUpDown, Plus } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { CreateOrgDialog } from "@/app/_components/create-org-dialog";
import {
  DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuLabel, DropdownMenuSeparator, DropdownMenuTrigger,
} from "@/app/_components/ui/dropdown-menu";
import { useTRPC } from "@/app/_lib/trpc";
import { cn } from "@/app/_lib/utils";

export function OrgSwitcher({ orgSlug, orgName, compact }: { orgSlug: string; orgName?: string; compact?: boolean }) {
  const trpc = useTRPC();
  const router = useRouter();
  const me = useQuery(trpc.auth.me.queryOptions());
  const [creating, setCreating] = useState(false);
  const current = me.data?.orgs.find((o) => o.slug === orgSlug);

  return (
    <>
      <DropdownMenu>
        <DropdownMenuTrigger
          aria-label="Switch organization"
          className={cn(
            "flex w-full items-center justify-between gap-2 rounded-md border border-border bg-background px-2.5 py-1.5 text-left text-sm shadow-sm hover:bg-accent focus:outline-none focus-visible:ring-2 focus-visible:ring-ring",
            compact && "w-auto max-w-[60vw]",
          )}
        >
          <span className="min-w-0">
            <span className="block truncate font-medium">{orgName ?? current?.name ?? orgSlug}</span>
            {!compact && current ? <span className="block text-xs capitalize text-muted-foreground">{current.role}</span> : null}
          </span>
          <ChevronsUpDown className="size-4 shrink-0 opacity-50" aria-hidden />
        </DropdownMenuTrigger>
        <DropdownMenuContent align="start" className="w-64">
          <DropdownMenuLabel>Organizations</DropdownMenuLabel>
          {(me.data?.orgs ?? []).map((o) => (
            <DropdownMenuItem key={o.id} onSelect={() => router.push(`/${o.slug}/overview`)}>
              <span className="min-w-0 flex-1 truncate">{o.name}</span>
              <span className="text-xs capitalize text-muted-foreground">{o.role}</span>
              {o.slug === orgSlug ? <Check aria-label="current" /> : <span className="size-4" />}
            </DropdownMenuItem>
          ))}
          <DropdownMenuSeparator />
          <DropdownMenuItem onSelect={() => setCreating(true)}>
            <Plus /> Create organization
          </DropdownMenuItem>
        </DropdownMenuContent>
      </DropdownMenu>
      <CreateOrgDialog open={creating} onOpenChange={setCreating} />
    </>
  );
}
