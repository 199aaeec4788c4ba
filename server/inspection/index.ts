/**
 * Inspection engine: pure functions from a request (or an agent action) to findings and a risk
 * score. No I/O, no clock: the gateway may call it on the hot path and the bench calls exactly
 * the same functions. Order: normalize → WAF → prompt injection → dangerous actions → DLP → risk.
 * The only state is memoization of pure functions (enabled-rule lists, per-value verdicts in
 * verdict-cache.ts): a result never depends on what was inspected before.
 */
import type { ActionDescriptor, Finding, InspectionConfig, InspectionResult, RequestView } from "./types";
import { DEFAULT_INSPECTION_CONFIG } from "./types";
import { extractValues, stringsUnder } from "./normalize/extract";
import { LazyValue, type InspectedValue } from "./normalize/values";
import { normalizeValue } from "./normalize/decode";
import { listDetectors } from "./registry";
import { MAX_FINDINGS, NO_HITS, activeFamilies, hitsOf, pushHits, ruleConfigKey, runFamilies, type ValueHit } from "./engine";
import { MIN_CACHED_LENGTH, clearVerdictCache, memoizedDlp, verdictsFor, type ValueVerdict } from "./verdict-cache";
import { CODE_START, isCodeFieldLocation } from "./code-fields";
import { ACTION_FAMILY, MESSAGE_FAMILY, PROMPT_FAMILY, WAF_FAMILIES, needsPromptGate, wafMayMatch } from "./gates";
import { inspectDlp, type DlpScanCache } from "./dlp/detect";
import { computeRisk } from "./risk";
import { inspectActionStructure } from "./actions/structured";

export { listDetectors, clearVerdictCache };
export type { ActionDescriptor, Finding, InspectionConfig, InspectionResult, RequestView } from "./types";

function carriesCode(v: InspectedValue, verdict?: ValueVerdict): boolean {
  if (v.kind === "llm") return v.role === "assistant";
  if (v.codeField ?? isCodeFieldLocation(v.location)) return true;
  if (verdict === undefined) return CODE_START.test(v.text);
  return (verdict.startsLikeCode ??= CODE_START.test(v.text));
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

export interface InspectOptions {
  /** Reuse verdicts of values seen in earlier requests (default true; the bench turns it off to time cold work). */
  cache?: boolean;
  /** Partitions the verdict cache (pass the org id: hits are faster, so a shared cache is a timing side channel). */
  cacheScope?: string;
}

/**
 * Each value is judged once per config (verdict-cache.ts), then its hits are laid out as
 * findings stage by stage, in the order separate passes would give: every value's WAF hits,
 * then prompt hits, then action hits, capped at MAX_FINDINGS; DLP last, over the values that can
 * hold a match (it counts matches across the request).
 */
export function inspectRequest(view: RequestView, config: InspectionConfig = DEFAULT_INSPECTION_CONFIG, options: InspectOptions = {}): InspectionResult {
  const values = extractValues(view);
  const key = ruleConfigKey(config);
  const waf = activeFamilies(WAF_FAMILIES, config, key);
  const prompt = activeFamilies([PROMPT_FAMILY], config, key);
  const action = activeFamilies([ACTION_FAMILY], config, key);
  const lookup = verdictsFor(config, options.cache !== false, options.cacheScope);
  const verdicts: ValueVerdict[] = values.map((v) => lookup.get(v));
  const findings: Finding[] = [];
  stage(values, verdicts, findings, "waf", (v) => (wafMayMatch(v) ? hitsOf(v, waf) : NO_HITS));
  stage(values, verdicts, findings, "prompt", (v) => (needsPromptRules(v) ? hitsOf(v, prompt) : NO_HITS));
  stage(values, verdicts, findings, "action", (v) => hitsOf(v, action), carriesCode);
  findings.push(...inspectDlpCached(values, verdicts, config, options));
  return finish(findings, config);
}

function stage(values: InspectedValue[], verdicts: ValueVerdict[], out: Finding[], name: "waf" | "prompt" | "action", judge: (v: InspectedValue) => readonly ValueHit[], accept?: (v: InspectedValue, verdict: ValueVerdict) => boolean): void {
  for (let i = 0; i < values.length; i++) {
    if (out.length >= MAX_FINDINGS) return;
    const v = values[i];
    const verdict = verdicts[i];
    if (v === undefined || verdict === undefined || (accept !== undefined && !accept(v, verdict))) continue;
    pushHits((verdict[name] ??= judge(v)), v.location, out);
  }
}

/**
 * DLP reports counts across the request, so it runs once over all values; a cached value known
 * to hold no match is left out (it adds nothing to any count). In an LLM body, whose turns come
 * back in every request of the conversation, values are probed alone when first seen; elsewhere
 * the second time they are seen (one extra scan for values that repeat, none for values that
 * never do). With only known-positive values left, a conversation's DLP findings repeat from turn
 * to turn and are memoized.
 */
function inspectDlpCached(values: InspectedValue[], verdicts: ValueVerdict[], config: InspectionConfig, options: InspectOptions): Finding[] {
  const isCached = options.cache !== false;
  const candidates: InspectedValue[] = [];
  const candidateVerdicts: ValueVerdict[] = [];
  const isConversation = isCached && values.some((v) => v.kind === "llm");
  let probeConfig: InspectionConfig | undefined;
  // One scan per text: a probed value is not scanned again when the request is (same PII classes).
  const scanned: DlpScanCache = new Map();
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    const verdict = verdicts[i];
    if (v === undefined || verdict === undefined) continue;
    if (verdict.dlp === undefined && isCached && v.raw.length >= MIN_CACHED_LENGTH && (verdict.isRepeat === true || isConversation)) {
      probeConfig ??= { ...config, dlp: { ...config.dlp, minCount: 1 } };
      verdict.dlp = inspectDlp([v], probeConfig, scanned).length > 0;
    }
    if (verdict.dlp !== false) {
      candidates.push(v);
      candidateVerdicts.push(verdict);
    }
  }
  if (candidates.length === 0) return [];
  return isConversation ? memoizedDlp(candidates, candidateVerdicts, config, options.cacheScope ?? "", () => inspectDlp(candidates, config, scanned)) : inspectDlp(candidates, config, scanned);
}

/** Action params, flattened like a JSON body: nothing deeper or later than the bounds is dropped. */
const MAX_PARAM_DEPTH = 16;
const MAX_PARAM_VALUES = 1000;

function flattenParams(node: unknown, path: string, out: InspectedValue[], depth: number): void {
  if (depth > MAX_PARAM_DEPTH) {
    const joined = stringsUnder(node);
    if (joined.length > 0) out.push(new LazyValue(path, "param", joined, normalizeValue));
  } else if (typeof node === "string") {
    if (node.length > 0) out.push(new LazyValue(path, "param", node, normalizeValue));
  } else if (Array.isArray(node)) {
    for (let i = 0; i < node.length; i++) flattenParams(node[i], `${path}[${i}]`, out, depth + 1);
  } else if (node !== null && typeof node === "object") {
    for (const [k, v] of Object.entries(node)) flattenParams(v, `${path}.${k}`, out, depth + 1);
  }
}

function foldParams(out: InspectedValue[]): InspectedValue[] {
  if (out.length <= MAX_PARAM_VALUES) return out;
  const rest = out.splice(MAX_PARAM_VALUES);
  out.push(new LazyValue("action.params(overflow)", "param", rest.map((v) => v.raw).join(" "), normalizeValue));
  return out;
}

export function inspectAction(action: ActionDescriptor, config: InspectionConfig = DEFAULT_INSPECTION_CONFIG): InspectionResult {
  const params: InspectedValue[] = [];
  flattenParams(action.params, "action.params", params, 0);
  foldParams(params);
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
  runFamilies(params, WAF_FAMILIES, config, findings, { pregate: wafMayMatch, accept: (v) => !isCodeFieldLocation(v.location) });
  runFamilies(params, [PROMPT_FAMILY], config, findings, { accept: needsPromptRules });
  runFamilies([header, ...params], [ACTION_FAMILY], config, findings, { accept: (v) => v === header || carriesCode(v) });
  runFamilies(params, [MESSAGE_FAMILY], config, findings);
  findings.push(...inspectActionStructure(action, config));
  findings.push(...inspectDlp(params, config));
  return finish(findings, config);
}
