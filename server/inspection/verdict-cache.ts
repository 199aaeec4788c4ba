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
  /** The value starts like SQL or a CLI command (code-fields.ts). */
  startsLikeCode?: boolean;
  /** False when DLP finds no match at all in the value (it then cannot add to any count). */
  dlp?: boolean;
  /** Set when the verdict came from the cache: the value was seen before. */
  isRepeat?: boolean;
  /** Unique per cached verdict, never reused: stands for (config, kind, raw) in the DLP memo. */
  id?: number;
}

/**
 * A bounded, per-process cache of value verdicts. Chat clients re-send the whole conversation on
 * every turn, and API bodies repeat enum values and product titles, so many values of a request
 * were inspected a moment ago. Verdicts are looked up by the whole value (no hash that two values
 * could share) in a bucket per (config, kind, role); the config part covers paranoia, disabled
 * rules and DLP classes, so a verdict is never served to another config. Short values are not
 * cached: inspecting them costs about what a lookup does.
 *
 * Eviction is generational (an approximate LRU without re-inserting on every hit): new and
 * recently used verdicts live in the young generation; when it is full it becomes the old one and
 * the previous old one is dropped; a hit in the old generation moves the verdict back to young.
 */
export const MIN_CACHED_LENGTH = 24;
const MAX_ENTRIES = 32_768;
/** Characters of cached values (UTF-16, so about twice this in bytes), across all configs. */
const MAX_CHARS = 4_000_000;
/**
 * Distinct rule configs (paranoia × disabled rules × DLP classes) with an id. Orgs and upstreams
 * tune detectors, so a multi-tenant gateway sees many; past this bound the whole cache is dropped
 * (ids are reused). The bound only limits the id table (~200 bytes a config): the verdicts
 * themselves are bounded by MAX_ENTRIES and MAX_CHARS whatever the number of configs.
 */
const MAX_CONFIGS = 4096;

class Generation {
  readonly buckets = new Map<string, Map<string, ValueVerdict>>();
  entries = 0;
  chars = 0;
}

const configIds = new Map<string, string>();
let young = new Generation();
let old = new Generation();
let nextId = 1;

function configId(config: InspectionConfig): string {
  const key = `${ruleConfigKey(config)}${JSON.stringify(config.dlp.classes)}`;
  let id = configIds.get(key);
  if (id === undefined) {
    // Ids are reused after a clear, so a clear drops every verdict along with them.
    if (configIds.size >= MAX_CONFIGS) clearVerdictCache();
    id = String(configIds.size);
    configIds.set(key, id);
  }
  return id;
}

function insert(bucket: string, raw: string, verdict: ValueVerdict): void {
  let map = young.buckets.get(bucket);
  if (!map) young.buckets.set(bucket, (map = new Map()));
  map.set(raw, verdict);
  young.entries++;
  young.chars += raw.length;
  if (young.entries > MAX_ENTRIES / 2 || young.chars > MAX_CHARS / 2) {
    old = young;
    young = new Generation();
  }
}

export interface VerdictLookup {
  get(v: InspectedValue): ValueVerdict;
}

/**
 * Per-request view of the cache for one config; values too short to cache get a fresh verdict.
 * `scope` (e.g. the org id) partitions the cache: a hit is faster than a miss, so without it one
 * tenant could time whether another recently sent an exact long text.
 */
export function verdictsFor(config: InspectionConfig, enabled: boolean, scope = ""): VerdictLookup {
  const id = configId(config);
  // Bucket names for this request by kind then role, so no string is built per value.
  const names: Partial<Record<string, Record<string, string>>> = {};
  const bucketOf = (v: InspectedValue): string => {
    const role = v.role ?? "";
    const byRole = (names[v.kind] ??= {});
    return (byRole[role] ??= `${id}\u0000${v.kind}\u0000${role}\u0000${scope}`);
  };
  // Values the shared cache does not hold (short ones, or all when it is off) are still judged
  // once per request: a JSON list repeats its enum values, tags and product titles record after
  // record, and a verdict does not depend on the location (see ValueVerdict). Request-local, so
  // it is bounded by the request and is no timing channel between requests.
  const local = new Map<string, Map<string, ValueVerdict>>();
  return {
    get(v) {
      if (!enabled || v.raw.length < MIN_CACHED_LENGTH) {
        const bucket = bucketOf(v);
        let map = local.get(bucket);
        if (map === undefined) local.set(bucket, (map = new Map()));
        let verdict = map.get(v.raw);
        if (verdict === undefined) map.set(v.raw, (verdict = {}));
        return verdict;
      }
      // The value itself is the inner key, hashed once by the engine and compared on a hit.
      const bucket = bucketOf(v);
      const found = young.buckets.get(bucket)?.get(v.raw);
      if (found) {
        found.isRepeat = true;
        return found;
      }
      const oldMap = old.buckets.get(bucket);
      const aged = oldMap?.get(v.raw);
      if (oldMap && aged) {
        oldMap.delete(v.raw);
        old.entries--;
        old.chars -= v.raw.length;
        aged.isRepeat = true;
        insert(bucket, v.raw, aged);
        return aged;
      }
      const made: ValueVerdict = { id: nextId++ };
      insert(bucket, v.raw, made);
      return made;
    },
  };
}

/** Drops every cached verdict (tests, and the bench's cold-cache measurements). */
export function clearVerdictCache(): void {
  young = new Generation();
  old = new Generation();
  configIds.clear();
  dlpEntries.clear();
  dlpChars = 0;
}

export function verdictCacheSize(): { entries: number; chars: number; dlpEntries: number; dlpChars: number } {
  return { entries: young.entries + old.entries, chars: young.chars + old.chars, dlpEntries: dlpEntries.size, dlpChars };
}

/**
 * DLP findings of a request depend on the ordered list of values that hold a match (their kind,
 * location and raw text) and on the DLP config; nothing else. In a conversation that list is the
 * same from turn to turn (the new turns hold no personal data, the old tool results still do),
 * so the findings are memoized by it (only for LLM bodies: an API body is rarely sent twice).
 * A cached value stands in the key as its verdict's id (which fixes kind and raw text), any other
 * as its text; every part is length-prefixed, so no value can make two lists read the same.
 */
const MAX_DLP_ENTRIES = 256;
const MAX_DLP_CHARS = 2_000_000;
const dlpEntries = new Map<string, Finding[]>();
let dlpChars = 0;

export function memoizedDlp(values: InspectedValue[], verdicts: ValueVerdict[], config: InspectionConfig, scope: string, compute: () => Finding[]): Finding[] {
  let key = `${config.dlp.minCount}\u0000${JSON.stringify(config.dlp.classes)}\u0000${scope.length}:${scope}`;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as InspectedValue;
    const id = verdicts[i]?.id;
    key += id !== undefined ? `#${id}@${v.location.length}:${v.location}` : `=${v.kind}:${v.location.length}:${v.location}${v.raw.length}:${v.raw}`;
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
