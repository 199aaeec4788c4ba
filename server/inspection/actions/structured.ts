import type { ActionDescriptor, DetectorInfo, Finding, InspectionConfig } from "../types";

/**
 * Action checks that need the descriptor's structure rather than its text: the per-org tool
 * allow-list, recipient counts for mass messaging, and destructive verbs aimed at production.
 */
export const MASS_RECIPIENTS = 50;
const RECIPIENT_KEYS = /^(?:to|cc|bcc|recipients?|users?|user_ids|emails?|addresses|phone_numbers|numbers|members|contacts|targets|audience|channels|segment)$/i;
const EVERYONE = /^(?:all|everyone|everybody|\*|@?all[_ -]?(?:users|customers|contacts|members|subscribers|employees|staff))$/i;
const DESTRUCTIVE_VERB = /\b(?:delete|destroy|drop|purge|wipe|truncate|terminate|remove|erase|reset|revoke|deprovision|decommission)\w*/i;
const PRODUCTION = /\b(?:prod|production|prd|live|primary|master)\b/i;

export const STRUCTURED_ACTION_RULES: DetectorInfo[] = [
  { rule_id: "act-tool-not-allowed", category: "dangerous_action", paranoia: 1, description: "Tool is not on the organisation's tool allow-list" },
  { rule_id: "act-mass-recipients", category: "dangerous_action", paranoia: 1, description: `Message addressed to ${MASS_RECIPIENTS}+ recipients` },
  { rule_id: "act-destructive-production", category: "dangerous_action", paranoia: 1, description: "Destructive action (delete/destroy/drop/purge/...) on a production resource" },
];

function largestRecipientList(node: unknown, depth = 0): number {
  if (depth > 8 || node === null || typeof node !== "object") return 0;
  let best = 0;
  for (const [k, v] of Object.entries(node)) {
    if (Array.isArray(v) && RECIPIENT_KEYS.test(k)) best = Math.max(best, v.length);
    if (typeof v === "string" && RECIPIENT_KEYS.test(k)) best = Math.max(best, EVERYONE.test(v.trim()) ? Number.MAX_SAFE_INTEGER : v.split(/[,;]\s*/).length);
    best = Math.max(best, largestRecipientList(v, depth + 1));
  }
  return best;
}

export function inspectActionStructure(action: ActionDescriptor, config: InspectionConfig): Finding[] {
  const findings: Finding[] = [];
  if (config.toolAllowList && !config.toolAllowList.includes(action.tool)) {
    findings.push({ category: "dangerous_action", rule_id: "act-tool-not-allowed", score: 80, location: "action.tool", evidence: action.tool.slice(0, 80) });
  }
  const recipients = largestRecipientList(action.params);
  if (recipients >= MASS_RECIPIENTS) {
    const everyone = recipients === Number.MAX_SAFE_INTEGER;
    findings.push({ category: "dangerous_action", rule_id: "act-mass-recipients", score: everyone ? 85 : Math.min(95, 70 + Math.floor(recipients / 100)), location: "action.params", evidence: everyone ? "all recipients" : `${recipients} recipients` });
  }
  const target = `${action.resource ?? ""} ${JSON.stringify(action.params ?? {}).slice(0, 2000)}`;
  if (DESTRUCTIVE_VERB.test(action.action) && PRODUCTION.test(target)) {
    findings.push({ category: "dangerous_action", rule_id: "act-destructive-production", score: 85, location: "action.action", evidence: `${action.action} ${action.resource ?? ""}`.slice(0, 80) });
  }
  return findings;
}
