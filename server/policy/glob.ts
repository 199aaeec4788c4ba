// OPA's glob.match, for the patterns where a faithful translation is short: literals, `*`, `**`,
// `?` and one level of `{a,b}` alternatives. OPA's wasm runtime translates a glob to an RE2
// regex (opa wasm/src/glob-compiler.cc): `*` is [^d]*, `**` is .*, `?` is [^d], {a,b} is (a|b),
// anchored at both ends. Everything else (character classes, escapes, nested or empty
// alternatives, characters RE2 would read as syntax) returns null, and the caller asks OPA itself
// (the aegis/glob/match entrypoint). glob.test.ts compares this against OPA on random patterns.

// Characters that are plain text both in a glob and, once escaped, in a regex. OPA does not
// escape ( ) $ before handing text to RE2, so those change meaning there: they stay with OPA.
const LITERAL = /^[\p{L}\p{N} _\-/.:@~%=!#&;'"<>+|^]$/u;

const escapeRegex = (c: string) => c.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
const escapeClass = (c: string) => c.replace(/[\\\]^-]/g, "\\$&");

/** A matcher with OPA's semantics, or null when the pattern is outside the translated subset. */
export function compileGlob(pattern: string, delimiter: string): ((value: string) => boolean) | null {
  if ([...delimiter].length !== 1) return null;
  const single = `[^${escapeClass(delimiter)}]`;
  let re = "";
  let inTerms = false;
  let termEmpty = true;
  const chars = [...pattern];
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i] as string;
    if (c === "*") {
      if (chars[i + 1] === "*") {
        re += "[^\\n]*"; // RE2's `.`: any character but a newline
        i++;
      } else {
        re += `${single}*`;
      }
      termEmpty = false;
    } else if (c === "?") {
      re += single;
      termEmpty = false;
    } else if (c === "{") {
      if (inTerms) return null;
      inTerms = true;
      termEmpty = true;
      re += "(?:";
    } else if (c === "," && inTerms) {
      if (termEmpty) return null;
      re += "|";
      termEmpty = true;
    } else if (c === "}" && inTerms) {
      if (termEmpty) return null;
      inTerms = false;
      re += ")";
    } else if (LITERAL.test(c) || c === "," || c === "}") {
      re += escapeRegex(c);
      termEmpty = false;
    } else {
      return null;
    }
  }
  if (inTerms) return null;
  const regex = new RegExp(`^${re}$`, "u");
  return (value) => regex.test(value);
}
