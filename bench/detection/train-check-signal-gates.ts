/**
 * Checks that every gate in server/inspection/prompt/signals.ts and jailbreak-score.ts is a superset of its full
 * pattern on every LLM text of the corpus (both splits: only a count is printed, no text is
 * looked at) plus the composed benign prompts. Must print 0 violations.
 *
 *   npx tsx bench/detection/train-check-signal-gates.ts
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { extractValues } from "@/server/inspection/normalize/extract";
import { normalizeProse } from "@/server/inspection/normalize/decode";
import { PATTERNS } from "@/server/inspection/prompt/signals";
import { FEATURES } from "@/server/inspection/prompt/jailbreak-score";
import { loadLlm } from "./load-llm";
import { COMPOSED_BENIGN_PROMPTS } from "./composed-benign-prompts";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const corpusDir = process.env.AEGIS_CORPUS_DIR ?? path.resolve(repoRoot, "../shared/corpus");
const texts: string[] = COMPOSED_BENIGN_PROMPTS.map(normalizeProse);
for (const c of loadLlm(corpusDir)) {
  if (c.input.kind !== "request") continue;
  for (const v of extractValues(c.input.view)) if (v.kind === "llm") texts.push(v.text);
}
// Sentences: a gate must also hold on each sentence alone (attacks are often one sentence).
const units = texts.flatMap((t) => [t, ...t.split(/(?<=[.!?\n])\s+/)]).map((t) => t.slice(0, 4000));
let violations = 0;
for (const p of PATTERNS) {
  let matched = 0;
  for (const t of units) {
    if (!p.pattern.test(t)) continue;
    matched++;
    if (!p.gate.test(t) && !(p.wideGate?.test(t) ?? false)) violations++;
  }
  console.log(`signal bit ${p.bit}: ${matched} matches`);
}
for (const f of FEATURES) {
  if (f.gate === undefined) continue;
  let matched = 0;
  for (const t of texts) {
    if (!f.pattern.test(t)) continue;
    matched++;
    if (!f.gate.test(t)) violations++;
  }
  console.log(`jailbreak feature ${f.name}: ${matched} matches`);
}
console.log(`${units.length} texts and sentences, ${violations} gate violations`);
process.exitCode = violations === 0 ? 0 : 1;
