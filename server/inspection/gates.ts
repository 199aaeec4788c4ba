import type { RuleFamily, Rule } from "./rule";
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
import { ACTION_RULES } from "./actions/rules";

/**
 * Family gates keep the hot path cheap: most values in real traffic are names, numbers and
 * short prose that no WAF family can match, and they are dismissed by one regex test instead
 * of sixty. WAF_PREGATE is the union of every WAF gate; a value failing it skips WAF entirely.
 */
export const WAF_PREGATE = /[<>'"`;|&$(){}[\]\\#=%*\/\n\r\0:@,]|\.\.|\b(?:union|select|sleep|waitfor|benchmark|exec|localhost|metadata|jndi|passwd|win\.ini|boot\.ini|system32|id|whoami|ifconfig|ipconfig|uname|netstat|systeminfo|sysinfo|hostname|route|arp|ls|dir|ps|pwd|env|printenv|set|true|or|and|xor|like|rlike)\b|^\s*[a-z][\w+-]*\s+(?:-|~|\$|[\w.-]+\.[a-z]{2,4}\b|install|add|run|exec|all|collection|plugin|dump)|[^\x00-\x7f]/;

export const WAF_FAMILIES: RuleFamily[] = [
  { name: "sqli", gate: /['"`;#()=@,<>|&!^~]|--|\[\s*\$|^\$|\/\*|\b(?:union|select|sleep|benchmark|waitfor|order|or|and|xor|like|rlike|having|where|procedure|insert|drop|delete|update|exec|declare|information_schema|sysobjects|pg_catalog|sqlite_master|into)\b/, rules: SQLI_RULES },
  { name: "xss", gate: /[<>`(]|script|data:|expression|@import|behavio|binding|on[a-z]{3,}\s*=|document|window|top\s*\[|self\s*\[/, rules: XSS_RULES },
  { name: "traversal", gate: /\.\.|[\/\\]|%00|\0|0x2e|0x5c|\u2024|\b(?:file|php|phar|expect|zip|glob|compress\.\w+|zlib|rar|ogg|ssh2|jar|netdoc):|boot\.ini|win\.ini|system\.ini|\.ht|web\.config|\.env$|passwd|^[a-z]:/, rules: TRAVERSAL_RULES },
  { name: "rce", gate: /[;|&`$\n\r{}<>@%\/()\\=]|^\s*(?:whoami|ipconfig|ifconfig|netstat|systeminfo|sysinfo|uname|id|hostname|ls|dir|ps|pwd|route|arp|env|printenv|set)\s*$|^\s*[a-z][\w+.-]*\s+[-\w\/.:~$"']|\b(?:java|javax|com|org|sun|bsh|groovy|clojure)\.|ysoserial|ro0ab|aced0005|h4sia|child_process|function|module|_\$\$nd_func/, rules: RCE_RULES },
  { name: "ssrf", gate: /\/\/|^\[?[0-9a-fx]*[.:][0-9a-fx.:]*\]?(?::\d+)?(?:\/|$)|localhost|metadata|\b(?:https?|ftp):|internal|\.local\b|localdomain|cluster|loopback|kubernetes|\.svc\b|docker|\.lan\b|\.corp\b|\.intranet\b|\.home\.arpa|@[\[0-9]/, rules: SSRF_RULES },
  { name: "ssti", gate: /[{}]|<%|\$\{|__|\bt\s*\(|#set|#foreach|\?\s*new|<#|#(?:context|_memberaccess|request|response|application|session|rt)\b|@java|getclass|classloader|new\s+java|jndi|attr\s*\(|lipsum|cycler|joiner|config|request\.application|_templatereference|freemarker|\$class|objectconstructor/, rules: SSTI_RULES },
];

/** Prose families have no cheap gate on LLM traffic (every turn is prose); on API fields they do. */
export const PROMPT_GATE = /ignor|disregard|forget|skip|bypass|overrid|overlook|neglect|abandon|discard|aside|throw out|\bdrop\b|erase|\bclear\b|reset|dismiss|cancel|nullify|follow|instruct|\btask|directive|\brules\b|objective|mission|system|prompt|from now on|instead|rather|\b(?:dan|stan|dude|aim|mongo)\b|jailbr|unfilter|uncensor|unrestrict|unlimited|amoral|ethic|moral|evil|malicious|without|\bno (?:restrictions|limits|limitations|filters|rules|boundaries|censorship|guidelines)|free|bound by|anything|opposite|character|confines|polic|guideline|censor|hypothetical|mode\b|password|passphrase|secret|confidential|developer|above|verbatim|beginning of|told|programmed|\[|<|##|\b(?:admin|root|human|user|assistant)\b|!\[|\burl\b|\blink\b|query|\bsrc\b|href|markdown|conversation|chat history|credential|cookie|session|api key|refuse|decline|can'?t|say no|apologi|mention|warning|disclaimer|remind|[\u0400-\u04ff\u0600-\u06ff\u0900-\u09ff\u0e00-\u0e7f\u1100-\u11ff\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af]|bỏ qua|quên|phớt|talimat|yönerge|kural|komut|olvid|esque|dimentic|oubli|vergiss|vergeet|abaikan|lupakan|kalimutan|huwag|balewalain/;

export const PROMPT_FAMILY: RuleFamily = { name: "prompt", gate: null, rules: [...PROMPT_RULES, ...MULTILINGUAL_RULES, ...JAILBREAK_RULES, ...CLASSIFIER_RULES] };
export const ACTION_FAMILY: RuleFamily = { name: "action", gate: null, rules: ACTION_RULES };

export function allRules(): Rule[] {
  return [...WAF_FAMILIES.flatMap((f) => f.rules), ...PROMPT_FAMILY.rules, ...ACTION_FAMILY.rules];
}
