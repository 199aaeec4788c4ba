import type { Finding, InspectionConfig } from "./types";
import type { ValueHit } from "./engine";
import { ruleConfigKey } from "./engine";
import type { InspectedValue } from "./normalize/values";

/**
 * What one value yields under one config, filled stage by stage as the request needs it:
 * WAF hits, prompt hits (undefined: not computed yet), action hits (only computed for values in
 * code-carrying fields) and whether DLP matches anything in it.
 *
 * Every field is a pure function of (kind, role, raw) and the config: rules read only `text`,
 * `raw`, `kind` and `role` (never the location), and `text` is derived from `raw` by the kind's
 * normalizer. The location is added when a hit becomes a finding, so a value that moves to
 * another field (an LLM turn that is messages[3] this turn and messages[5] the next) keeps its
 * verdict and gets its new location.
 */
export interface ValueVerdict {
  waf?: readonly ValueHit[];
  prompt?: readonly ValueHit[];
  action?: readonly ValueHit[];
  /** False when DLP finds no match at all in the value (it then cannot add to any count). */
  dlp?: boolean;
  /** The value starts like SQL or a CLI command (code-fields.ts). */
  startsLikeCode?: boolean;
  /** Set when the verdict came from the cache: the value was seen before. */
  isRepeat?: boolean;
}

/**
 * A bounded, per-process LRU of value verdicts. Chat clients re-send the whole conversation on
 * every turn, and API bodies repeat enum values and product titles, so most values of a request
 * were already inspected a moment ago. Keys hold the whole value (no hash that two values could
 * share) and the config's rule key, paranoia, disabled rules and DLP classes, so a verdict is
 * never served to another config. Short values are not cached: inspecting them costs about what
 * a lookup does.
 */
export const MIN_CACHED_LENGTH = 24;
const MAX_ENTRIES = 32_768;
/** Characters held in keys (UTF-16, so about twice this in bytes), across all configs. */
const MAX_CHARS = 4_000_000;
const MAX_CONFIGS = 64;

const configIds = new Map<string, string>();
const entries = new Map<string, ValueVerdict>();
let chars = 0;

function configId(config: InspectionConfig): string {
  const key = `${ruleConfigKey(config)}${JSON.stringify(config.dlp.classes)}`;
  let id = configIds.get(key);
  if (id === undefined) {
    // A new config id can never be mistaken for an old one: clearing both maps together.
    if (configIds.size >= MAX_CONFIGS) clearVerdictCache();
    id = String(configIds.size);
    configIds.set(key, id);
  }
  return id;
}

export interface VerdictLookup {
  get(v: InspectedValue): ValueVerdict;
}

/** Per-request view of the cache for one config; values too short to cache get a fresh verdict. */
export function verdictsFor(config: InspectionConfig, enabled: boolean): VerdictLookup {
  const id = configId(config);
  return {
    get(v) {
      if (!enabled || v.raw.length < MIN_CACHED_LENGTH) return {};
      const key = `${id}\u0000${v.kind}\u0000${v.role ?? ""}\u0000${v.raw}`;
      const found = entries.get(key);
      if (found) {
        // Refresh recency: Map iteration order is insertion order, so the first key is the oldest.
        entries.delete(key);
        entries.set(key, found);
        found.isRepeat = true;
        return found;
      }
      const made: ValueVerdict = {};
      entries.set(key, made);
      chars += key.length;
      evict();
      return made;
    },
  };
}

function evict(): void {
  while (entries.size > MAX_ENTRIES || chars > MAX_CHARS) {
    const oldest = entries.keys().next();
    if (oldest.done === true) return;
    entries.delete(oldest.value);
    chars -= oldest.value.length;
  }
}

/** Drops every cached verdict (tests, and the bench's cold-cache measurements). */
export function clearVerdictCache(): void {
  entries.clear();
  dlpEntries.clear();
  dlpChars = 0;
  configIds.clear();
  chars = 0;
}

export function verdictCacheSize(): { entries: number; chars: number; dlpEntries: number; dlpChars: number } {
  return { entries: entries.size, chars, dlpEntries: dlpEntries.size, dlpChars };
}

/**
 * DLP findings of a request depend on the ordered list of values that hold a match (their kind,
 * location and raw text) and on the DLP config; nothing else. In a conversation that list is the
 * same from turn to turn (the new turns hold no personal data, the old tool results still do),
 * so the findings are memoized by it (only for LLM bodies: an API body is rarely sent twice). The key is length-prefixed, so no value can be crafted to
 * make two different lists read the same.
 */
const MAX_DLP_ENTRIES = 256;
const MAX_DLP_CHARS = 2_000_000;
const dlpEntries = new Map<string, Finding[]>();
let dlpChars = 0;

export function memoizedDlp(values: InspectedValue[], config: InspectionConfig, compute: () => Finding[]): Finding[] {
  let key = `${config.dlp.minCount}\u0000${JSON.stringify(config.dlp.classes)}\u0000`;
  for (const v of values) {
    key += `${v.kind}:${v.location.length}:${v.location}${v.raw.length}:${v.raw}`;
    if (key.length > MAX_DLP_CHARS / 8) return compute();
  }
  const found = dlpEntries.get(key);
  if (found) {
    dlpEntries.delete(key);
    dlpEntries.set(key, found);
    return found.map((f) => ({ ...f }));
  }
  const made = compute();
  dlpEntries.set(key, made.map((f) => ({ ...f })));
  dlpChars += key.length;
  while (dlpEntries.size > MAX_DLP_ENTRIES || dlpChars > MAX_DLP_CHARS) {
    const oldest = dlpEntries.keys().next();
    if (oldest.done === true) break;
    dlpEntries.delete(oldest.value);
    dlpChars -= oldest.value.length;
  }
  return made;
}
