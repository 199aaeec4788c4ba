/**
 * A multi-pattern literal matcher (Aho-Corasick): one pass over the text reports which of several
 * keyword sets occur anywhere in it. The signal gates are a few hundred literals; a regex
 * alternation of all of them costs ~25 ns per character in V8, this automaton a few.
 *
 * ASCII steps use a precomputed transition table over the characters that occur in some literal
 * (any other character sends the automaton back to the root); other characters follow failure
 * links through small maps, which only happens in non-ASCII text.
 */
export class KeywordAutomaton {
  private readonly asciiClass = new Uint8Array(128);
  private readonly wideClass = new Map<number, number>();
  private readonly asciiClasses: number;
  private readonly delta: Uint16Array;
  private readonly children: Array<Map<number, number>> = [new Map()];
  private readonly fail: number[] = [0];
  private readonly out: number[] = [0];

  /** sets[i] is the list of literals whose presence sets bit i of the result. */
  constructor(sets: ReadonlyArray<readonly string[]>) {
    let nextAscii = 1;
    for (const set of sets) for (const w of set) for (let i = 0; i < w.length; i++) {
      const c = w.charCodeAt(i);
      if (c < 128) { if (this.asciiClass[c] === 0) this.asciiClass[c] = nextAscii++; }
      else if (!this.wideClass.has(c)) this.wideClass.set(c, 1000 + this.wideClass.size);
    }
    this.asciiClasses = nextAscii;
    if (nextAscii > 255) throw new Error("too many distinct ASCII characters");
    sets.forEach((set, bit) => {
      for (const w of set) {
        if (w.length === 0) throw new Error("empty keyword");
        let node = 0;
        for (let i = 0; i < w.length; i++) {
          const cls = this.classOf(w.charCodeAt(i));
          let next = this.children[node]?.get(cls);
          if (next === undefined) {
            next = this.children.length;
            this.children.push(new Map());
            this.fail.push(0);
            this.out.push(0);
            this.children[node]?.set(cls, next);
          }
          node = next;
        }
        this.out[node] = (this.out[node] ?? 0) | (1 << bit);
      }
    });
    if (this.children.length > 65535) throw new Error("automaton too large");
    // Failure links and outputs in breadth-first order, then the ASCII transition table.
    const order: number[] = [];
    const queue: number[] = [];
    for (const child of this.children[0]?.values() ?? []) queue.push(child);
    while (queue.length > 0) {
      const node = queue.shift() ?? 0;
      order.push(node);
      for (const [cls, child] of this.children[node] ?? []) {
        let f = this.fail[node] ?? 0;
        while (f !== 0 && !(this.children[f]?.has(cls) ?? false)) f = this.fail[f] ?? 0;
        const target = this.children[f]?.get(cls);
        this.fail[child] = target !== undefined && target !== child ? target : 0;
        this.out[child] = (this.out[child] ?? 0) | (this.out[this.fail[child] ?? 0] ?? 0);
        queue.push(child);
      }
    }
    const k = this.asciiClasses;
    this.delta = new Uint16Array(this.children.length * k);
    for (let cls = 1; cls < k; cls++) this.delta[cls] = this.children[0]?.get(cls) ?? 0;
    for (const node of order) {
      for (let cls = 1; cls < k; cls++) {
        this.delta[node * k + cls] = this.children[node]?.get(cls) ?? this.delta[(this.fail[node] ?? 0) * k + cls] ?? 0;
      }
    }
  }

  private classOf(c: number): number {
    return c < 128 ? (this.asciiClass[c] ?? 0) : (this.wideClass.get(c) ?? 0);
  }

  /** Bit i set when some literal of sets[i] occurs in text. */
  scan(text: string, limit = text.length): number {
    const k = this.asciiClasses;
    const n = Math.min(limit, text.length);
    let state = 0;
    let found = 0;
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c < 128) {
        const cls = this.asciiClass[c] ?? 0;
        state = cls === 0 ? 0 : (this.delta[state * k + cls] ?? 0);
      } else {
        const cls = this.wideClass.get(c);
        if (cls === undefined) state = 0;
        else {
          while (state !== 0 && !(this.children[state]?.has(cls) ?? false)) state = this.fail[state] ?? 0;
          state = this.children[state]?.get(cls) ?? 0;
        }
      }
      found |= this.out[state] ?? 0;
    }
    return found;
  }
}

/**
 * The literals a simple regex source stands for: top-level and (?:...) alternation, optional
 * single characters (x?), character classes of plain characters ([eouia]) and escaped
 * punctuation (\$). Anything else (\s, \w, \b, quantifiers) returns null: that gate stays a regex.
 */
export function expandLiterals(source: string): string[] | null {
  if (/\\[sSwWbBdD]|[{}*+^]/.test(source.replace(/\\[$.?()[\]|\\/-]/g, ""))) return null;
  let pos = 0;
  function alternation(): string[] | null {
    const out: string[] = [];
    for (;;) {
      const seq = sequence();
      if (seq === null) return null;
      out.push(...seq);
      if (source[pos] === "|") { pos++; continue; }
      return out;
    }
  }
  function sequence(): string[] | null {
    let acc = [""];
    while (pos < source.length && source[pos] !== "|" && source[pos] !== ")") {
      let options: string[];
      const ch = source[pos] ?? "";
      if (source.startsWith("(?:", pos)) {
        pos += 3;
        const inner = alternation();
        if (inner === null || source[pos] !== ")") return null;
        pos++;
        options = inner;
      } else if (ch === "[") {
        const end = source.indexOf("]", pos);
        if (end < 0) return null;
        options = [...source.slice(pos + 1, end)];
        if (options.some((o) => o === "\\" || o === "-" || o === "^")) return null;
        pos = end + 1;
      } else if (ch === "\\") {
        options = [source[pos + 1] ?? ""];
        pos += 2;
      } else if (ch === "(" || ch === "?" || ch === ".") {
        return null;
      } else {
        options = [ch];
        pos++;
      }
      if (source[pos] === "?") { options = [...options, ""]; pos++; }
      acc = acc.flatMap((a) => options.map((o) => a + o));
    }
    return acc;
  }
  const result = alternation();
  return result !== null && pos === source.length ? result : null;
}
