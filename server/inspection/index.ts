/**
 * Inspection engine: pure functions from a request (or an agent action) to findings and a risk
 * score. No I/O, no clock, no globals that change: the gateway may call it on the hot path and
 * the bench calls exactly the same functions. Order: normalize → WAF → prompt injection →
 * dangerous actions → DLP → risk.
 */
import type { ActionDescriptor, Finding, InspectionConfig, InspectionResult, RequestView } from "./types";
import { DEFAULT_INSPECTION_CONFIG } from "./types";
import { extractValues } from "./normalize/extract";
import { normalizeValue } from "./normalize/decode";
import type { InspectedValue } from "./normalize/values";
import { listDetectors } from "./registry";
import { runFamilies } from "./engine";
import { ACTION_FAMILY, MESSAGE_FAMILY, PROMPT_FAMILY, WAF_FAMILIES, needsPromptGate, wafPregate } from "./gates";
import { inspectDlp } from "./dlp/detect";
import { computeRisk } from "./risk";
import { inspectActionStructure } from "./actions/structured";

export { listDetectors };
export type { ActionDescriptor, Finding, InspectionConfig, InspectionResult, RequestView } from "./types";

/** Field names whose values are code by contract (an agent's SQL tool, a CI runner's script). */
const CODE_FIELD = /(?:^|[._])(?:sql|query|statement|stmt|command|cmd|script|shell|code|commands|args|argv|cli)(?:\[\d+\])?$/;
const CODE_START = /^\s*(?:select|insert|update|delete|drop|truncate|alter|create|grant|with|rm|kubectl|helm|terraform|tofu|pulumi|aws|gcloud|az|gsutil|sudo|systemctl|service|auditctl|find|dd|mkfs|git|bash|sh)\b/;

function carriesCode(v: InspectedValue): boolean {
  if (v.kind === "llm") return v.role === "assistant";
  return CODE_FIELD.test(v.location) || CODE_START.test(v.text);
}

/** Every LLM turn is read by the prompt rules; API fields only when they look like prose with a trigger word. */
function needsPromptRules(v: InspectedValue): boolean {
  return v.kind === "llm" || needsPromptGate(v);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function finish(findings: Finding[], config: InspectionConfig): InspectionResult {
  return { findings, risk: computeRisk(findings, config) };
}

export function inspectRequest(view: RequestView, config: InspectionConfig = DEFAULT_INSPECTION_CONFIG): InspectionResult {
  const values = extractValues(view);
  const findings: Finding[] = [];
  runFamilies(values, WAF_FAMILIES, config, findings, { pregate: wafPregate });
  runFamilies(values, [PROMPT_FAMILY], config, findings, { accept: needsPromptRules });
  runFamilies(values, [ACTION_FAMILY], config, findings, { accept: carriesCode });
  findings.push(...inspectDlp(values, config));
  return finish(findings, config);
}

function flattenParams(node: unknown, path: string, out: InspectedValue[], depth: number): void {
  if (depth > 16 || out.length > 1000) return;
  if (typeof node === "string") {
    if (node.length > 0) out.push({ location: path, kind: "param", raw: node, text: normalizeValue(node) });
  } else if (Array.isArray(node)) {
    node.forEach((v, i) => flattenParams(v, `${path}[${i}]`, out, depth + 1));
  } else if (node !== null && typeof node === "object") {
    for (const [k, v] of Object.entries(node)) flattenParams(v, `${path}.${k}`, out, depth + 1);
  }
}

export function inspectAction(action: ActionDescriptor, config: InspectionConfig = DEFAULT_INSPECTION_CONFIG): InspectionResult {
  const params: InspectedValue[] = [];
  flattenParams(action.params, "action.params", params, 0);
  const commandLine = [action.tool, action.action, action.resource ?? ""].join(" ").trim();
  const header: InspectedValue = { location: "action", kind: "param", raw: commandLine, text: normalizeValue(commandLine) };
  // argv-style arrays are one command: ["rm", "--recursive", "--force", "/home"].
  for (const [key, value] of Object.entries(isRecord(action.params) ? action.params : {})) {
    if (Array.isArray(value) && value.every((x) => typeof x === "string") && /^(?:argv|args|command|cmd)$/.test(key)) {
      const joined = value.join(" ");
      params.push({ location: `action.params.${key}`, kind: "param", raw: joined, text: normalizeValue(joined) });
    }
  }
  const findings: Finding[] = [];
  // Code-carrying params (sql, command, script) are judged by what they do, not by injection
  // shape: an agent's SQL tool legitimately sends UNION SELECT, never DROP TABLE unasked.
  runFamilies(params, WAF_FAMILIES, config, findings, { pregate: wafPregate, accept: (v) => !CODE_FIELD.test(v.location) });
  runFamilies(params, [PROMPT_FAMILY], config, findings, { accept: needsPromptRules });
  runFamilies([header, ...params], [ACTION_FAMILY], config, findings, { accept: (v) => v === header || carriesCode(v) });
  runFamilies(params, [MESSAGE_FAMILY], config, findings);
  findings.push(...inspectActionStructure(action, config));
  findings.push(...inspectDlp(params, config));
  return finish(findings, config);
}
