import { DashboardShell } from "@/app/(dashboard)/_components/dashboard-shell";
import { ToastProvider } from "@/app/_components/ui/toast";
import { TooltipProvider } from "@/app/_components/ui/tooltip";
import { TRPCReactProvider } from "@/app/_lib/trpc";

export default async function OrgLayout({ children, params }: { children: React.ReactNode; params: Promise<{ orgSlug: string }> }) {
  const { orgSlug } = await params;
  // Keyed by org: switching orgs starts from an empty cache and a client
  // whose x-aegis-org header names the org in the URL.
  return (
    <TRPCReactProvider key={orgSlug} orgSlug={orgSlug}>
      <TooltipProvider delayDuration={200}>
        <ToastProvider>
          <DashboardShell orgSlug={orgSlug}>{children}</DashboardShell>
        </ToastProvider>
      </TooltipProvider>
    </TRPCReactProvider>
  );
}
