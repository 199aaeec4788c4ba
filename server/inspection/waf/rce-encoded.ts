import { WAF_KINDS, type Rule } from "../rule";
import { normalizeValue } from "../normalize/decode";

/**
 * Code smuggled in base64: Node serialize payloads (_$$ND_FUNC$$_), require("child_process"),
 * eval loops and Java deserialization gadget names. The value is decoded once and the decoded
 * text is held to the same code shapes the plain rules use.
 */
const B64 = /^[A-Za-z0-9+/_-]{12,255}={0,2}$/;
const DECODED_CODE = /_\$\$nd_func\$\$_|child_process|\brequire\s*\(|\beval\s*\(|\bwhile\s*\(\s*(?:true|1|!)|\bfor\s*\(\s*;\s*;|process\s*\.\s*(?:mainmodule|binding)|\bexec(?:sync)?\s*\(|__import__|\bos\s*\.\s*(?:system|popen)|\bsubprocess\.|runtime\s*\.\s*getruntime|processbuilder|\/bin\/(?:ba)?sh\b|\bsystem\s*\(|passthru|shell_exec|<\?php/;

function decodeBase64(raw: string): string | null {
  const s = raw.replace(/-/g, "+").replace(/_/g, "/");
  try {
    const bin = atob(s.length % 4 === 0 ? s : s + "=".repeat((4 - (s.length % 4)) % 4));
    let printable = 0;
    for (let i = 0; i < bin.length; i++) {
      const c = bin.charCodeAt(i);
      if ((c >= 32 && c < 127) || c === 9 || c === 10 || c === 13) printable++;
    }
    return printable >= bin.length * 0.9 ? bin : null;
  } catch {
    return null;
  }
}

// Gadget-chain class names as they appear inside base64 at each of the three byte alignments
// (the stable middle part of the encoding), the way CRS 944300 matches serialized Java.
const GADGETS = ["Runtime", "ProcessBuilder", "CloneTransformer", "ForClosure", "InstantiateFactory", "InstantiateTransformer", "InvokerTransformer", "PrototypeCloneFactory", "PrototypeSerializationFactory", "WhileClosure", "getRuntime", "ChainedTransformer", "ConstantTransformer"];

function alignedFragments(word: string): string[] {
  const out: string[] = [];
  for (const variant of [word, word.toLowerCase()]) {
    for (let offset = 0; offset < 3; offset++) {
      const bytes = "\0".repeat(offset) + variant;
      const encoded = btoa(bytes);
      const start = offset === 0 ? 0 : offset === 1 ? 2 : 3;
      const end = Math.floor(bytes.length / 3) * 4;
      if (end - start >= 6) out.push(encoded.slice(start, end));
    }
  }
  return out;
}

const GADGET_B64 = new RegExp(GADGETS.flatMap(alignedFragments).map((f) => f.replace(/[+/]/g, "\\$&")).join("|"));

// Base64 of ASCII text mixes cases (two capitals and a lower-case letter at least), which names,
// e-mail addresses, enum values and hex ids do not: those never pay for a decode.
const B64_TOKEN = /^[A-Za-z0-9+/_-]{8,255}={0,2}$/;

function isBase64Token(raw: string): boolean {
  // One pass over the characters: this runs in the pre-gate on every value.
  const n = raw.length;
  if (n < 8 || n > 257) return false;
  let upper = 0;
  let lower = 0;
  for (let i = 0; i < n; i++) {
    const c = raw.charCodeAt(i);
    if (c >= 65 && c <= 90) upper++;
    else if (c >= 97 && c <= 122) lower++;
    else if (!((c >= 48 && c <= 57) || c === 43 || c === 47 || c === 95 || c === 45 || c === 61)) return false;
  }
  return upper >= 2 && lower >= 1 && B64_TOKEN.test(raw);
}

/** Raw values in the base64 alphabet plus '=' (a form pair "test=HJ1bnRpbWU" counts) that hold a gadget name in base64. */
function mayHoldGadget(raw: string): boolean {
  const n = raw.length;
  if (n < 8 || n > 255) return false;
  let upper = 0;
  for (let i = 0; i < n; i++) {
    const c = raw.charCodeAt(i);
    if (c >= 65 && c <= 90) upper++;
    else if (!((c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 43 || c === 47 || c === 61 || c === 95 || c === 45)) return false;
  }
  return upper >= 2 && GADGET_B64.test(raw);
}

/** Gate for these rules (the pre-gate reads decoded text, which says nothing about base64). */
export function mayBeEncodedCode(raw: string): boolean {
  const n = raw.length;
  if (n < 8) return false;
  const t = raw.charCodeAt(0) <= 32 || raw.charCodeAt(n - 1) <= 32 ? raw.trim() : raw;
  return (t.length >= 12 && isBase64Token(t) && B64.test(t)) || mayHoldGadget(raw);
}

export const ENCODED_RCE_RULES: Rule[] = [
  {
    rule_id: "rce-base64-code", category: "rce", paranoia: 1, kinds: WAF_KINDS,
    description: "Base64 value that decodes to code execution (_$$ND_FUNC$$_, require(\"child_process\"), while(true), /bin/sh)",
    test: (v) => {
      const raw = v.raw.trim();
      if (raw.length < 12 || !isBase64Token(raw) || !B64.test(raw)) return null;
      const decoded = decodeBase64(raw);
      return decoded !== null && DECODED_CODE.test(normalizeValue(decoded)) ? { index: 0, length: Math.min(80, raw.length), score: 85 } : null;
    },
  },
  {
    rule_id: "rce-base64-java-gadget", category: "rce", paranoia: 2, kinds: WAF_KINDS,
    description: "Base64 text carrying a Java deserialization gadget name (Runtime, ProcessBuilder, InvokerTransformer, ...)",
    test: (v) => {
      return mayHoldGadget(v.raw) ? { index: 0, length: Math.min(80, v.raw.length), score: 70 } : null;
    },
  },
];
