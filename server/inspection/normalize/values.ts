/** A decoded value with the place it came from: the unit every detector works on. */
export type ValueKind = "param" | "key" | "path" | "header" | "body" | "llm";
export type LlmRole = "system" | "user" | "assistant" | "tool";

export interface InspectedValue {
  location: string;
  kind: ValueKind;
  /** As received (after JSON unescaping); evidence and masking start from here. */
  raw: string;
  /** normalizeValue / normalizeProse output: decoded, folded, lower-case. */
  text: string;
  /** Only for kind "llm": who wrote it. Tool results and retrieved documents are "tool". */
  role?: LlmRole;
  /** isCodeFieldLocation(location), when extraction knows it without reading the location again. */
  codeField?: boolean;
  /**
   * Per-value work shared by gates and rules (keyword bits, WAF family mask, SQL token contexts,
   * URLs found). Plain fields instead of WeakMaps keyed by the value: a request creates hundreds of
   * short-lived values, and WeakMap entries were a visible share of the engine's time and GC.
   */
  memo?: ValueMemo;
}

export interface ValueMemo {
  words?: number;
  waf?: number;
  sql?: unknown;
  urls?: unknown;
  /** Prompt-injection classifier probability. */
  pi?: number;
  /** Whether the text reads as prose (three words or more; prompt rules on API fields need it). */
  prose?: boolean;
  /** Jailbreak feature points (both jailbreak-score rules read them). */
  jailbreak?: number;
}

export function memoOf(v: InspectedValue): ValueMemo {
  return (v.memo ??= {});
}

/**
 * A value whose normal form is computed on first read. A value whose verdict is cached (an
 * earlier turn of a conversation) is never normalized again; everything else reads `text` at once
 * through the gates, so nothing is skipped, only deferred. `text` is a getter on the prototype:
 * a spread copy (`{ ...v }`) does not carry it; write `{ ...v, text: v.text }`.
 */
export class LazyValue implements InspectedValue {
  memo?: ValueMemo;
  codeField?: boolean;
  private normalized: string | undefined;
  constructor(
    public location: string,
    public kind: ValueKind,
    public raw: string,
    private readonly normalize: (raw: string) => string,
    public role?: LlmRole,
  ) {}
  get text(): string {
    if (this.normalized === undefined) this.normalized = this.normalize(this.raw);
    return this.normalized;
  }
}
