import { Bot, ChartColumn, Gauge, Inbox, KeyRound, LayoutDashboard, Power, ScanSearch, ScrollText, Server, Settings, ShieldCheck, Users, type LucideIcon } from "lucide-react";
import type { Permission } from "@/server/auth/permissions";

export interface NavItem {
  href: string;
  label: string;
  icon: LucideIcon;
  /** Hidden for roles without it. */
  permission: Permission;
}

/** The sidebar, in order. Sections for routers still being built are added here when they land. */
export const NAV: NavItem[] = [
  { href: "overview", label: "Overview", icon: LayoutDashboard, permission: "org.read" },
  { href: "upstreams", label: "Upstreams", icon: Server, permission: "upstreams.read" },
  { href: "rules", label: "Rules", icon: ShieldCheck, permission: "rules.read" },
  { href: "inspection", label: "Inspection", icon: ScanSearch, permission: "rules.read" },
  { href: "approvals", label: "Approvals", icon: Inbox, permission: "audit.read" },
  { href: "audit", label: "Audit trail", icon: ScrollText, permission: "audit.read" },
  { href: "analytics", label: "Analytics", icon: ChartColumn, permission: "analytics.read" },
  { href: "keys", label: "API Keys", icon: KeyRound, permission: "keys.read" },
  { href: "agents", label: "Agents", icon: Bot, permission: "keys.read" },
  { href: "quotas", label: "Quotas", icon: Gauge, permission: "quotas.read" },
  { href: "kill-switch", label: "Kill switch", icon: Power, permission: "killswitch.read" },
  { href: "members", label: "Team", icon: Users, permission: "members.read" },
  { href: "settings", label: "Settings", icon: Settings, permission: "org.read" },
];
