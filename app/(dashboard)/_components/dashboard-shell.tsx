"use client";
// Loads the current org once (org.current) and gates every dashboard page on
// it: pages below can rely on useOrg() holding the org and its permissions.
import { useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useMemo } from "react";
import { KillSwitchBanner } from "@/app/(dashboard)/_components/kill-switch-banner";
import { OrgContext } from "@/app/(dashboard)/_components/org-context";
import { MobileNav, Sidebar } from "@/app/(dashboard)/_components/sidebar";
import { Logo } from "@/app/_components/logo";
import { Alert } from "@/app/_components/ui/alert";
import { Button } from "@/app/_components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/app/_components/ui/card";
import { Skeleton } from "@/app/_components/ui/skeleton";
import { errorCode, errorMessage } from "@/app/_lib/errors";
import { useTRPC } from "@/app/_lib/trpc";
import type { Permission } from "@/server/auth/permissions";

export function DashboardShell({ orgSlug, children }: { orgSlug: string; children: React.ReactNode }) {
  const trpc = useTRPC();
  const router = useRouter();
  const current = useQuery(trpc.org.current.queryOptions());
  const code = errorCode(current.error);

  useEffect(() => {
    if (code === "UNAUTHORIZED") router.replace(`/sign-in?callbackUrl=${encodeURIComponent(`/${orgSlug}/overview`)}`);
  }, [code, orgSlug, router]);

  const permissions = current.data?.permissions;
  const can = useCallback((p: Permission) => !!permissions?.includes(p), [permissions]);
  const value = useMemo(() => (current.data ? { org: current.data, can } : null), [current.data, can]);

  if (current.isError && code !== "UNAUTHORIZED") {
    return (
      <div className="flex min-h-screen flex-col bg-muted/40">
        <header className="px-6 py-5"><Logo href="/orgs" /></header>
        <main className="flex flex-1 justify-center px-4 pt-12">
          <Card className="h-fit w-full max-w-md">
            <CardHeader>
              <CardTitle className="text-xl">{code === "NOT_FOUND" ? "Organization not found" : "Could not load this organization"}</CardTitle>
              <CardDescription>
                {code === "NOT_FOUND"
                  ? `There is no organization “${orgSlug}”, or you are not a member of it.`
                  : errorMessage(current.error)}
              </CardDescription>
            </CardHeader>
            <CardContent className="flex gap-2">
              <Button onClick={() => router.push("/orgs")}>Go to my organizations</Button>
              {code !== "NOT_FOUND" ? <Button variant="outline" onClick={() => void current.refetch()}>Retry</Button> : null}
            </CardContent>
          </Card>
        </main>
      </div>
    );
  }

  return (
    <div className="flex min-h-screen bg-background">
      <Sidebar orgSlug={orgSlug} can={value?.can} orgName={current.data?.name} />
      <div className="flex min-w-0 flex-1 flex-col">
        <MobileNav orgSlug={orgSlug} can={value?.can} orgName={current.data?.name} />
        <main className="mx-auto w-full max-w-6xl flex-1 px-4 py-6 sm:px-8 sm:py-8">
          {value ? (
            <OrgContext.Provider value={value}>
              <KillSwitchBanner />
              {children}
            </OrgContext.Provider>
          ) : current.isError ? (
            <Alert variant="destructive">{errorMessage(current.error)}</Alert>
          ) : (
            <div className="grid gap-4" aria-busy aria-label="Loading">
              <Skeleton className="h-8 w-48" />
              <Skeleton className="h-4 w-96" />
              <Skeleton className="h-40 w-full" />
            </div>
          )}
        </main>
      </div>
    </div>
  );
}
