// Tenant rules, versioned. People edit a draft (RuleDraft, one per org);
// publishing turns it into an immutable RuleSetVersion (previous + 1) with its
// author, note and diff; rolling back publishes a NEW version equal to an old
// one. Publish and rollback bump Organization.configVersion in the same
// transaction, so every gateway instance reloads the org within its cache bound
// (< 5 s, gateway/config-cache.ts), and the ActivityEvent is written with it.
import { z } from "zod";
import type { Db } from "@/server/db/client";
import { newId } from "@/server/db/ids";
import { AegisError, conflict, notFound } from "@/server/errors";
import { recordActivity } from "@/server/orgs/activity";
import { bumpConfigVersion } from "@/server/orgs/config-version";
import { ZRule, type TRule } from "@/server/policy";
import { diffCounts, diffRules, isEmptyDiff, type TRuleDiff } from "@/server/rules/diff";

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

export const MAX_RULES = 500;

/** A whole rule list with unique ids (the same checks as ZRuleSet, without a version). */
export const ZRuleList = z
  .array(ZRule)
  .max(MAX_RULES)
  .superRefine((rules, ctx) => {
    const seen = new Set<string>();
    rules.forEach((rule, index) => {
      if (seen.has(rule.id)) ctx.addIssue({ code: "custom", message: `duplicate rule id ${rule.id}`, path: [index, "id"] });
      seen.add(rule.id);
    });
  });

export const ZSaveDraftInput = z.object({ rules: ZRuleList });
export const ZAddRuleInput = z.object({ rule: ZRule });
export const ZRemoveRuleInput = z.object({ ruleId: z.string().min(1).max(64) });
export const ZPublishInput = z.object({ note: z.string().trim().max(500).optional() });
export const ZRollbackInput = z.object({ version: z.number().int().min(1), note: z.string().trim().max(500).optional() });
export const ZVersionsInput = z.object({ limit: z.number().int().min(1).max(200).default(50) }).default({ limit: 50 });
export const ZVersionInput = z.object({ version: z.number().int().min(1) });

type Actor = { orgId: string; actorId: string | null };

/** Stored rule JSON is re-validated on read: a row that no longer parses is an error, never "no rules". */
function parseStored(rules: unknown, what: string): TRule[] {
  const r = ZRuleList.safeParse(rules);
  if (!r.success) throw new AegisError("INTERNAL", `${what} failed validation`);
  return r.data;
}

async function latestVersion(tx: Tx | Db) {
  return tx.ruleSetVersion.findFirst({ orderBy: { version: "desc" } });
}

export async function getLiveRules(sdb: Db): Promise<{ version: number; rules: TRule[] }> {
  const live = await latestVersion(sdb);
  return { version: live?.version ?? 0, rules: live ? parseStored(live.rules, `rule set v${live.version}`) : [] };
}

/** The working copy: the saved draft, or the live rules when nobody has started one. */
export async function getDraft(sdb: Db) {
  const [live, draft] = await Promise.all([getLiveRules(sdb), sdb.ruleDraft.findFirst()]);
  const rules = draft ? parseStored(draft.rules, "rule draft") : live.rules;
  return {
    liveVersion: live.version,
    hasDraft: !!draft,
    rules,
    updatedAt: draft?.updatedAt ?? null,
    updatedBy: draft?.updatedBy ?? null,
    diff: diffRules(live.rules, rules),
  };
}

async function writeDraft(tx: Tx, p: Actor, rules: TRule[]) {
  await tx.ruleDraft.upsert({
    where: { orgId: p.orgId },
    create: { orgId: p.orgId, rules: rules as never, updatedBy: p.actorId },
    update: { rules: rules as never, updatedBy: p.actorId },
  });
}

export async function saveDraft(sdb: Db, p: Actor & { rules: TRule[] }) {
  const rules = ZRuleList.parse(p.rules);
  await sdb.$transaction(async (tx) => {
    await writeDraft(tx, p, rules);
    await recordActivity(tx, { orgId: p.orgId, actorId: p.actorId, action: "rules.draft_saved", meta: { rules: rules.length } });
  });
  return getDraft(sdb);
}

/** Adds a rule to the draft, replacing a draft rule with the same id. */
export async function addDraftRule(sdb: Db, p: Actor & { rule: TRule }) {
  const { rules } = await getDraft(sdb);
  const replaced = rules.some((r) => r.id === p.rule.id);
  const next = replaced ? rules.map((r) => (r.id === p.rule.id ? p.rule : r)) : [...rules, p.rule];
  if (next.length > MAX_RULES) throw new AegisError("UNPROCESSABLE", `A rule set holds at most ${MAX_RULES} rules`);
  await saveDraft(sdb, { ...p, rules: next });
  return { id: p.rule.id, replaced, rules: next.length };
}

export async function removeDraftRule(sdb: Db, p: Actor & { ruleId: string }) {
  const { rules } = await getDraft(sdb);
  if (!rules.some((r) => r.id === p.ruleId)) throw notFound(`Rule "${p.ruleId}" in the draft`);
  await saveDraft(sdb, { ...p, rules: rules.filter((r) => r.id !== p.ruleId) });
  return { id: p.ruleId };
}

export async function discardDraft(sdb: Db, p: Actor) {
  await sdb.$transaction(async (tx) => {
    await tx.ruleDraft.deleteMany({});
    await recordActivity(tx, { orgId: p.orgId, actorId: p.actorId, action: "rules.draft_discarded" });
  });
  return { discarded: true };
}

async function createVersion(tx: Tx, p: Actor & { rules: TRule[]; diff: TRuleDiff; note?: string; action: string; meta?: Record<string, unknown> }) {
  const latest = await latestVersion(tx);
  const version = (latest?.version ?? 0) + 1;
  await tx.ruleSetVersion.create({
    data: { id: newId("rsv"), orgId: p.orgId, version, rules: p.rules as never, diff: p.diff as never, author: p.actorId ?? "cli", note: p.note ?? null },
  });
  await bumpConfigVersion(tx, p.orgId);
  await recordActivity(tx, { orgId: p.orgId, actorId: p.actorId, action: p.action, target: `v${version}`, meta: { version, ...diffCounts(p.diff), ...p.meta, ...(p.note ? { note: p.note } : {}) } });
  return version;
}

function onVersionRace(err: unknown): never {
  // Two publishes computed the same next version: the unique (orgId, version) lets one win.
  if ((err as { code?: string }).code === "P2002") throw conflict("Someone published at the same time; reload and try again");
  throw err;
}

export async function publishRules(sdb: Db, p: Actor & { note?: string }) {
  return sdb
    .$transaction(async (tx) => {
      const draft = await tx.ruleDraft.findFirst();
      if (!draft) throw conflict("There is no draft to publish");
      const rules = parseStored(draft.rules, "rule draft");
      const latest = await latestVersion(tx);
      const diff = diffRules(latest ? parseStored(latest.rules, `rule set v${latest.version}`) : [], rules);
      if (latest && isEmptyDiff(diff)) throw conflict(`The draft is identical to the live version v${latest.version}`);
      const version = await createVersion(tx, { ...p, rules, diff, action: "rules.published" });
      await tx.ruleDraft.deleteMany({});
      return { version, diff };
    })
    .catch(onVersionRace);
}

export async function rollbackRules(sdb: Db, p: Actor & { version: number; note?: string }) {
  return sdb
    .$transaction(async (tx) => {
      const target = await tx.ruleSetVersion.findFirst({ where: { version: p.version } });
      if (!target) throw notFound(`Rule set version ${p.version}`);
      const latest = await latestVersion(tx);
      if (!latest || latest.version === target.version) throw conflict(`Version ${p.version} is already live`);
      const rules = parseStored(target.rules, `rule set v${target.version}`);
      const diff = diffRules(parseStored(latest.rules, `rule set v${latest.version}`), rules);
      const version = await createVersion(tx, { ...p, note: p.note ?? `Rollback to v${p.version}`, rules, diff, action: "rules.rolled_back", meta: { to: p.version } });
      return { version, rolledBackTo: p.version, diff };
    })
    .catch(onVersionRace);
}

async function authorsById(sdb: Db, ids: (string | null)[]) {
  const wanted = [...new Set(ids.filter((id): id is string => !!id && id !== "cli"))];
  const users = wanted.length ? await sdb.user.findMany({ where: { id: { in: wanted } }, select: { id: true, email: true } }) : [];
  return new Map(users.map((u) => [u.id, u.email]));
}

export async function listVersions(sdb: Db, input: z.infer<typeof ZVersionsInput>) {
  const rows = await sdb.ruleSetVersion.findMany({ orderBy: { version: "desc" }, take: input.limit });
  const emails = await authorsById(sdb, rows.map((r) => r.author));
  const liveVersion = rows[0]?.version ?? 0;
  return rows.map((r) => {
    const diff = r.diff as TRuleDiff;
    return {
      version: r.version, isLive: r.version === liveVersion, author: r.author, authorEmail: r.author ? (emails.get(r.author) ?? null) : null,
      note: r.note, createdAt: r.createdAt, ruleCount: Array.isArray(r.rules) ? r.rules.length : 0,
      counts: { added: diff.added?.length ?? 0, removed: diff.removed?.length ?? 0, changed: diff.changed?.length ?? 0 },
    };
  });
}

export async function getVersionOrThrow(sdb: Db, version: number) {
  const row = await sdb.ruleSetVersion.findFirst({ where: { version } });
  if (!row) throw notFound(`Rule set version ${version}`);
  const emails = await authorsById(sdb, [row.author]);
  return {
    version: row.version, author: row.author, authorEmail: row.author ? (emails.get(row.author) ?? null) : null, note: row.note,
    createdAt: row.createdAt, rules: parseStored(row.rules, `rule set v${row.version}`), diff: row.diff as TRuleDiff,
  };
}
