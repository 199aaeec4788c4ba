import type { RuleFamily, Rule } from "./rule";
import type { InspectedValue } from "./normalize/values";
import { hasAnyWord, wordSet } from "./normalize/words";
import { SQLI_RULES } from "./waf/sqli/detect";
import { XSS_RULES } from "./waf/xss";
import { TRAVERSAL_RULES } from "./waf/traversal";
import { RCE_RULES } from "./waf/rce";
import { SSRF_RULES } from "./waf/ssrf";
import { SSTI_RULES } from "./waf/ssti";
import { PROMPT_RULES } from "./prompt/rules";
import { MULTILINGUAL_RULES } from "./prompt/multilingual";
import { JAILBREAK_RULES } from "./prompt/jailbreak-score";
import { CLASSIFIER_RULES } from "./prompt/classifier";
import { ACTION_RULES, MESSAGE_RULES } from "./actions/rules";

/**
 * Family gates keep the hot path cheap: most values in real traffic are names, numbers and
 * short prose that no WAF family can match, and they are dismissed by one regex test instead
 * of sixty. wafPregate is the union of every WAF gate; a value failing it skips WAF entirely.
 */
const PREGATE_CHARS = /[<>'"`;|&$(){}[\]\\#=%*\/\n\r\0:@,]|\.\.|^\s*[a-z][\w+-]*\s+(?:-|~|\$|[\w.-]+\.[a-z]{2,4}\b|install|add|run|exec|all|collection|plugin|dump)|[^\x00-\x7f]/;
const PREGATE_WORDS = wordSet(`
  union select sleep waitfor benchmark exec localhost metadata jndi passwd system32 id whoami ifconfig ipconfig uname netstat systeminfo
  sysinfo hostname route arp ls dir ps pwd env printenv set true order information_schema sysobjects exist defined errorlevel
  cmdextversion processbuilder function module ysoserial
`);

export function wafPregate(v: InspectedValue): boolean {
  return PREGATE_CHARS.test(v.text) || hasAnyWord(v, PREGATE_WORDS);
}

// An apostrophe inside a word (O'Brien, don't) cannot close a literal on its own; other quotes can.
const SQLI_CHARS = /["`;#()=@<>|&!^~]|--|\/\*|\[\s*\$|^\$|(?<![a-z])'|'(?![a-z])/;
const SQLI_WORDS = wordSet("union select sleep benchmark waitfor order information_schema sysobjects pg_catalog sqlite_master");
const RCE_CHARS = /[;|&`$\n\r{}<>@%\/()\\=]|^\s*[a-z][\w+-]*\s+(?:-|~|\$|[\w.-]+\.[a-z]{2,4}\b|install|add|run|exec|all|collection|plugin|dump)|\b(?:java|javax|com|org|sun|bsh|groovy|clojure)\./;
const RCE_WORDS = wordSet(`
  whoami ipconfig ifconfig netstat systeminfo sysinfo uname id hostname ls dir ps pwd route arp env printenv set
  ysoserial ro0ab aced0005 child_process function module __import__ __builtins__ processbuilder exist defined errorlevel cmdextversion
`);

export const WAF_FAMILIES: RuleFamily[] = [
  { name: "sqli", gate: (v) => SQLI_CHARS.test(v.text) || hasAnyWord(v, SQLI_WORDS), rules: SQLI_RULES },
  { name: "xss", gate: /[<>`(:\[]|script|data:|expression|@import|behavio|binding|on[a-z]{3,}\s*=|document|window|top\s*\[|self\s*\[/, rules: XSS_RULES },
  { name: "traversal", gate: /\.\.|[\/\\]|%00|^[a-z0-9+\/]{8,}={0,2}$|\0|0x2e|0x5c|\u2024|\b(?:file|php|phar|expect|zip|glob|compress\.\w+|zlib|rar|ogg|ssh2|jar|netdoc):|boot\.ini|win\.ini|system\.ini|\.ht|web\.config|\.env$|passwd|^[a-z]:/, rules: TRAVERSAL_RULES },
  { name: "rce", gate: (v) => RCE_CHARS.test(v.text) || hasAnyWord(v, RCE_WORDS), rules: RCE_RULES },
  { name: "ssrf", gate: /\/\/|^\[?[0-9a-fx]*[.:][0-9a-fx.:]*\]?(?::\d+)?(?:\/|$)|localhost|metadata|\b(?:https?|ftp):|internal|\.local\b|localdomain|cluster|loopback|kubernetes|\.svc\b|docker|\.lan\b|\.corp\b|\.intranet\b|\.home\.arpa|@[\[0-9]/, rules: SSRF_RULES },
  { name: "ssti", gate: /[{}]|<%|\$\{|__|\bt\s*\(|#set|#foreach|\?\s*new|<#|#(?:context|_memberaccess|request|response|application|session|rt)\b|@java|getclass|classloader|new\s+java|jndi|attr\s*\(|lipsum|cycler|joiner|config|request\.application|_templatereference|freemarker|\$class|objectconstructor/, rules: SSTI_RULES },
];

/** Prose families have no cheap gate on LLM traffic (every turn is prose); on API fields they do. */
const PROMPT_WORDS = wordSet(`
  ignore ignores ignoring ignored disregard disregarding forget forgetting skip bypass override overriding overlook neglect abandon discard
  aside drop erase clear reset dismiss cancel nullify follow following instruction instructions instructed task tasks directive directives
  rules objective mission system prompt prompts instead rather dan stan dude aim mongo jailbreak jailbroken jailbreaking
  unfiltered uncensored unrestricted unlimited amoral ethics ethical moral morals morality evil malicious without free bound anything
  opposite character confines policy policies guideline guidelines censor censored censorship hypothetical password passwords
  passphrase secret confidential developer above verbatim beginning told programmed admin root human assistant
  src href markdown conversation credential credentials cookie cookies api refuse decline apologize apologise mention
  warning warnings disclaimer remind persona act pretend imagine roleplay simulate emulate previous prior earlier preceding
  vergiss ignoriere ignorieren anweisungen olvida olvide ignora instrucciones oubliez oublie ignorez dimentica istruzioni esqueça
  esqueca abaikan lupakan kalimutan huwag balewalain birth instru esque talimatlar yok regole regeln reglas dimenticare
`);
// Non-Latin scripts (and Vietnamese) for the multilingual rules; accented Latin languages are
// caught by their keywords above ("instru" is what the word splitter leaves of "instruções").
const PROMPT_CHARS = /[<\[#!|{]|[\u0400-\u04ff\u0600-\u06ff\u0900-\u09ff\u0e00-\u0e7f\u1100-\u11ff\u1ea0-\u1eff\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af]/;

/** On API fields prompt rules run only when the value holds a trigger word or marker. */
export function needsPromptGate(v: InspectedValue): boolean {
  return v.text.length >= 12 && (hasAnyWord(v, PROMPT_WORDS) || PROMPT_CHARS.test(v.text));
}

export const PROMPT_FAMILY: RuleFamily = { name: "prompt", gate: null, rules: [...PROMPT_RULES, ...MULTILINGUAL_RULES, ...JAILBREAK_RULES, ...CLASSIFIER_RULES] };
export const ACTION_FAMILY: RuleFamily = { name: "action", gate: null, rules: ACTION_RULES };
export const MESSAGE_FAMILY: RuleFamily = { name: "message", gate: null, rules: MESSAGE_RULES };

export function allRules(): Rule[] {
  return [...WAF_FAMILIES.flatMap((f) => f.rules), ...PROMPT_FAMILY.rules, ...ACTION_FAMILY.rules, ...MESSAGE_FAMILY.rules];
}
