import type { ActionDescriptor, FindingCategory, Paranoia, RequestView } from "@/server/inspection/types";

/** One labelled benchmark case, already turned into what the engine receives. */
export type Channel = "http_request" | "http_param" | "llm_user" | "llm_tool_output" | "dlp_text" | "action";
export type BenchCategory = FindingCategory | "out_of_scope" | "llm_code_payload";

export interface BenchCase {
  id: string;
  source: string;
  family: string;
  /** What the case attacks; benign cases carry the category of the detector family they probe. */
  category: BenchCategory;
  channel: Channel;
  label: "attack" | "benign";
  /** Hard negatives (CRS no_match, NotInject): reported separately from ordinary benign traffic. */
  hard: boolean;
  split: "train" | "test";
  /** CRS cases run at the paranoia level of the rule they test; everything else at the default. */
  paranoia?: Paranoia;
  /** For DLP cases the bench uses minCount 1: it measures recognition, not the bulk threshold. */
  dlpMinCount?: number;
  input: { kind: "request"; view: RequestView } | { kind: "action"; action: ActionDescriptor };
}

/** FNV-1a, for a stable train/test split of sources that ship without one. */
export function stableHash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

export function hashSplit(key: string): "train" | "test" {
  return stableHash(key) % 2 === 0 ? "train" : "test";
}

export function dedupKey(text: string): string {
  let s = text;
  try {
    s = decodeURIComponent(s.replace(/\+/g, " "));
  } catch {
    // keep as is: malformed escapes are part of some payloads
  }
  return s.toLowerCase().replace(/\s+/g, " ").trim();
}
