// Operator commands for rules and the org's own OPA policy:
// rule add | list | publish | rollback, policy upload | remove.
import fs from "node:fs";
import { z } from "zod";
import type { Command } from "@/server/cli/command";
import { requireString, UsageError, orgFromFlags, ORG_FLAG } from "@/server/cli/command";
import { parseOrThrow } from "@/server/cli/parse";
import { ZRule, type TRule } from "@/server/policy";
import { addDraftRule, getDraft, getLiveRules, publishRules, rollbackRules } from "@/server/rules/rule-sets";
import { removeCustomPolicy, uploadCustomPolicy } from "@/server/rules/custom-policy";
import { diffCounts, type TRuleDiff } from "@/server/rules/diff";

function readFile(path: string): Buffer {
  try {
    return fs.readFileSync(path);
  } catch (e) {
    throw new UsageError(`cannot read ${path}: ${(e as Error).message}`);
  }
}

/** A file holds one rule, an array of rules, or {"rules": [...]}; each is validated on its own. */
function parseRuleFile(path: string): TRule[] {
  let json: unknown;
  try {
    json = JSON.parse(readFile(path).toString("utf8"));
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`${path} is not valid JSON: ${(e as Error).message}`);
  }
  const list = Array.isArray(json) ? json : json && typeof json === "object" && "rules" in json && Array.isArray(json.rules) ? (json.rules as unknown[]) : [json];
  return list.map((item, i) => {
    const r = ZRule.safeParse(item);
    if (!r.success) {
      const issue = r.error.issues[0];
      throw new UsageError(`rule ${i + 1}${issue?.path.length ? ` at ${issue.path.join(".")}` : ""}: ${issue?.message ?? "invalid"}`);
    }
    return r.data;
  });
}

const describeDiff = (d: TRuleDiff) => {
  const c = diffCounts(d);
  return `+${c.added} added, -${c.removed} removed, ~${c.changed} changed`;
};

export const ruleAdd: Command<{ added: { id: string; replaced: boolean }[]; draftRules: number }> = {
  name: "rule add",
  summary: "Validate rules from a JSON file and add them to the draft (same id replaces)",
  usage: "aegis rule add --org ORG --file rule.json",
  flags: { org: ORG_FLAG, file: { type: "string", required: true, description: "one rule, an array, or {\"rules\": [...]}" } },
  async run(flags, { db }) {
    const { org, sdb } = await orgFromFlags(db, flags);
    const rules = parseRuleFile(requireString(flags, "file"));
    const added = [];
    let draftRules = 0;
    for (const rule of rules) {
      const r = await addDraftRule(sdb, { orgId: org.id, actorId: null, rule });
      added.push({ id: r.id, replaced: r.replaced });
      draftRules = r.rules;
    }
    return { added, draftRules };
  },
  format: (r) => `${r.added.map((a) => `${a.replaced ? "Replaced" : "Added"} ${a.id}`).join("\n")}\nDraft now has ${r.draftRules} rule(s); publish with: aegis rule publish`,
};

export const ruleList: Command<{ source: "draft" | "live"; version: number; rules: TRule[]; diff?: TRuleDiff }> = {
  name: "rule list",
  summary: "List the live rules (or the draft, with its diff against live)",
  usage: "aegis rule list --org ORG [--draft]",
  flags: { org: ORG_FLAG, draft: { type: "boolean", description: "show the draft instead of the live version" } },
  async run(flags, { db }) {
    const { sdb } = await orgFromFlags(db, flags);
    if (flags.draft === true) {
      const d = await getDraft(sdb);
      return { source: "draft", version: d.liveVersion, rules: d.rules, diff: d.diff };
    }
    const live = await getLiveRules(sdb);
    return { source: "live", version: live.version, rules: live.rules };
  },
  format: (r) => {
    const head = r.source === "draft" ? `Draft (based on v${r.version}; ${r.diff ? describeDiff(r.diff) : ""})` : `Live rules v${r.version}`;
    const rows = r.rules.map((x) => `  ${x.id.padEnd(32)} ${x.effect.padEnd(9)} p${String(x.priority).padEnd(5)}${x.enabled ? "" : " [disabled]"}${x.shadow ? " [shadow]" : ""}`);
    return [head, ...(rows.length ? rows : ["  (no rules)"])].join("\n");
  },
};

export const rulePublish: Command<Awaited<ReturnType<typeof publishRules>>> = {
  name: "rule publish",
  summary: "Publish the draft as a new version (live on every gateway within 5 s)",
  usage: "aegis rule publish --org ORG [--note N]",
  flags: { org: ORG_FLAG, note: { type: "string", description: "why (kept with the version)" } },
  async run(flags, { db }) {
    const { org, sdb } = await orgFromFlags(db, flags);
    const note = typeof flags.note === "string" ? parseOrThrow(z.string().max(500), flags.note, "--note") : undefined;
    return publishRules(sdb, { orgId: org.id, actorId: null, note });
  },
  format: (r) => `Published v${r.version} (${describeDiff(r.diff)})`,
};

export const ruleRollback: Command<Awaited<ReturnType<typeof rollbackRules>>> = {
  name: "rule rollback",
  summary: "Publish a new version whose rules equal an older version",
  usage: "aegis rule rollback --org ORG --version V",
  flags: { org: ORG_FLAG, version: { type: "string", required: true, description: "version to restore" }, note: { type: "string", description: "why" } },
  async run(flags, { db }) {
    const { org, sdb } = await orgFromFlags(db, flags);
    const version = parseOrThrow(z.coerce.number().int().min(1), requireString(flags, "version"), "--version");
    const note = typeof flags.note === "string" ? flags.note.slice(0, 500) : undefined;
    return rollbackRules(sdb, { orgId: org.id, actorId: null, version, note });
  },
  format: (r) => `Rolled back to v${r.rolledBackTo}: published v${r.version} (${describeDiff(r.diff)})`,
};

export const policyUpload: Command<Awaited<ReturnType<typeof uploadCustomPolicy>>> = {
  name: "policy upload",
  summary: "Upload the org's compiled OPA policy (entrypoint aegis/decision, at most 2 MiB); validated first",
  usage: "aegis policy upload --org ORG --file policy.wasm",
  flags: { org: ORG_FLAG, file: { type: "string", required: true, description: "opa build -t wasm -e aegis/decision output" } },
  async run(flags, { db }) {
    const { org, sdb } = await orgFromFlags(db, flags);
    const bytes = new Uint8Array(readFile(requireString(flags, "file")));
    return uploadCustomPolicy(sdb, { orgId: org.id, actorId: null, bytes });
  },
  format: (r) => `Uploaded custom policy (${r.bytes} bytes, sha256 ${r.sha256.slice(0, 16)}…); evaluated after the platform policy`,
};

export const policyRemove: Command<Awaited<ReturnType<typeof removeCustomPolicy>>> = {
  name: "policy remove",
  summary: "Remove the org's custom OPA policy",
  usage: "aegis policy remove --org ORG",
  flags: { org: ORG_FLAG },
  async run(flags, { db }) {
    const { org, sdb } = await orgFromFlags(db, flags);
    return removeCustomPolicy(sdb, { orgId: org.id, actorId: null });
  },
  format: () => "Removed the custom policy",
};
