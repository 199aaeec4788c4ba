// Operator commands for the gateway: upstreams, kill switch, quotas.
import { z } from "zod";
import type { Command } from "@/server/cli/command";
import { requireString, UsageError, orgFromFlags, ORG_FLAG } from "@/server/cli/command";
import { parseOrThrow } from "@/server/cli/parse";
import { getKeyring } from "@/server/secrets/keyring";
import { createUpstream, listUpstreams, removeUpstream, rewrapUpstreamSecrets, ZCreateUpstreamInput } from "@/server/upstreams/upstreams";
import { setKillSwitch } from "@/server/killswitch/killswitch";
import { listQuotas, setQuota, ZQuotaInput } from "@/server/quota/quota-policies";

export const upstreamAdd: Command<{ id: string; name: string; baseUrl: string }> = {
  name: "upstream add",
  summary: "Add an upstream alias (requests to /v1/gateway/<name>/... go to URL)",
  usage: "aegis upstream add --org ORG --name N --url URL [--secret S --inject-header 'Authorization: Bearer {secret}'] [--allow-private] [--timeout-ms MS]",
  flags: {
    org: ORG_FLAG,
    name: { type: "string", required: true, description: "alias used in the gateway URL" },
    url: { type: "string", required: true, description: "upstream base URL" },
    secret: { type: "string", description: "secret injected at request time (stored encrypted)" },
    "inject-header": { type: "string", description: "header template with {secret}" },
    "allow-private": { type: "boolean", description: "allow loopback/private destinations (self-hosted)" },
    "timeout-ms": { type: "string", description: "upstream timeout in ms (default 30000)" },
  },
  async run(flags, { db }) {
    const { org, sdb } = await orgFromFlags(db, flags);
    if (flags["inject-header"] && !flags.secret) throw new UsageError("--inject-header needs --secret");
    const input = parseOrThrow(ZCreateUpstreamInput, {
      name: flags.name, url: flags.url, secret: flags.secret, injectTemplate: flags["inject-header"],
      allowPrivate: flags["allow-private"] === true,
      timeoutMs: typeof flags["timeout-ms"] === "string" ? Number(flags["timeout-ms"]) : undefined,
    }, "upstream");
    return createUpstream(sdb, getKeyring(), { orgId: org.id, actorId: null, input });
  },
  format: (r) => `Added upstream ${r.name} → ${r.baseUrl} (${r.id})`,
};

export const upstreamList: Command<Awaited<ReturnType<typeof listUpstreams>>> = {
  name: "upstream list",
  summary: "List upstreams (secrets are never shown)",
  usage: "aegis upstream list --org ORG",
  flags: { org: ORG_FLAG },
  async run(flags, { db }) {
    const { sdb } = await orgFromFlags(db, flags);
    return listUpstreams(sdb);
  },
  format: (rows) => (rows.length ? rows.map((u) => `${u.name.padEnd(24)} ${u.baseUrl}${u.hasSecret ? "  [secret]" : ""}${u.allowPrivate ? "  [private]" : ""}`).join("\n") : "No upstreams"),
};

export const upstreamRemove: Command<{ id: string; name: string }> = {
  name: "upstream remove",
  summary: "Remove an upstream",
  usage: "aegis upstream remove --org ORG --name N",
  flags: { org: ORG_FLAG, name: { type: "string", required: true, description: "upstream name or id" } },
  async run(flags, { db }) {
    const { org, sdb } = await orgFromFlags(db, flags);
    return removeUpstream(sdb, { orgId: org.id, actorId: null, ref: requireString(flags, "name") });
  },
  format: (r) => `Removed upstream ${r.name}`,
};

export const kill: Command<{ engaged: boolean; agent: string | null }> = {
  name: "kill",
  summary: "Engage or release the kill switch for an org or one agent (all instances within 5 s)",
  usage: "aegis kill --org ORG on|off [--agent A]",
  flags: { org: ORG_FLAG, agent: { type: "string", description: "only this agent" } },
  async run(flags, { db, positionals }) {
    const state = positionals[0];
    if (state !== "on" && state !== "off") throw new UsageError("say 'on' or 'off' (aegis kill --org ORG on|off [--agent A])");
    const { org, sdb } = await orgFromFlags(db, flags);
    const agent = typeof flags.agent === "string" ? parseOrThrow(z.string().regex(/^[A-Za-z0-9._:@-]{1,128}$/, "invalid agent name"), flags.agent, "--agent") : null;
    return setKillSwitch(sdb, { orgId: org.id, actor: "cli", actorId: null, engaged: state === "on", agent });
  },
  format: (r) => `Kill switch ${r.engaged ? "ENGAGED" : "released"} for ${r.agent ? `agent ${r.agent}` : "the organization"}`,
};

const num = (v: unknown) => (typeof v === "string" ? (v === "none" ? null : Number(v)) : undefined);

export const quotaSet: Command<Awaited<ReturnType<typeof setQuota>>> = {
  name: "quota set",
  summary: "Set quotas for an org or one agent ('none' clears a limit)",
  usage: "aegis quota set --org ORG [--agent A] [--rps N] [--burst N] [--daily N] [--monthly N] [--monthly-cost-usd X]",
  flags: {
    org: ORG_FLAG,
    agent: { type: "string", description: "only this agent" },
    rps: { type: "string", description: "requests per second" },
    burst: { type: "string", description: "burst size (token bucket)" },
    daily: { type: "string", description: "daily request cap" },
    monthly: { type: "string", description: "monthly request cap" },
    "monthly-cost-usd": { type: "string", description: "monthly LLM cost cap in USD" },
  },
  async run(flags, { db }) {
    const { org, sdb } = await orgFromFlags(db, flags);
    const input = parseOrThrow(ZQuotaInput, {
      agent: typeof flags.agent === "string" ? flags.agent : null,
      requestsPerSecond: num(flags.rps), burst: num(flags.burst), dailyRequests: num(flags.daily),
      monthlyRequests: num(flags.monthly), monthlyCostUsd: num(flags["monthly-cost-usd"]),
    }, "quota");
    return setQuota(sdb, { orgId: org.id, actorId: null, input });
  },
  format: (q) => `Quota for ${q.agent ?? "the organization"}: ${JSON.stringify(q)}`,
};

export const quotaList: Command<Awaited<ReturnType<typeof listQuotas>>> = {
  name: "quota list",
  summary: "List quotas",
  usage: "aegis quota list --org ORG",
  flags: { org: ORG_FLAG },
  async run(flags, { db }) {
    const { sdb } = await orgFromFlags(db, flags);
    return listQuotas(sdb);
  },
  format: (rows) => (rows.length ? rows.map((q) => `${(q.agent ?? "(org)").padEnd(24)} ${JSON.stringify(q)}`).join("\n") : "No quotas"),
};

export const secretsRewrap: Command<{ rewrapped: number }> = {
  name: "secrets rewrap",
  summary: "Re-encrypt upstream secrets under the current key-encryption key (after KEK rotation)",
  usage: "aegis secrets rewrap",
  flags: {},
  async run(_flags, { db }) {
    return { rewrapped: await rewrapUpstreamSecrets(db, getKeyring()) };
  },
  format: (r) => `Re-wrapped ${r.rewrapped} secret(s)`,
};
