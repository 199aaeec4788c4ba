/**
 * A small SQL lexer in the manner of libinjection: it does not parse, it classifies tokens so
 * that an injection shows up as a shape ("string, logic operator, number, comparison, number")
 * rather than as a keyword list a regular expression could be fooled around. Comments are
 * tokens (an attacker's "--" after a quote is a strong signal), MySQL versioned comments
 * (/*!50000union*\/) are lexed as code because MySQL executes them.
 *
 * Token types (single characters, so a token stream reads as a short string):
 *  s string   1 number   n bareword   v @variable   f function call   k keyword
 *  U union    E statement start (select, insert, ...)   & and/or/xor/&&/||   o operator
 *  ( ) , ;    c comment
 */
export interface Token {
  type: string;
  value: string;
}

const STATEMENTS = new Set(["select", "insert", "update", "delete", "drop", "truncate", "create", "alter", "exec", "execute", "declare", "shutdown", "waitfor", "replace", "merge", "grant", "revoke", "call", "handler", "load", "rename"]);
const LOGIC = new Set(["and", "or", "xor", "&&", "||", "not"]);
const OPERATOR_WORDS = new Set(["like", "rlike", "regexp", "is", "in", "between", "div", "mod", "sounds", "escape", "collate"]);
const KEYWORDS = new Set(["from", "where", "order", "group", "by", "having", "limit", "offset", "into", "values", "set", "table", "database", "all", "distinct", "case", "when", "then", "else", "end", "as", "null", "true", "false", "join", "on", "procedure", "analyse", "outfile", "dumpfile", "delay", "top", "if", "exists", "desc", "asc", "cast", "convert", "char", "varchar", "nvarchar", "int", "schema", "union", "dual", "using", "for", "begin", "return", "sleep"]);
const MAX_TOKENS = 48;

function isWordChar(c: string): boolean {
  return (c >= "a" && c <= "z") || (c >= "0" && c <= "9") || c === "_" || c === "$" || c === "." || c > "\u007f";
}

function classifyWord(word: string, next: string): string {
  if (word === "union") return "U";
  if (STATEMENTS.has(word)) return "E";
  if (LOGIC.has(word)) return "&";
  if (OPERATOR_WORDS.has(word)) return "o";
  if (next === "(") return "f";
  if (KEYWORDS.has(word)) return "k";
  return "n";
}

/** Lexes lower-cased text. `openQuote` simulates the value sitting inside a quoted literal. */
export function tokenizeSql(text: string, openQuote = ""): Token[] {
  const s = openQuote + text;
  const out: Token[] = [];
  let i = 0;
  const n = s.length;
  while (i < n && out.length < MAX_TOKENS) {
    const c = s[i] ?? "";
    if (c === " " || c === "\n" || c === "\t" || c === "\r" || c === "+" && out.length === 0) {
      i++;
      continue;
    }
    if (c === "'" || c === '"') {
      let j = i + 1;
      while (j < n) {
        const d = s[j];
        if (d === c && s[j + 1] === c) j += 2;
        else if (d === c) break;
        else j++;
      }
      out.push({ type: "s", value: s.slice(i, Math.min(j + 1, n)) });
      i = j + 1;
      continue;
    }
    if (c === "`") {
      const j = s.indexOf("`", i + 1);
      const end = j < 0 ? n : j + 1;
      out.push({ type: "n", value: s.slice(i, end) });
      i = end;
      continue;
    }
    if (c === "/" && s[i + 1] === "*") {
      if (s[i + 2] === "!") {
        // Versioned comment: skip the marker and optional version digits, lex the inside as code.
        i += 3;
        while (i < n && (s[i] ?? "") >= "0" && (s[i] ?? "") <= "9") i++;
        continue;
      }
      const j = s.indexOf("*/", i + 2);
      out.push({ type: "c", value: "/*" });
      i = j < 0 ? n : j + 2;
      continue;
    }
    if (c === "*" && s[i + 1] === "/") {
      i += 2;
      continue;
    }
    if ((c === "-" && s[i + 1] === "-") || c === "#") {
      const j = s.indexOf("\n", i);
      out.push({ type: "c", value: c === "#" ? "#" : "--" });
      i = j < 0 ? n : j + 1;
      continue;
    }
    if (c === "(" || c === ")" || c === "," || c === ";") {
      out.push({ type: c, value: c });
      i++;
      continue;
    }
    if (c === "@") {
      let j = i + 1;
      while (j < n && (s[j] === "@" || isWordChar(s[j] ?? ""))) j++;
      out.push({ type: "v", value: s.slice(i, j) });
      i = j;
      continue;
    }
    if ((c >= "0" && c <= "9") || (c === "." && (s[i + 1] ?? "") >= "0" && (s[i + 1] ?? "") <= "9")) {
      let j = i + 1;
      while (j < n && /[0-9a-fx.e]/.test(s[j] ?? "")) j++;
      const value = s.slice(i, j);
      // "1st", "3rd", "4ever" are words; numbers followed by letters other than hex/exponent too.
      if (j < n && isWordChar(s[j] ?? "")) {
        let k = j;
        while (k < n && isWordChar(s[k] ?? "")) k++;
        out.push({ type: "n", value: s.slice(i, k) });
        i = k;
        continue;
      }
      out.push({ type: /^(0x[0-9a-f]*|[0-9.]+(e[0-9]+)?)$/.test(value) ? "1" : "n", value });
      i = j;
      continue;
    }
    if (isWordChar(c)) {
      let j = i + 1;
      while (j < n && isWordChar(s[j] ?? "")) j++;
      const word = s.slice(i, j);
      let k = j;
      while (k < n && s[k] === " ") k++;
      out.push({ type: classifyWord(word, s[k] ?? ""), value: word });
      i = j;
      continue;
    }
    const two = s.slice(i, i + 2);
    if (two === "||" || two === "&&") {
      out.push({ type: "&", value: two });
      i += 2;
      continue;
    }
    if (two === "<=" || two === ">=" || two === "<>" || two === "!=" || two === ":=" || two === "<<" || two === ">>") {
      out.push({ type: "o", value: two });
      i += 2;
      continue;
    }
    if ("=<>+-*/%|&^~!".includes(c)) {
      out.push({ type: "o", value: c });
      i++;
      continue;
    }
    out.push({ type: "?", value: c });
    i++;
  }
  return out;
}

export function shapeOf(tokens: Token[]): string {
  let shape = "";
  for (const t of tokens) shape += t.type;
  return shape;
}
