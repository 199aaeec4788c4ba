"use client";
import { useQuery } from "@tanstack/react-query";
import { ArrowRight, Eye, KeyRound, ShieldAlert, ShieldCheck, Users } from "lucide-react";
import Link from "next/link";
import { RecentActivity } from "@/app/(dashboard)/[orgSlug]/overview/recent-activity";
import { degradedModeInfo } from "@/app/(dashboard)/_components/modes";
import { useOrg } from "@/app/(dashboard)/_components/org-context";
import { PageHeader } from "@/app/(dashboard)/_components/page-header";
import { roleLabel } from "@/app/(dashboard)/_components/roles";
import { PIPELINE } from "@/app/_components/pipeline";
import { useOrigin } from "@/app/_components/quick-start";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/app/_components/ui/card";
import { CodeBlock } from "@/app/_components/ui/code-block";
import { Skeleton } from "@/app/_components/ui/skeleton";
import { useTRPC } from "@/app/_lib/trpc";

export function OverviewView() {
  const trpc = useTRPC();
  const { org, can } = useOrg();
  const keys = useQuery({ ...trpc.keys.list.queryOptions(), enabled: can("keys.read") });
  const members = useQuery({ ...trpc.members.list.queryOptions(), enabled: can("members.read") });
  const origin = useOrigin();
  const activeKeys = keys.data?.filter((k) => k.status === "active").length;
  const degraded = degradedModeInfo(org.degradedMode);

  return (
    <>
      <PageHeader
        title={org.name}
        description={<>You are signed in as <span className="font-medium text-foreground">{roleLabel(org.role).toLowerCase()}</span> of this organization.</>}
      />
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <StatCard
          title="Enforcement"
          icon={org.shadowMode ? Eye : ShieldCheck}
          value={org.shadowMode ? "Shadow mode" : "Enforcing"}
          detail={org.shadowMode ? "Decisions are recorded, nothing is blocked" : "Blocking decisions are applied"}
          href={`/${org.slug}/settings`}
          tone={org.shadowMode ? "warning" : "success"}
        />
        <StatCard title="Degraded mode" icon={ShieldAlert} value={degraded.short} detail="When a check is unavailable" href={`/${org.slug}/settings`} />
        <StatCard
          title="Active API keys"
          icon={KeyRound}
          value={keys.isPending ? null : String(activeKeys ?? "—")}
          detail={keys.data ? `${keys.data.length} in total` : "Keys for gateway clients"}
          href={`/${org.slug}/keys`}
        />
        <StatCard
          title="Team"
          icon={Users}
          value={members.isPending ? null : String(members.data?.members.length ?? "—")}
          detail={members.data?.invitations.length ? `${members.data.invitations.length} pending invitations` : "Members of this organization"}
          href={`/${org.slug}/members`}
        />
      </div>

      <div className="mt-6 grid gap-6 lg:grid-cols-5">
        <Card className="lg:col-span-3">
          <CardHeader>
            <CardTitle>Route traffic through Aegis</CardTitle>
            <CardDescription>
              Change your client&apos;s base URL to the gateway and send an Aegis API key. Every call then passes the pipeline below before it
              reaches the upstream.
            </CardDescription>
          </CardHeader>
          <CardContent className="grid gap-4">
            <CodeBlock
              code={`# before\nhttps://api.example.com/v1/orders\n\n# after\n${origin}/v1/gateway/<upstream>/v1/orders\nAuthorization: Bearer <your Aegis API key>`}
              copyLabel="Copy"
            />
            <ol className="grid gap-1.5 text-sm">
              {PIPELINE.map((s, i) => (
                <li key={s.name} className="flex gap-2">
                  <span className="w-5 shrink-0 text-right font-mono text-xs leading-5 text-muted-foreground">{i + 1}</span>
                  <span><span className="font-medium">{s.name}</span> <span className="text-muted-foreground">— {s.short}</span></span>
                </li>
              ))}
            </ol>
          </CardContent>
        </Card>
        <Card className="lg:col-span-2">
          <CardHeader>
            <CardTitle>Recent activity</CardTitle>
            <CardDescription>Changes to this organization&apos;s configuration.</CardDescription>
          </CardHeader>
          <CardContent>
            {can("audit.read") ? (
              <RecentActivity />
            ) : (
              <p className="text-sm text-muted-foreground">Your role does not include the activity log.</p>
            )}
          </CardContent>
        </Card>
      </div>
    </>
  );
}

function StatCard({
  title, icon: Icon, value, detail, href, tone,
}: {
  title: string;
  icon: typeof Eye;
  value: string | null;
  detail: string;
  href: string;
  tone?: "success" | "warning";
}) {
  return (
    <Link href={href} className="group rounded-lg focus:outline-none focus-visible:ring-2 focus-visible:ring-ring">
      <Card className="h-full p-4 transition-colors group-hover:bg-muted/40">
        <div className="flex items-center justify-between text-sm text-muted-foreground">
          <span>{title}</span>
          <Icon className="size-4" aria-hidden />
        </div>
        <div className="mt-2 flex items-center gap-2 text-xl font-semibold">
          {tone ? <span aria-hidden className={`size-2 rounded-full ${tone === "success" ? "bg-emerald-500" : "bg-amber-500"}`} /> : null}
          {value === null ? <Skeleton className="h-7 w-12" /> : value}
        </div>
        <p className="mt-1 flex items-center gap-1 text-xs text-muted-foreground">
          {detail}
          <ArrowRight className="size-3 opacity-0 transition-opacity group-hover:opacity-100" aria-hidden />
        </p>
      </Card>
    </Link>
  );
}
