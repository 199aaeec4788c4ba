"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { NAV } from "@/app/(dashboard)/_components/nav";
import { OrgSwitcher } from "@/app/(dashboard)/_components/org-switcher";
import { UserMenu } from "@/app/(dashboard)/_components/user-menu";
import { Logo } from "@/app/_components/logo";
import { cn } from "@/app/_lib/utils";
import type { Permission } from "@/server/auth/permissions";

interface NavProps {
  orgSlug: string;
  orgName?: string;
  /** Undefined while the org loads: show every link rather than flicker. */
  can?: (p: Permission) => boolean;
}

function useNavItems({ orgSlug, can }: NavProps) {
  const pathname = usePathname();
  return NAV.filter((item) => !can || can(item.permission)).map((item) => {
    const href = `/${orgSlug}/${item.href}`;
    return { ...item, href, active: pathname === href || pathname.startsWith(`${href}/`) };
  });
}

export function Sidebar(props: NavProps) {
  const items = useNavItems(props);
  return (
    <aside className="sticky top-0 hidden h-screen w-60 shrink-0 flex-col border-r border-border bg-muted/40 md:flex">
      <div className="px-4 pb-2 pt-4">
        <Logo href={`/${props.orgSlug}/overview`} />
      </div>
      <div className="px-3 py-2">
        <OrgSwitcher orgSlug={props.orgSlug} orgName={props.orgName} />
      </div>
      <nav aria-label="Dashboard" className="flex flex-1 flex-col gap-0.5 px-3 py-2">
        {items.map((item) => (
          <Link
            key={item.href}
            href={item.href}
            aria-current={item.active ? "page" : undefined}
            className={cn(
              "flex items-center gap-2.5 rounded-md px-2.5 py-1.5 text-sm text-muted-foreground transition-colors hover:bg-accent hover:text-foreground",
              item.active && "bg-accent font-medium text-foreground",
            )}
          >
            <item.icon className="size-4" aria-hidden />
            {item.label}
          </Link>
        ))}
      </nav>
      <div className="border-t border-border p-3">
        <UserMenu />
      </div>
    </aside>
  );
}

export function MobileNav(props: NavProps) {
  const items = useNavItems(props);
  return (
    <div className="border-b border-border md:hidden">
      <div className="flex items-center justify-between gap-2 px-4 py-3">
        <OrgSwitcher orgSlug={props.orgSlug} orgName={props.orgName} compact />
        <UserMenu compact />
      </div>
      <nav aria-label="Dashboard (mobile)" className="flex gap-1 overflow-x-auto px-3 pb-2">
        {items.map((item) => (
          <Link
            key={item.href}
            href={item.href}
            aria-current={item.active ? "page" : undefined}
            className={cn(
              "whitespace-nowrap rounded-md px-2.5 py-1 text-sm text-muted-foreground",
              item.active && "bg-accent font-medium text-foreground",
            )}
          >
            {item.label}
          </Link>
        ))}
      </nav>
    </div>
  );
}
