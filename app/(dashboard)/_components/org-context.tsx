"use client";
import { createContext, useContext } from "react";
import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/api/root";
import type { Permission } from "@/server/auth/permissions";

export type CurrentOrg = inferRouterOutputs<AppRouter>["org"]["current"];

interface OrgContextValue {
  org: CurrentOrg;
  /** UI hint only: the server enforces every permission again. */
  can: (permission: Permission) => boolean;
}

export const OrgContext = createContext<OrgContextValue | null>(null);

export function useOrg(): OrgContextValue {
  const ctx = useContext(OrgContext);
  if (!ctx) throw new Error("useOrg must be used inside the dashboard layout");
  return ctx;
}
