// Derives, from a JS regex, a regex that recognizes every PREFIX of its possible matches. The
// streaming redactor uses it to decide how much of a chunk's tail to hold back: only the part
// where a match could have started and still be in progress at the end of the data received.
//
// The derived language over-approximates (sound for redaction: it may hold back a little more
// than needed, never less): every zero-width assertion (^ $ \b \B lookarounds) is dropped,
// and a quantified group's prefix allows one extra partial repetition. Unsupported syntax
// (backreferences, the v flag) makes `derivePrefixRegex` return null; the caller then holds back
// a fixed window for that pattern.

type TNode =
  | { t: "atom"; src: string }
  | { t: "assert" }
  | { t: "group"; alts: TNode[][] }
  | { t: "quant"; node: TNode; min: number; max: number };

class UnsupportedRegex extends Error {}

function parse(source: string): TNode[][] {
  let i = 0;
  const numbered: (TNode | undefined)[] = [];
  const named = new Map<string, TNode>();
  const peek = () => source[i];

  function parseEscape(): TNode {
    const start = i;
    i++; // backslash
    const c = source[i++];
    if (c === undefined) throw new UnsupportedRegex("trailing backslash");
    if (/[1-9]/.test(c) || (c === "k" && peek() === "<")) return parseBackreference(c);
    if (c === "b" || c === "B") return { t: "assert" };
    if (c === "x") i += 2;
    else if (c === "c") i += 1;
    else if ((c === "u" || c === "p" || c === "P") && peek() === "{") i = source.indexOf("}", i) + 1;
    else if (c === "u") i += 4;
    if (i <= start) throw new UnsupportedRegex("bad escape");
    return { t: "atom", src: source.slice(start, i) };
  }

  // A backreference matches text its group matched, so the group's own pattern over-approximates
  // it. A reference to a group not yet closed matches the empty string in JS; a \N beyond the
  // group count is an octal escape (one char): `[\s\S]?` covers both.
  function parseBackreference(c: string): TNode {
    let group: TNode | undefined;
    if (c === "k") {
      const end = source.indexOf(">", i);
      if (end === -1) throw new UnsupportedRegex("bad named reference");
      group = named.get(source.slice(i + 1, end));
      i = end + 1;
    } else {
      const digits = /^\d*/.exec(source.slice(i))?.[0] ?? "";
      i += digits.length;
      group = numbered[Number(c + digits) - 1];
    }
    return group ?? { t: "quant", node: { t: "atom", src: "[\\s\\S]" }, min: 0, max: 1 };
  }

  function parseClass(): TNode {
    const start = i;
    i++; // [
    if (peek() === "^") i++;
    while (i < source.length && source[i] !== "]") i += source[i] === "\\" ? 2 : 1;
    if (i >= source.length) throw new UnsupportedRegex("unterminated class");
    i++;
    return { t: "atom", src: source.slice(start, i) };
  }

  function parseQuantifier(node: TNode): TNode {
    const c = peek();
    let min: number;
    let max: number;
    if (c === "*" || c === "+" || c === "?") {
      i++;
      [min, max] = c === "*" ? [0, Infinity] : c === "+" ? [1, Infinity] : [0, 1];
    } else if (c === "{") {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(i));
      if (!m) return node; // a literal "{" (Annex B)
      i += m[0].length;
      min = Number(m[1]);
      max = m[2] === undefined ? min : m[3] ? Number(m[3]) : Infinity;
    } else return node;
    if (peek() === "?") i++; // laziness does not change the language
    return node.t === "assert" ? node : { t: "quant", node, min, max };
  }

  function parseAlternatives(): TNode[][] {
    const alts: TNode[][] = [[]];
    while (i < source.length && peek() !== ")") {
      const c = peek();
      let node: TNode;
      if (c === "|") {
        i++;
        alts.push([]);
        continue;
      } else if (c === "\\") node = parseEscape();
      else if (c === "[") node = parseClass();
      else if (c === "^" || c === "$") {
        i++;
        node = { t: "assert" };
      } else if (c === "(") {
        i++;
        const look = /^\?(=|!|<=|<!)/.exec(source.slice(i));
        let name: string | null = null;
        const isCapturing = !look && !source.startsWith("?:", i);
        if (look) i += look[0].length;
        else if (source.startsWith("?:", i)) i += 2;
        else if (source.startsWith("?<", i)) {
          const end = source.indexOf(">", i);
          name = source.slice(i + 2, end);
          i = end + 1;
        } else if (peek() === "?") throw new UnsupportedRegex("group modifier");
        // Capture numbers follow opening parentheses; the slot is filled once the group closes.
        const slot = isCapturing ? numbered.push(undefined) - 1 : -1;
        const inner = parseAlternatives();
        if (peek() !== ")") throw new UnsupportedRegex("unterminated group");
        i++;
        node = look ? { t: "assert" } : { t: "group", alts: inner };
        if (slot >= 0) numbered[slot] = node;
        if (name) named.set(name, node);
      } else {
        // A literal char (surrogate pairs are two units; repeating only the low one is fine for
        // prefix purposes since we over-approximate anyway).
        i++;
        node = { t: "atom", src: c ?? "" };
      }
      alts[alts.length - 1]?.push(parseQuantifier(node));
    }
    return alts;
  }

  const alts = parseAlternatives();
  if (i !== source.length) throw new UnsupportedRegex("unbalanced parenthesis");
  return alts;
}

const range = (min: number, max: number) => (max === Infinity ? `{${min},}` : `{${min},${max}}`);

/** The pattern itself with every assertion removed (full match, relaxed). */
function full(node: TNode): string {
  switch (node.t) {
    case "atom":
      return node.src;
    case "assert":
      return "";
    case "group":
      return `(?:${node.alts.map((seq) => seq.map(full).join("")).join("|")})`;
    case "quant":
      return `(?:${full(node.node)})${range(node.min, node.max)}`;
  }
}

/** Any prefix (possibly empty, possibly complete) of a match of `node`. */
function prefix(node: TNode): string {
  switch (node.t) {
    case "atom":
      return `(?:${node.src})?`;
    case "assert":
      return "";
    case "group":
      return `(?:${node.alts.map((seq) => prefixSeq(seq, 0)).join("|")})`;
    case "quant":
      if (node.node.t === "atom") return `(?:${node.node.src})${range(0, node.max)}`;
      return `(?:${full(node.node)})${range(0, node.max)}${prefix(node.node)}`;
  }
}

function prefixSeq(seq: TNode[], from: number): string {
  let k = from;
  while (k < seq.length && seq[k]?.t === "assert") k++;
  const node = seq[k];
  if (!node) return "";
  const rest = prefixSeq(seq, k + 1);
  return rest === "" ? prefix(node) : `(?:${full(node)}${rest}|${prefix(node)})`;
}

function maxLen(node: TNode): number {
  switch (node.t) {
    case "atom":
      return 2; // a surrogate pair or a \u{...} escape may take two UTF-16 units
    case "assert":
      return 0;
    case "group":
      return Math.max(0, ...node.alts.map((seq) => seq.reduce((sum, n) => sum + maxLen(n), 0)));
    case "quant":
      return node.max === Infinity ? Infinity : node.max * maxLen(node.node);
  }
}

export type TPrefixMatcher = {
  /** Matches, anchored at the end, any non-empty tail that could begin a match. Flag g. */
  tail: RegExp;
  /** Upper bound of a match's length in UTF-16 units (Infinity when unbounded). */
  maxLength: number;
  /**
   * Whether this UTF-16 unit can occur anywhere in a match. A match still in progress at the end
   * consists only of such units, so the tail search can start after the last unit that cannot
   * (a cheap backwards scan that usually leaves nothing to search). Memoized per unit.
   */
  canOccur(unit: number): boolean;
};

function collectAtoms(node: TNode, into: string[]): void {
  if (node.t === "atom") into.push(node.src);
  else if (node.t === "group") for (const seq of node.alts) for (const n of seq) collectAtoms(n, into);
  else if (node.t === "quant") collectAtoms(node.node, into);
}

function createOccurrenceTest(alts: TNode[][], flags: string): (unit: number) => boolean {
  const sources: string[] = [];
  for (const seq of alts) for (const n of seq) collectAtoms(n, sources);
  const atoms = sources.map((src) => new RegExp(`^(?:${src})$`, flags));
  const memo = new Map<number, boolean>();
  return (unit) => {
    // Surrogates are judged per code point by the atoms; answer conservatively.
    if (unit >= 0xd800 && unit <= 0xdfff) return true;
    let known = memo.get(unit);
    if (known === undefined) {
      const ch = String.fromCharCode(unit);
      known = atoms.some((a) => a.test(ch));
      if (memo.size < 4096) memo.set(unit, known);
    }
    return known;
  };
}

export function derivePrefixRegex(re: RegExp): TPrefixMatcher | null {
  if (re.flags.includes("v")) return null;
  try {
    const alts = parse(re.source);
    const body = alts.map((seq) => prefixSeq(seq, 0)).join("|");
    const flags = re.flags.replace(/[gyd]/g, "") + "g";
    // (?=[\s\S]) makes the tail non-empty so the leftmost hit is a real hold-back point.
    const tail = new RegExp(`(?=[\\s\\S])(?:${body})$`, flags.replace("m", ""));
    const maxLength = Math.max(0, ...alts.map((seq) => seq.reduce((sum, n) => sum + maxLen(n), 0)));
    return { tail, maxLength, canOccur: createOccurrenceTest(alts, flags.replace("g", "")) };
  } catch {
    return null;
  }
}
