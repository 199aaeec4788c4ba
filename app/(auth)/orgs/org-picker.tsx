"use client";
// Post-sign-in landing: sends the user straight to their first organization,
// or offers to create one when they belong to none (e.g. after being removed).
import { useQuery } from "@tanstack/react-query";
import { Building2 } from "lucide-react";
import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { CreateOrgDialog } from "@/app/_components/create-org-dialog";
import { Alert } from "@/app/_components/ui/alert";
import { Button } from "@/app/_components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/app/_components/ui/card";
import { EmptyState } from "@/app/_components/ui/empty-state";
import { Skeleton } from "@/app/_components/ui/skeleton";
import { errorCode, errorMessage } from "@/app/_lib/errors";
import { useTRPC } from "@/app/_lib/trpc";

export function OrgPicker() {
  const trpc = useTRPC();
  const router = useRouter();
  const me = useQuery(trpc.auth.me.queryOptions());
  const first = me.data?.orgs[0];

  useEffect(() => {
    if (first) router.replace(`/${first.slug}/overview`);
  }, [first, router]);
  useEffect(() => {
    if (errorCode(me.error) === "UNAUTHORIZED") router.replace("/sign-in?callbackUrl=%2Forgs");
  }, [me.error, router]);

  if (me.isError) {
    return <Alert variant="destructive" className="max-w-md">{errorMessage(me.error)}</Alert>;
  }
  if (me.isPending || first) {
    return (
      <Card className="w-full max-w-md p-6" aria-busy>
        <Skeleton className="mb-3 h-6 w-1/2" />
        <Skeleton className="h-4 w-3/4" />
      </Card>
    );
  }
  return (
    <Card className="w-full max-w-md">
      <CardHeader>
        <CardTitle className="text-xl">No organization yet</CardTitle>
        <CardDescription>Signed in as {me.data.user.email}.</CardDescription>
      </CardHeader>
      <CardContent>
        <EmptyState
          icon={Building2}
          title="You are not a member of any organization"
          description="Create one, or open the invitation link a teammate sent you."
          action={<CreateOrgDialog trigger={<Button>Create organization</Button>} />}
        />
      </CardContent>
    </Card>
  );
}
