import { randomBytes } from "node:crypto";

// First path segments the app itself uses; an org slug must never shadow them.
export const RESERVED_SLUGS = new Set([
  "api", "v1", "sign-in", "sign-up", "sign-out", "invite", "orgs", "settings", "admin", "_next",
  "static", "public", "favicon.ico", "robots.txt", "health", "ready", "docs", "app", "new",
]);

export function slugify(name: string): string {
  const base = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40);
  if (!base) return "org";
  return RESERVED_SLUGS.has(base) ? `${base}-org` : base;
}

export function slugWithSuffix(name: string): string {
  return `${slugify(name)}-${randomBytes(3).toString("hex")}`;
}
