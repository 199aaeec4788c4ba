"use client";
import { useQuery } from "@tanstack/react-query";
import { History } from "lucide-react";
import { Alert } from "@/app/_components/ui/alert";
import { EmptyState } from "@/app/_components/ui/empty-state";
import { Skeleton } from "@/app/_components/ui/skeleton";
import { errorMessage } from "@/app/_lib/errors";
import { useTRPC } from "@/app/_lib/trpc";
import { formatDateTime, formatRelative } from "@/app/_lib/utils";

const ACTION_TEXT: Record<string, string> = {
  "org.created": "Organization created",
  "org.updated": "Settings changed",
  "key.created": "API key created",
  "key.revoked": "API key revoked",
  "member.invited": "Teammate invited",
  "member.joined": "Teammate joined",
  "member.removed": "Member removed",
  "member.role_changed": "Role changed",
  "member.invitation_revoked": "Invitation revoked",
  "upstream.created": "Upstream added",
  "upstream.removed": "Upstream removed",
  "killswitch.engaged": "Kill switch engaged",
  "killswitch.released": "Kill switch released",
  "quota.set": "Quota changed",
  "agent.registered": "Agent registered",
  "agent.revoked": "Agent revoked",
};

function describe(action: string, meta: unknown): string {
  const base = ACTION_TEXT[action] ?? action;
  const m = (meta && typeof meta === "object" ? meta : {}) as Record<string, unknown>;
  if (typeof m.name === "string") return `${base}: ${m.name}`;
  if (typeof m.role === "string") return `${base} (${m.role})`;
  return base;
}

export function RecentActivity() {
  const trpc = useTRPC();
  const activity = useQuery(trpc.org.activity.queryOptions({ limit: 8 }));
  if (activity.isPending) {
    return <div className="grid gap-2">{[0, 1, 2].map((i) => <Skeleton key={i} className="h-5 w-full" />)}</div>;
  }
  if (activity.isError) return <Alert variant="destructive">{errorMessage(activity.error)}</Alert>;
  if (activity.data.length === 0) return <EmptyState icon={History} title="Nothing yet" className="py-6" />;
  return (
    <ul className="grid gap-2.5 text-sm">
      {activity.data.map((e) => (
        <li key={e.id} className="flex items-baseline justify-between gap-3">
          <span className="min-w-0 truncate">{describe(e.action, e.meta)}</span>
          <time className="shrink-0 text-xs text-muted-foreground" dateTime={new Date(e.createdAt).toISOString()} title={formatDateTime(e.createdAt)}>
            {formatRelative(e.createdAt)}
          </time>
        </li>
      ))}
    </ul>
  );
}
