import type { Finding, FindingCategory, InspectionConfig } from "./types";

/**
 * Combined risk 0..100. Per category the strongest finding counts, nudged up by corroborating
 * findings (two independent SQLi signals are more convincing than one); categories then combine
 * as independent evidence (noisy-or), each scaled by the org's weight. A weight of 0 mutes a
 * category in the risk without hiding its findings.
 */
export const DEFAULT_CATEGORY_WEIGHTS: Record<FindingCategory, number> = {
  sqli: 1, xss: 1, traversal: 1, rce: 1, ssrf: 1, ssti: 1,
  prompt_injection: 1, dangerous_action: 1, secret: 0.9, pii: 0.7,
};

export function computeRisk(findings: Finding[], config: InspectionConfig): number {
  const byCategory = new Map<FindingCategory, number[]>();
  for (const f of findings) {
    const list = byCategory.get(f.category) ?? [];
    list.push(f.score / 100);
    byCategory.set(f.category, list);
  }
  let safe = 1;
  for (const [category, scores] of byCategory) {
    scores.sort((a, b) => b - a);
    const [top = 0, ...rest] = scores;
    let p = top;
    for (const s of rest.slice(0, 3)) p += (1 - p) * s * 0.25;
    const weight = config.categoryWeights?.[category] ?? DEFAULT_CATEGORY_WEIGHTS[category];
    safe *= 1 - Math.min(1, Math.max(0, p * weight));
  }
  return Math.round((1 - safe) * 100);
}
