"use client";
import { useQuery } from "@tanstack/react-query";
import { Mail, Users } from "lucide-react";
import { InviteDialog } from "@/app/(dashboard)/[orgSlug]/members/invite-dialog";
import { MemberRow } from "@/app/(dashboard)/[orgSlug]/members/member-row";
import { RevokeInvitationButton } from "@/app/(dashboard)/[orgSlug]/members/revoke-invitation-button";
import { useOrg } from "@/app/(dashboard)/_components/org-context";
import { PageHeader } from "@/app/(dashboard)/_components/page-header";
import { roleLabel } from "@/app/(dashboard)/_components/roles";
import { Alert } from "@/app/_components/ui/alert";
import { Badge } from "@/app/_components/ui/badge";
import { Card, CardDescription, CardHeader, CardTitle } from "@/app/_components/ui/card";
import { EmptyState } from "@/app/_components/ui/empty-state";
import { Skeleton } from "@/app/_components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/app/_components/ui/table";
import { errorMessage } from "@/app/_lib/errors";
import { useTRPC } from "@/app/_lib/trpc";
import { formatDate } from "@/app/_lib/utils";

export function MembersView() {
  const trpc = useTRPC();
  const { can } = useOrg();
  const list = useQuery(trpc.members.list.queryOptions());
  const me = useQuery(trpc.auth.me.queryOptions());
  const canInvite = can("members.invite");

  return (
    <>
      <PageHeader
        title="Team"
        description="People who can sign in to this organization, and what their role lets them do."
        actions={canInvite ? <InviteDialog /> : null}
      />
      {list.isPending ? (
        <Card className="grid gap-2 p-4" aria-busy aria-label="Loading members">
          {[0, 1, 2].map((i) => <Skeleton key={i} className="h-9 w-full" />)}
        </Card>
      ) : list.isError ? (
        <Alert variant="destructive">{errorMessage(list.error)}</Alert>
      ) : (
        <div className="grid gap-6">
          <Card>
            <CardHeader>
              <CardTitle>Members</CardTitle>
              <CardDescription>{list.data.members.length} {list.data.members.length === 1 ? "member" : "members"}</CardDescription>
            </CardHeader>
            {list.data.members.length === 0 ? (
              <EmptyState icon={Users} title="No members" />
            ) : (
              <Table aria-label="Members">
                <TableHeader>
                  <TableRow>
                    <TableHead>Member</TableHead>
                    <TableHead className="w-44">Role</TableHead>
                    <TableHead>Joined</TableHead>
                    <TableHead className="w-0"><span className="sr-only">Actions</span></TableHead>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {list.data.members.map((m) => (
                    <MemberRow key={m.id} member={m} isSelf={m.userId === me.data?.user.id} />
                  ))}
                </TableBody>
              </Table>
            )}
          </Card>

          <Card>
            <CardHeader>
              <CardTitle>Pending invitations</CardTitle>
              <CardDescription>Invitations expire after a while; revoke one to make its link useless.</CardDescription>
            </CardHeader>
            {list.data.invitations.length === 0 ? (
              <EmptyState
                icon={Mail}
                title="No pending invitations"
                description={canInvite ? "Invite a teammate to share the work of running the firewall." : undefined}
              />
            ) : (
              <Table aria-label="Pending invitations">
                <TableHeader>
                  <TableRow>
                    <TableHead>Email</TableHead>
                    <TableHead>Role</TableHead>
                    <TableHead>Invited</TableHead>
                    <TableHead>Expires</TableHead>
                    <TableHead className="w-0"><span className="sr-only">Actions</span></TableHead>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {list.data.invitations.map((inv) => (
                    <TableRow key={inv.id}>
                      <TableCell className="font-medium">{inv.email}</TableCell>
                      <TableCell><Badge variant="secondary">{roleLabel(inv.role)}</Badge></TableCell>
                      <TableCell className="text-muted-foreground">{formatDate(inv.createdAt)}</TableCell>
                      <TableCell className="text-muted-foreground">{formatDate(inv.expiresAt)}</TableCell>
                      <TableCell className="text-right">
                        {canInvite ? <RevokeInvitationButton invitationId={inv.id} email={inv.email} /> : null}
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            )}
          </Card>
        </div>
      )}
    </>
  );
}
