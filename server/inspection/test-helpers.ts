import { inspectAction, inspectRequest } from "./index";
import { DEFAULT_INSPECTION_CONFIG, type ActionDescriptor, type Finding, type InspectionConfig, type Paranoia } from "./types";

/** Test helpers: run a value through the full engine (normalization and gates included). */
export function configAt(paranoia: Paranoia, extra: Partial<InspectionConfig> = {}): InspectionConfig {
  return { ...DEFAULT_INSPECTION_CONFIG, paranoia, ...extra };
}

export function inQuery(value: string, paranoia: Paranoia = 1): Finding[] {
  return inspectRequest({ method: "GET", path: "/search", query: `q=${encodeURIComponent(value)}`, headers: {} }, configAt(paranoia)).findings;
}

export function inJson(body: unknown, paranoia: Paranoia = 1, extra: Partial<InspectionConfig> = {}): Finding[] {
  return inspectRequest({ method: "POST", path: "/api", query: "", headers: { "content-type": "application/json" }, body: JSON.stringify(body), contentType: "application/json" }, configAt(paranoia, extra)).findings;
}

export function chat(user: string, paranoia: Paranoia = 1): Finding[] {
  return inJson({ model: "m", messages: [{ role: "system", content: "You are a helpful assistant." }, { role: "user", content: user }] }, paranoia);
}

export function toolResult(document: string, paranoia: Paranoia = 1): Finding[] {
  return inJson({ model: "m", messages: [{ role: "user", content: "Summarize the page." }, { role: "tool", tool_call_id: "1", content: document }] }, paranoia);
}

export function action(a: ActionDescriptor, extra: Partial<InspectionConfig> = {}): Finding[] {
  return inspectAction(a, configAt(1, extra)).findings;
}

export const ids = (findings: Finding[]): string[] => findings.map((f) => f.rule_id);
export const categories = (findings: Finding[]): string[] => [...new Set(findings.map((f) => f.category))];
