import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Paranoia, RequestView } from "@/server/inspection/types";
import { dedupKey, hashSplit, stableHash, type BenchCase, type BenchCategory } from "./cases";
import { paramRequest } from "./templates";

/** WAF cases: CRS regression stages (as full requests), PayloadsAllTheThings lines and HttpParams rows. */
interface CrsStage {
  file: string; rule_id: number; family: string; paranoia_level?: number; test_id: number; stage: number;
  method?: string; uri?: string; headers?: Record<string, string>; data?: string | null; expected: string;
}

function crsCategory(ruleId: number): BenchCategory | null {
  const id = String(ruleId);
  const group = id.slice(0, 3);
  if (group === "930" || group === "931") return "traversal";
  if (group === "932" || group === "933") return "rce";
  if (group === "941") return "xss";
  if (group === "942") return "sqli";
  if (group === "943") return "out_of_scope";
  if (group === "934") {
    if (["934110", "934120", "934190"].includes(id)) return "ssrf";
    if (["934180", "934200"].includes(id)) return "ssti";
    if (["934130", "934210", "934220"].includes(id)) return "out_of_scope";
    return "rce";
  }
  if (group === "944") return ["944150", "944151", "944152"].includes(id) ? "ssti" : "rce";
  return null;
}

function crsView(s: CrsStage): RequestView {
  const uri = s.uri ?? "/";
  const q = uri.indexOf("?");
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(s.headers ?? {})) headers[k.toLowerCase()] = String(v);
  const body = typeof s.data === "string" ? s.data : undefined;
  return { method: s.method ?? "GET", path: q < 0 ? uri : uri.slice(0, q), query: q < 0 ? "" : uri.slice(q + 1), headers, body, contentType: headers["content-type"] };
}

const JAVA_CAP = 300;

export function loadCrs(dir: string): BenchCase[] {
  const lines = readFileSync(path.join(dir, "waf/crs-regression-tests/index.jsonl"), "utf8").split("\n").filter(Boolean);
  const out: BenchCase[] = [];
  for (const line of lines) {
    const s = JSON.parse(line) as CrsStage;
    const category = crsCategory(s.rule_id);
    if (!category || (s.expected !== "match" && s.expected !== "no_match")) continue;
    // 944 has 1,140 stages; sample so one family cannot dominate (corpus README advice).
    if (String(s.rule_id).startsWith("944") && s.expected === "match" && stableHash(`${s.file}#${s.test_id}`) % 1140 >= JAVA_CAP) continue;
    const pl = Math.min(4, Math.max(1, s.paranoia_level ?? 1)) as Paranoia;
    out.push({
      id: `crs:${s.rule_id}:${s.test_id}:${s.stage}`, source: "crs", family: `crs-${s.family.split("(")[0]}`, category,
      channel: "http_request", label: s.expected === "match" ? "attack" : "benign", hard: s.expected === "no_match",
      split: hashSplit(`${s.file}#${s.test_id}`), paranoia: s.expected === "match" ? pl : undefined, input: { kind: "request", view: crsView(s) },
    });
  }
  return out;
}

const PATT_CATEGORY: Record<string, BenchCategory> = {
  "sql-injection": "sqli", "xss-injection": "xss", "command-injection": "rce", "directory-traversal": "traversal",
  "file-inclusion": "traversal", "server-side-template-injection": "ssti", "server-side-request-forgery": "ssrf",
};
const FILES = ["etc/passwd", "windows/win.ini", "etc/shadow", "boot.ini"];
const DOTDOTPWN_CAP = 1500;

export function substituteFile(s: string, n: number): string {
  return s.replace(/\{file\}/gi, FILES[n % FILES.length] ?? "etc/passwd");
}

export function loadPayloadsAllTheThings(dir: string, seen: Set<string>): BenchCase[] {
  const root = path.join(dir, "waf/payloadsallthethings");
  const out: BenchCase[] = [];
  for (const family of readdirSync(root, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort()) {
    for (const file of readdirSync(path.join(root, family)).sort()) {
      const lines = readFileSync(path.join(root, family, file), "latin1").split(/\r?\n/).filter((l) => l.trim().length > 0);
      lines.forEach((line, i) => {
        if (file === "dotdotpwn.txt" && stableHash(line) % lines.length >= DOTDOTPWN_CAP) return;
        const payload = substituteFile(line, i);
        const key = dedupKey(payload);
        if (seen.has(key)) return;
        seen.add(key);
        out.push({
          id: `patt:${family}/${file}:${i}`, source: "payloadsallthethings", family: `patt-${family}`, category: PATT_CATEGORY[family] ?? "out_of_scope",
          channel: "http_param", label: "attack", hard: false, split: hashSplit(key), input: { kind: "request", view: paramRequest(payload, stableHash(key)) },
        });
      });
    }
  }
  return out;
}

const HTTPPARAMS_CATEGORY: Record<string, BenchCategory> = { sqli: "sqli", xss: "xss", cmdi: "rce", "path-traversal": "traversal" };

function parseCsvLine(line: string): string[] {
  const cells: string[] = [];
  let cur = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted && c === '"' && line[i + 1] === '"') { cur += '"'; i++; }
    else if (c === '"') quoted = !quoted;
    else if (c === "," && !quoted) { cells.push(cur); cur = ""; }
    else cur += c;
  }
  cells.push(cur);
  return cells;
}

export function loadHttpParams(dir: string, seen: Set<string>): BenchCase[] {
  const out: BenchCase[] = [];
  for (const split of ["train", "test"] as const) {
    const lines = readFileSync(path.join(dir, `waf/httpparamsdataset/payload_${split}.csv`), "utf8").split(/\r?\n/).slice(1).filter(Boolean);
    lines.forEach((line, i) => {
      const [raw = "", , attackType = "", label = ""] = parseCsvLine(line);
      const payload = substituteFile(raw, i);
      const isAttack = label === "anom";
      if (isAttack) {
        const key = dedupKey(payload);
        if (seen.has(key)) return;
        seen.add(key);
      }
      out.push({
        id: `httpparams:${split}:${i}`, source: "httpparams", family: isAttack ? `httpparams-${attackType}` : "httpparams-norm",
        category: HTTPPARAMS_CATEGORY[attackType] ?? "sqli", channel: "http_param", label: isAttack ? "attack" : "benign", hard: false, split,
        input: { kind: "request", view: paramRequest(payload, i) },
      });
    });
  }
  return out;
}
