// Response redaction, for whole strings and for streams.
//
// Streaming design (low latency, nothing missed across chunk boundaries):
// - Bytes are decoded with one TextDecoder in stream mode, so a multi-byte character split across
//   chunks is never mangled; the redacted text is re-encoded as UTF-8 (use on textual bodies only).
// - After each chunk, each pattern's derived prefix regex (see regex-prefix.ts) finds the leftmost
//   position in the tail where a match could have started and still be in progress. Only text from
//   that point is held back; everything before it is redacted and emitted at once. An SSE event
//   ending in "\n\n" therefore flows immediately unless its very end looks like a secret's start.
// - The hold-back is bounded by `maxMatchLength` (default 4096 UTF-16 units): a single secret
//   longer than that, split across chunks, can escape. A pattern whose syntax cannot be analysed
//   (backreferences, v flag) holds back that whole window.
// - A small context of already-emitted text is kept so lookbehinds and \b see what came before.
// The caller must drop Content-Length from the response when it pipes a body through here (the
// length changes whenever something is masked).
// Limit: matching is on the bytes as sent. A secret an LLM streams token by token inside separate
// SSE JSON events is not contiguous in the bytes; catching it needs an SSE-delta-aware redactor.
import { derivePrefixRegex, type TPrefixMatcher } from "@/server/proxy/regex-prefix";

export type TRedactionPattern = {
  id: string;
  regex: RegExp;
  validate?: (match: string) => boolean;
  mask?: string | ((match: string) => string);
};
export type TRedactionStats = { count: number; byId: Record<string, number> };
export type TRedactor = {
  redactText(text: string): { text: string } & TRedactionStats;
  redactStream(input: ReadableStream<Uint8Array>, onComplete?: (stats: TRedactionStats) => void): ReadableStream<Uint8Array>;
};

type TCompiled = { id: string; regex: RegExp; validate?: (m: string) => boolean; mask: (m: string) => string; prefix: TPrefixMatcher | null };
type TMatch = { start: number; end: number; replacement: string; id: string };

const LITERAL_ID = "upstream_secret";
const MIN_LITERAL_LENGTH = 4; // shorter "secrets" would shred ordinary text
const CONTEXT_CHARS = 32;

export function createRedactor(config: { literals?: string[]; patterns?: TRedactionPattern[]; maxMatchLength?: number }): TRedactor {
  const maxMatchLength = config.maxMatchLength ?? 4096;
  const literals = [...new Set((config.literals ?? []).filter((l) => l.length >= MIN_LITERAL_LENGTH))];
  const compiled: TCompiled[] = (config.patterns ?? []).map((p) => {
    const flags = p.regex.flags.includes("g") ? p.regex.flags : `${p.regex.flags}g`;
    const regex = new RegExp(p.regex.source, flags.replace("y", "")); // private copy: lastIndex is ours
    const mask = p.mask;
    return {
      id: p.id,
      regex,
      validate: p.validate,
      mask: typeof mask === "function" ? mask : () => mask ?? `[REDACTED:${p.id}]`,
      prefix: derivePrefixRegex(regex),
    };
  });

  /** All accepted, non-overlapping matches starting at or after `from` (leftmost, then longest). */
  function findMatches(s: string, from: number): TMatch[] {
    const found: TMatch[] = [];
    // Literals first: on an exact tie the known upstream secret names the redaction (stable sort).
    for (const lit of literals) {
      for (let at = s.indexOf(lit, from); at !== -1; at = s.indexOf(lit, at + lit.length)) {
        found.push({ start: at, end: at + lit.length, replacement: `[REDACTED:${LITERAL_ID}]`, id: LITERAL_ID });
      }
    }
    for (const p of compiled) {
      p.regex.lastIndex = from;
      for (let m = p.regex.exec(s); m; m = p.regex.exec(s)) {
        if (m[0].length === 0) {
          p.regex.lastIndex++;
          continue;
        }
        if (p.validate && !p.validate(m[0])) continue;
        found.push({ start: m.index, end: m.index + m[0].length, replacement: p.mask(m[0]), id: p.id });
      }
    }
    found.sort((a, b) => a.start - b.start || b.end - a.end);
    const chosen: TMatch[] = [];
    let lastEnd = -1;
    for (const m of found) if (m.start >= lastEnd) (chosen.push(m), (lastEnd = m.end));
    return chosen;
  }

  /** Leftmost index >= from where a match could begin and still be unfinished at the end of s. */
  function holdFrom(s: string, from: number): number {
    let hold = s.length;
    for (const p of compiled) {
      let windowStart = Math.max(from, s.length - Math.min(maxMatchLength, p.prefix?.maxLength ?? maxMatchLength));
      if (!p.prefix) {
        hold = Math.min(hold, windowStart);
        continue;
      }
      let runStart = s.length;
      while (runStart > windowStart && p.prefix.canOccur(s.charCodeAt(runStart - 1))) runStart--;
      windowStart = Math.max(windowStart, runStart);
      if (windowStart >= s.length) continue;
      p.prefix.tail.lastIndex = windowStart;
      const m = p.prefix.tail.exec(s);
      if (m) hold = Math.min(hold, m.index);
    }
    for (const lit of literals) {
      for (let k = Math.min(lit.length - 1, s.length - from); k > 0; k--) {
        if (s.endsWith(lit.slice(0, k))) {
          hold = Math.min(hold, s.length - k);
          break;
        }
      }
    }
    return hold;
  }

  function apply(s: string, from: number, to: number, matches: TMatch[], stats: TRedactionStats): string {
    let out = "";
    let at = from;
    for (const m of matches) {
      if (m.end > to) break;
      out += s.slice(at, m.start) + m.replacement;
      at = m.end;
      stats.count++;
      stats.byId[m.id] = (stats.byId[m.id] ?? 0) + 1;
    }
    return out + s.slice(at, to);
  }

  return {
    redactText(text) {
      const stats: TRedactionStats = { count: 0, byId: {} };
      const out = apply(text, 0, text.length, findMatches(text, 0), stats);
      return { text: out, ...stats };
    },

    redactStream(input, onComplete) {
      const decoder = new TextDecoder("utf-8", { ignoreBOM: true });
      const encoder = new TextEncoder();
      const stats: TRedactionStats = { count: 0, byId: {} };
      let context = ""; // tail of emitted raw text, for lookbehind and \b only
      let pending = "";

      // Emits everything that can no longer be part of an unfinished match.
      const drain = (isFinal: boolean): string => {
        const s = context + pending;
        const from = context.length;
        const matches = findMatches(s, from);
        let cut = isFinal ? s.length : Math.max(from, holdFrom(s, from));
        for (const m of matches) {
          if (m.start >= cut || m.end <= cut) continue;
          // A complete match already longer than the bound is emitted (redacted) rather than held,
          // so an endless matching run (a long token) cannot make us buffer the whole body.
          cut = s.length - m.start > maxMatchLength ? m.end : m.start;
        }
        const out = apply(s, from, cut, matches, stats);
        context = s.slice(Math.max(0, cut - CONTEXT_CHARS), cut);
        pending = s.slice(cut);
        return out;
      };

      const transform = new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, controller) {
          pending += decoder.decode(chunk, { stream: true });
          const out = drain(false);
          if (out) controller.enqueue(encoder.encode(out));
        },
        flush(controller) {
          pending += decoder.decode();
          const out = drain(true);
          if (out) controller.enqueue(encoder.encode(out));
          onComplete?.(stats);
        },
      });
      return input.pipeThrough(transform);
    },
  };
}

/** Whether a body of this content type is text the redactor may decode and re-encode. */
export function isRedactableContentType(contentType: string | null): boolean {
  if (!contentType) return false;
  const type = contentType.split(";")[0]?.trim().toLowerCase() ?? "";
  return type.startsWith("text/") || type === "application/json" || type.endsWith("+json") || type === "application/x-ndjson" || type === "application/xml" || type.endsWith("+xml") || type === "application/javascript" || type === "application/x-www-form-urlencoded";
}
