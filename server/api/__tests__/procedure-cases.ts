// Every tRPC procedure with the access it needs and a valid input. The
// matrix and isolation suites walk this list, and a test fails when a
// procedure exists that is not listed here.
import type { Permission } from "@/server/auth/permissions";
import { uniqueEmail } from "@/server/testing/db";

export interface TargetIds {
  membershipId: string;
  keyId: string;
  invitationId: string;
  upstreamId: string;
  agentId: string;
  approvalId: string;
  /** A request id with an audit event; absent: one that has none. */
  auditRequestId?: string;
}

export type Access = { kind: "public" } | { kind: "authed" } | { kind: "org"; permission: Permission };

export interface ProcedureCase {
  access: Access;
  type: "query" | "mutation";
  input: (t: TargetIds) => unknown;
}

const org = (permission: Permission) => ({ kind: "org", permission }) as const;

export const PROCEDURE_CASES: Record<string, ProcedureCase> = {
  "auth.signUp": { access: { kind: "public" }, type: "mutation", input: () => ({ email: uniqueEmail(), password: "Another-Good-Pass-7", orgName: "Matrix Org" }) },
  "auth.me": { access: { kind: "authed" }, type: "query", input: () => undefined },
  "auth.createOrg": { access: { kind: "authed" }, type: "mutation", input: () => ({ orgName: "Second", password: "wrong-password-1A" }) },
  "org.current": { access: org("org.read"), type: "query", input: () => undefined },
  "org.update": { access: org("org.update"), type: "mutation", input: () => ({ shadowMode: false }) },
  "org.activity": { access: org("audit.read"), type: "query", input: () => ({ limit: 5 }) },
  "members.list": { access: org("members.read"), type: "query", input: () => undefined },
  "members.invite": { access: org("members.invite"), type: "mutation", input: () => ({ email: uniqueEmail("invitee"), role: "viewer" }) },
  "members.revokeInvitation": { access: org("members.invite"), type: "mutation", input: (t) => ({ invitationId: t.invitationId }) },
  "members.changeRole": { access: org("members.update_role"), type: "mutation", input: (t) => ({ membershipId: t.membershipId, role: "viewer" }) },
  "members.remove": { access: org("members.remove"), type: "mutation", input: (t) => ({ membershipId: t.membershipId }) },
  "members.describeInvitation": { access: { kind: "public" }, type: "query", input: () => ({ token: "x".repeat(32) }) },
  "members.acceptInvitation": { access: { kind: "authed" }, type: "mutation", input: () => ({ token: "x".repeat(32) }) },
  "keys.list": { access: org("keys.read"), type: "query", input: () => undefined },
  "keys.create": { access: org("keys.create"), type: "mutation", input: () => ({ name: "matrix key" }) },
  "keys.revoke": { access: org("keys.revoke"), type: "mutation", input: (t) => ({ keyId: t.keyId }) },
  "upstreams.list": { access: org("upstreams.read"), type: "query", input: () => undefined },
  "upstreams.create": { access: org("upstreams.write"), type: "mutation", input: () => ({ name: `u${Math.random().toString(36).slice(2, 10)}`, url: "http://127.0.0.1:9/", allowPrivate: true }) },
  "upstreams.remove": { access: org("upstreams.write"), type: "mutation", input: (t) => ({ upstreamId: t.upstreamId }) },
  "killswitch.list": { access: org("killswitch.read"), type: "query", input: () => undefined },
  "killswitch.set": { access: org("killswitch.write"), type: "mutation", input: () => ({ engaged: false, agent: "matrix-agent" }) },
  "quotas.list": { access: org("quotas.read"), type: "query", input: () => undefined },
  "agents.list": { access: org("keys.read"), type: "query", input: () => undefined },
  "agents.register": { access: org("keys.create"), type: "mutation", input: () => ({ name: `a${Math.random().toString(36).slice(2, 9)}`, issuer: `https://iss-${Math.random().toString(36).slice(2)}.test`, jwks: { keys: [{ kty: "OKP", crv: "Ed25519", x: "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo" }] } }) },
  "agents.revoke": { access: org("keys.revoke"), type: "mutation", input: (t) => ({ agentId: t.agentId }) },
  "inspection.settings": { access: org("rules.read"), type: "query", input: () => undefined },
  "inspection.update": { access: org("rules.write"), type: "mutation", input: () => ({ patch: { paranoia: 2 } }) },
  "quotas.set": { access: org("quotas.write"), type: "mutation", input: () => ({ agent: "matrix-agent", requestsPerSecond: 100 }) },
  "rules.draft": { access: org("rules.read"), type: "query", input: () => undefined },
  "rules.saveDraft": { access: org("rules.write"), type: "mutation", input: () => ({ rules: [{ id: "matrix-rule", effect: "MONITOR" }] }) },
  "rules.addRule": { access: org("rules.write"), type: "mutation", input: () => ({ rule: { id: "matrix-add", effect: "MONITOR", when: { paths: ["/matrix/**"] } } }) },
  "rules.removeRule": { access: org("rules.write"), type: "mutation", input: () => ({ ruleId: "matrix-missing" }) },
  "rules.discardDraft": { access: org("rules.write"), type: "mutation", input: () => undefined },
  "rules.publish": { access: org("rules.publish"), type: "mutation", input: () => ({ note: "matrix" }) },
  "rules.rollback": { access: org("rules.publish"), type: "mutation", input: () => ({ version: 1 }) },
  "rules.versions": { access: org("rules.read"), type: "query", input: () => ({ limit: 5 }) },
  "rules.version": { access: org("rules.read"), type: "query", input: () => ({ version: 1 }) },
  "rules.simulate": { access: org("rules.write"), type: "mutation", input: () => ({ source: { kind: "recent", limit: 5 } }) },
  "rules.customPolicy": { access: org("rules.read"), type: "query", input: () => undefined },
  // An empty (valid) wasm module: rejected by validation, which is enough to prove the permission check.
  "rules.uploadCustomPolicy": { access: org("rules.publish"), type: "mutation", input: () => ({ wasmBase64: "AGFzbQEAAAA=" }) },
  "rules.removeCustomPolicy": { access: org("rules.publish"), type: "mutation", input: () => undefined },
  "approvals.list": { access: org("audit.read"), type: "query", input: () => ({ limit: 5 }) },
  "approvals.get": { access: org("audit.read"), type: "query", input: (t) => ({ approvalId: t.approvalId }) },
  "approvals.decide": { access: org("approvals.decide"), type: "mutation", input: (t) => ({ approvalId: t.approvalId, decision: "deny" }) },
  "audit.list": { access: org("audit.read"), type: "query", input: () => ({ limit: 5, filters: { decisions: ["BLOCK"] } }) },
  "audit.get": { access: org("audit.read"), type: "query", input: (t) => ({ requestId: t.auditRequestId ?? "req_missing" }) },
  "audit.chain": { access: org("audit.read"), type: "query", input: () => ({ fromSeq: 1, toSeq: 100 }) },
  "audit.export": { access: org("audit.export"), type: "mutation", input: () => ({ format: "csv" }) },
  "audit.keys": { access: org("audit.read"), type: "query", input: () => undefined },
  "audit.rotateKey": { access: org("audit.rotate_key"), type: "mutation", input: () => undefined },
  "analytics.summary": { access: org("analytics.read"), type: "query", input: () => ({ range: "24h" }) },
};

type AnyCaller = Record<string, Record<string, (input: unknown) => Promise<unknown>>>;

export function invoke(caller: unknown, path: string, input: unknown): Promise<unknown> {
  const [ns, name] = path.split(".") as [string, string];
  const fn = (caller as AnyCaller)[ns]?.[name];
  if (!fn) throw new Error(`no procedure ${path}`);
  return fn(input);
}
