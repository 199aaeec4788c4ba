"use client";
import { useMutation, useQuery } from "@tanstack/react-query";
import { Loader2, MailCheck } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { signOut } from "next-auth/react";
import { Alert } from "@/app/_components/ui/alert";
import { Badge } from "@/app/_components/ui/badge";
import { Button } from "@/app/_components/ui/button";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@/app/_components/ui/card";
import { Skeleton } from "@/app/_components/ui/skeleton";
import { errorMessage } from "@/app/_lib/errors";
import { useTRPC } from "@/app/_lib/trpc";
import { formatDate } from "@/app/_lib/utils";

const STATE_TEXT: Record<string, string> = {
  accepted: "This invitation has already been used.",
  revoked: "This invitation was revoked. Ask an admin of the organization for a new one.",
  expired: "This invitation has expired. Ask an admin of the organization for a new one.",
};

export function InviteView({ token }: { token: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const invite = useQuery({ ...trpc.members.describeInvitation.queryOptions({ token }), retry: false });
  const me = useQuery({ ...trpc.auth.me.queryOptions(), retry: false });
  const accept = useMutation(
    trpc.members.acceptInvitation.mutationOptions({
      onSuccess: (res) => {
        router.push(`/${res.orgSlug}/overview`);
        router.refresh();
      },
    }),
  );

  if (invite.isPending || me.isPending) {
    return (
      <Card className="w-full max-w-md p-6">
        <Skeleton className="mb-3 h-6 w-2/3" />
        <Skeleton className="h-4 w-full" />
      </Card>
    );
  }
  if (invite.isError) {
    return (
      <Card className="w-full max-w-md">
        <CardHeader>
          <CardTitle className="text-xl">Invitation not found</CardTitle>
          <CardDescription>{errorMessage(invite.error)}</CardDescription>
        </CardHeader>
        <CardFooter>
          <Button asChild variant="outline"><Link href="/">Back to Aegis</Link></Button>
        </CardFooter>
      </Card>
    );
  }

  const inv = invite.data;
  const here = `/invite/${encodeURIComponent(token)}`;
  const user = me.data?.user ?? null;
  const emailMismatch = !!user && user.email.toLowerCase() !== inv.email.toLowerCase();
  const alreadyMember = !!me.data?.orgs.some((o) => o.slug === inv.orgSlug);

  return (
    <Card className="w-full max-w-md">
      <CardHeader>
        <MailCheck className="mb-1 size-6 text-primary" aria-hidden />
        <CardTitle className="text-xl">Join {inv.orgName} on Aegis</CardTitle>
        <CardDescription>
          <span className="font-medium text-foreground">{inv.email}</span> is invited as{" "}
          <Badge variant="secondary" className="align-middle">{inv.role}</Badge>
          {inv.state === "pending" ? <> · expires {formatDate(inv.expiresAt)}</> : null}
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-3">
        {inv.state !== "pending" ? <Alert variant="warning">{STATE_TEXT[inv.state]}</Alert> : null}
        {inv.state === "pending" && !user ? (
          <p className="text-sm text-muted-foreground">Sign in with {inv.email} to accept, or create an account for that email.</p>
        ) : null}
        {inv.state === "pending" && emailMismatch ? (
          <Alert variant="warning">
            You are signed in as {user.email}, but this invitation is for {inv.email}. Sign out and sign in with that email.
          </Alert>
        ) : null}
        {accept.isError ? <Alert variant="destructive">{errorMessage(accept.error)}</Alert> : null}
      </CardContent>
      <CardFooter className="flex-wrap justify-end">
        {inv.state !== "pending" ? (
          alreadyMember ? (
            <Button asChild><Link href={`/${inv.orgSlug}/overview`}>Open {inv.orgName}</Link></Button>
          ) : (
            <Button asChild variant="outline"><Link href={user ? "/orgs" : "/"}>Back</Link></Button>
          )
        ) : !user ? (
          <>
            <Button asChild variant="outline">
              <Link href={`/sign-up?email=${encodeURIComponent(inv.email)}&callbackUrl=${encodeURIComponent(here)}`}>Create account</Link>
            </Button>
            <Button asChild>
              <Link href={`/sign-in?email=${encodeURIComponent(inv.email)}&callbackUrl=${encodeURIComponent(here)}`}>Sign in to accept</Link>
            </Button>
          </>
        ) : emailMismatch ? (
          <Button variant="outline" onClick={() => void signOut({ callbackUrl: `/sign-in?callbackUrl=${encodeURIComponent(here)}` })}>
            Sign out
          </Button>
        ) : (
          <Button onClick={() => accept.mutate({ token })} disabled={accept.isPending}>
            {accept.isPending ? <Loader2 className="animate-spin" /> : null}
            Accept invitation
          </Button>
        )}
      </CardFooter>
    </Card>
  );
}
