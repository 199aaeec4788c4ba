import type { RuleFamily, Rule } from "./rule";
import { memoOf, type InspectedValue } from "./normalize/values";
import { hasAnyWord, wordSet } from "./normalize/words";
import { SQLI_RULES } from "./waf/sqli/detect";
import { XSS_RULES } from "./waf/xss";
import { TRAVERSAL_RULES } from "./waf/traversal";
import { RCE_RULES, startsWithTool } from "./waf/rce";
import { PHP_RULES, mayBePhp } from "./waf/php";
import { UPLOAD_RULES, mayNameUpload } from "./waf/upload";
import { ENCODED_RCE_RULES, mayBeEncodedCode } from "./waf/rce-encoded";
import { SSRF_RULES } from "./waf/ssrf";
import { classifyHost } from "./waf/ip-address";
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
const PREGATE_CHARS = /[<>'"`;|&$(){}[\]\\#=%*\/\n\r\0:@,]|\.\.|^\s*[a-z][\w+-]*\s+(?:-|~|\$|[\w.-]+\.[a-z]{2,4}\b|install|add|run|exec|all|collection|plugin|dump)|[^\x00-\x7f]|!-\d/;
const PREGATE_WORDS = wordSet(`
  union select sleep waitfor benchmark exec localhost metadata jndi passwd system32 id whoami ifconfig ipconfig uname netstat systeminfo
  sysinfo hostname route arp ls dir ps pwd env printenv set true order information_schema sysobjects exist defined errorlevel
  cmdextversion processbuilder function module ysoserial
`);



// An apostrophe inside a word (O'Brien, l'Église, don't) cannot close a literal on its own; other quotes can.
const SQLI_HARD = /["`;#=<>]|--|\/\*|\[\s*\$|^\$|@@|\|\||&&|[a-z_]\(|(?<!\p{L})'|'(?!\p{L})/u;
// Operators and parentheses only matter next to SQL logic or keywords: "scarf (large)" is not SQL.
const SQLI_SOFT = /[()=@<>|&!^~]/;
// Catalog names, leading logic ("or 88"), LIKE comparisons and 'or' glued between quotes (a'or'a).
const SQLI_EXTRA = /::|\bsp_(?:add|config|oacreate|executesql|password)|^\s*[a-z_]\w*\s*[\]&|!$?'\/*=]*\s*\(\s*$|^\s*(?:msdb|northwind|schema_name|sysdatabases|pg_database|pg_user|sqlite_sequence|all_users|dba_users|mysql\.(?:db|user))\s*$|xp_|utl_|dbms_|pg_|sys\.|mysql\.|all_tables|user_tables|^\s*(?:or|and|xor|not)\b|\b(?:like|rlike|regexp)\s|'(?:or|and|xor|like|union|select)'/;
const SQLI_WORDS = wordSet("union select sleep benchmark waitfor order information_schema sysobjects sysusers sysdatabases pg_catalog sqlite_master xp_regread sqlite_compileoption_get pg_read_file pg_ls_dir"
  + " regexp rlike notnull isnull null execute");
const SQLI_LOGIC = wordSet(`
  or and xor not div mod like rlike regexp glob between is in having where null true false case when then else end exists
  insert update delete drop exec execute declare procedure group limit offset into from load_file outfile dumpfile char chr
  concat ascii substr substring mid ord hex unhex version database user current_user pg_sleep extractvalue updatexml
`);
// Characters that separate, substitute or redirect shell commands. '/', '(', '=', '@' and '%' are
// everyday punctuation, so rules that need them are reached through the narrower shapes below.
const RCE_CHARS = /[;|&`$\n\r{}\\]|[<>][(!?%]|<!--|''|""|[a-z0-9]['"][a-z]{1,12}['"]|['"][a-z]{1,12}['"][a-z]|^\s*['"][a-z][\w.-]*['"]|\balias\s|^\s*~[+-]|require\s*\[|:constructor:|\bconsole\s*[.[]|process\s*\.\s*env|^\s*[a-z][\w+-]*\s+(?:-|~|\$|[\w.-]+\.[a-z]{2,4}\b|install|add|run|exec|all|collection|plugin|dump)|\b(?:java|javax|com|org|sun|bsh|groovy|clojure)\.|!-\d/;
const RCE_SHAPES = /[\/\\](?:usr[\/\\])?(?:local[\/\\])?s?bin[\/\\]|\/dev\/|system32|[?*[\]'"].*\/|\/.*[?*[\]'"]|%\w+%|%x\s*[({[]|^\s*(?:if|for)\s|(?:exec|open|system|assert|function|func|func_array|phpinfo|replace|decode|rot13|inflate|contents|source|file|ini_set|putenv|once|__import__|compile|require|constructor|getmethod|invoke|forname|while|for|in|spawn\w*|run|call|check_output|check_call|popen|passthru)\s*\(|\w\s*\(\s*\)|ro0ab|aced0005|h4sia|^\s*[a-z][\w+-]*\s+(?:\/|[a-z]+:\/\/)/;
// The PL3 "command anywhere" rule reads English-looking commands (find x, head of); only it needs this.
const RCE_ANYWHERE = /\b(?:cat|head|tail|more|less|nl|tac|ls|cp|mv|rm|chmod|find|grep|awk|sed|ping|curl|wget|nc)\s+-{0,2}[\w\/.~]+/;
// A value that starts with (or is) a tool name: the leading-command rules read these.

const RCE_WORDS = wordSet(`
  whoami ipconfig ifconfig netstat systeminfo sysinfo uname id hostname ls dir ps pwd route arp env printenv set
  ysoserial ro0ab aced0005 child_process function module __import__ __builtins__ processbuilder exist defined errorlevel cmdextversion
  cmd powershell pwsh wscript cscript mshta rundll32 regsvr32 certutil bitsadmin net iwr iex irm kernel io qx open3 syscall
  os subprocess pty vm process global runtime socat mkfifo nc ncat getruntime
  invokertransformer instantiatetransformer instantiatefactory clonetransformer chainedtransformer constanttransformer
  prototypeclonefactory prototypeserializationfactory whileclosure forclosure templatesimpl annotationinvocationhandler
  badattributevalueexpexception fs execsync execfilesync spawnsync constructor import
  __halt_compiler apache_child_terminate apache_setenv array_filter array_map array_walk assert_options base64_decode
  bin2hex bzdecompress bzopen call_user_func call_user_func_array call_user_method call_user_method_array chroot
  convert_uudecode create_function curl_exec date_add disk_free_space disk_total_space escapeshellarg escapeshellcmd
  file_exists file_get_contents file_put_contents filegroup fileinode fileowner fileperms fopen forward_static_call
  forward_static_call_array fpassthru fputs fread fsockopen fwrite get_class_methods get_class_vars
  get_current_user get_defined_constants get_defined_functions get_defined_vars get_meta_tags getenv gethostbyname
  getmypid getmyuid gzcompress gzdecode gzdeflate gzencode gzinflate gzuncompress hex2bin highlight_file
  htmlspecialchars_decode imap_open ini_alter ini_get ini_get_all ini_restore ini_set invokeargs is_array is_executable
  is_string is_writable iterator_apply lchgrp lchown lzf_decompress mb_ereg_replace mb_eregi_replace mb_send_mail
  move_uploaded_file ob_start opendir parse_ini_file passthru pcntl_exec pcntl_fork pcntl_signal pfsockopen
  php_strip_whitespace php_uname phpinfo popen posix_getcwd posix_geteuid posix_getgid posix_getlogin posix_getpwnam
  posix_getpwuid posix_getuid posix_kill posix_mkfifo posix_setuid posix_uname preg_replace preg_replace_callback
  proc_get_status proc_nice proc_open proc_terminate putenv readfile readlink reflectionfunction
  register_shutdown_function register_tick_function rmdir scandir set_error_handler shell_exec show_source
  socket_create str_rot13 stream_get_contents stream_socket_client stream_socket_server strip_tags sys_get_temp_dir
  tempnam unserialize wp_remote_fopen wp_remote_get wp_remote_head wp_remote_post wp_remote_request wp_safe_remote_get
  wp_safe_remote_head wp_safe_remote_post wp_safe_remote_request zlib_decode
`);

// Word-only or dotted values that still reach a rule: file names (wp-config.php, .htaccess), Java
// class names, hex-spelled dots, catalog names, leading SQL logic, sinks, wildcard-DNS names.
const PREGATE_EXTRA = /0x[25][cef]|\bsp_(?:add|config|oacreate|executesql|password)|^\s*(?:msdb|northwind|schema_name|sysdatabases|pg_database|pg_user|sqlite_sequence|all_users|dba_users)\s*$|\bconvert\.|string\.rot13|zlib\.(?:de|in)flate|etc.{0,6}?(?:passwd|shadow|hosts|issue|group)|^\s*on[a-z]{3,}\s*=?\s*$|\+ad[w4]-|^\s*~[+-]|\.\s*(?:ph\w+|jspx?|jspf|aspx?|as[ahm]x?|cer|cgi|pl|shtml?)\b|sess_|ro0ab|aced0005|h4sia|^\d+\.\d+$|\.config\b|\.(?:php\d?|ini|xml|conf|cnf|log|err|sav|dat|ht\w*|env|bash\w*|profile|netrc|pgpass|[rs]hosts)\b|^\.|\b(?:java|javax|com|org|sun|bsh|groovy|clojure)\.|xp_|utl_|pg_|dbms_|^\s*(?:or|and|xor|not)\b|\b(?:like|rlike|regexp)\s|window|document|\b(?:lvh|localtest|vcap|traefik)\.me\b|\b(?:nip|xip|sslip)\.io\b|\.(?:localhost|internal|local|localdomain|intranet|corp|lan)\b/;
const NULLISH_RAW = /%00|\u0000|\\0(?![0-9])|\\x00/i;

export function wafPregate(v: InspectedValue): boolean {
  return PREGATE_CHARS.test(v.text) || hasAnyWord(v, PREGATE_WORDS) || hasAnyWord(v, SQLI_WORDS) || hasAnyWord(v, RCE_WORDS) || PREGATE_EXTRA.test(v.text) || startsWithTool(v.text) || RCE_ANYWHERE.test(v.text) || NULLISH_RAW.test(v.raw) || mayBeEncodedCode(v.raw);
}

const XSS_GATE = /[<>`]|^\s*on[a-z]{3,}\s*=?\s*$|\+ad[w4]-|1\/4|btoa|(?:alert|prompt|confirm|eval)\s*[,;]|\/\*|[a-z]\s*:|script|mocha:|data:|expression|@import|behavio|binding|on[a-z]{3,}\s*=|document|window|top\s*\[|self\s*\[|(?:alert|prompt|confirm|eval|settimeout|setinterval|fromcharcode|atob|url)\s*[(`]|\(\s*(?:alert|prompt|confirm|eval)|!\s*[+[]|\[\s*[+"'`]|\$\{|innerhtml|queryselector|getelementby|["'`]\s*[;,)+-]\s*(?:alert|prompt|confirm|eval|location|throw|new)/;
const TRAVERSAL_GATE = /\.\.|web-inf|convert\.|string\.rot13|zlib\.|etc.{0,6}?(?:passwd|shadow|hosts|issue|group)|system32|[^\x00-\x7f](?:oot\.ini|tc)|[\/\\]|%00|^[a-z0-9+\/]{8,}={0,2}$|\0|0x2e|0x5c|\u2024|\b(?:file|php|phar|expect|zip|glob|compress\.\w+|zlib|rar|ogg|ssh2|jar|netdoc):|boot\.ini|win\.ini|system\.ini|\.ht|web\.config|\.env$|passwd|^[a-z]:/;
const TRAVERSAL_FILES = /\.(?:php\d?|ini|xml|conf|cnf|log|err|sav|dat|bash\w*|profile|netrc|pgpass|[rs]hosts)\b|_log\b|^sam$|^\./;
const SSRF_GATE = /\/\/|^\[?[0-9a-fx]*[.:][0-9a-fx.:]*\]?(?::\d+)?(?:\/|$)|localhost|metadata|\b(?:https?|ftp):|internal|\.local\b|localdomain|cluster|loopback|kubernetes|\.svc\b|docker|\.lan\b|\.corp\b|\.intranet\b|\.home\.arpa|@[[0-9]|\b(?:lvh|localtest|vcap|traefik)\.me\b|\b(?:nip|xip|sslip)\.io\b|^\d+\.\d+$/;
const SSTI_GATE = /[{}]|<%|\$\{|__|\bt\s*\(|#set|#foreach|\?\s*new|<#|#(?:context|_memberaccess|request|response|application|session|rt)\b|@java|getclass|classloader|new\s+java|jndi|attr\s*\(|lipsum|cycler|joiner|config|request\.application|_templatereference|freemarker|\$class|objectconstructor/;

/**
 * Benign shapes that make up most of a JSON API body: e-mail addresses, plain URLs, image data
 * URIs and long base64/hex blobs. Whole-value anchored, strict character sets (no quotes, spaces,
 * '..', '%', or shell/markup characters), so an attack cannot hide in them; URLs and e-mails still
 * go to SSRF (their host is the point) and URLs to traversal (remote-include shapes).
 */
const SHAPE_EMAIL = /^[a-z0-9._+-]{1,64}@[a-z0-9-]{1,63}(?:\.[a-z0-9-]{1,63})*\.[a-z]{2,24}$/;
const SHAPE_URL = /^https?:\/\/[a-z0-9-]{1,63}(?:\.[a-z0-9-]{1,63})*(?::\d{1,5})?(?:\/[\w~.-]*)*(?:\?[\w~.=&+-]*)?(?:#[\w~.-]*)?$/;
const SHAPE_BLOB = /^(?:data:image\/(?:png|jpe?g|gif|webp|avif);base64,[a-z0-9+\/]{32,}|[a-z0-9+\/]{256,})={0,2}$/;
// An ISO 8601 date or timestamp, tested on the raw value (so the normal form is its lower case):
// digits in fixed places, '-', ':', '.', '+', 't'/'z' or one space. No WAF rule matches one
// (gates.test.ts runs every WAF rule on generated timestamps); header values keep their gates.
const SHAPE_TIMESTAMP = /^\d{4}-\d{2}-\d{2}(?:[t ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:z|[+-]\d{2}(?::?\d{2})?)?)?$/i;
const ALL = 0x3f;
const FAMILY_BIT: Record<string, number> = { sqli: 1, xss: 2, traversal: 4, rce: 8, ssrf: 16, ssti: 32 };

/**
 * For a value SHAPE_URL accepts: true when its only "//" is the scheme's, it has no ':' after the
 * scheme (no port) and classifyHost calls its host public and not obfuscated. Every SSRF rule then
 * stays silent: the URL rules (metadata, loopback, private, obfuscated) read the hosts urlsOf finds,
 * and it finds exactly this host (URL_IN_TEXT needs a "//" or a "http:"/"ftp:" before a non-'/',
 * and the '@' form needs an '@', which SHAPE_URL excludes); ssrf-risky-scheme needs "<scheme>://"
 * with a non-HTTP scheme; the two bare-host rules need the whole value to be a host, which
 * "http..." followed by "://" is not. gates.test.ts pins the SSRF rule list and runs every SSRF
 * rule on generated URLs this accepts.
 */
function isPublicPlainUrl(t: string): boolean {
  const start = t.indexOf("//") + 2;
  if (start < 2 || t.indexOf("//", start) >= 0 || t.indexOf(":", start) >= 0) return false;
  let end = start;
  while (end < t.length) {
    const c = t.charCodeAt(end);
    if (c === 47 /* / */ || c === 63 /* ? */ || c === 35 /* # */) break;
    end++;
  }
  const host = classifyHost(t.slice(start, end));
  return host.cls === "public" && !host.isObfuscated;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Bit mask of WAF families a value can reach after the pre-gate and the benign-shape test. */
function allowedFamilies(v: InspectedValue): number {
  const memo = memoOf(v);
  const cached = memo.waf;
  if (cached !== undefined) return cached;
  const t = v.text;
  let mask = ALL;
  if (!wafPregate(v)) mask = 0;
  else if (t.length >= 64 && SHAPE_BLOB.test(t)) mask = 0;
  else if (v.kind !== "header" && v.raw.length <= 35 && isDigit(v.raw.charCodeAt(0)) && SHAPE_TIMESTAMP.test(v.raw)) mask = 0;
  else if (t.includes("@") && SHAPE_EMAIL.test(t)) mask = FAMILY_BIT.ssrf ?? 0;
  else if (t.startsWith("http") && !t.includes("..") && SHAPE_URL.test(t)) mask = (isPublicPlainUrl(t) ? 0 : FAMILY_BIT.ssrf ?? 0) | (FAMILY_BIT.traversal ?? 0);
  memo.waf = mask;
  return mask;
}

/**
 * True when some WAF family may run on the value: the pre-gate and the benign-shape test, memoized
 * on the value. Every WAF family gate starts with the same mask test (gated below), so a value
 * for which this is false gets no WAF hit; the stage calls this instead of wafPregate, which the
 * mask computes anyway (calling both ran the pre-gate's ten tests twice per value).
 */
export function wafMayMatch(v: InspectedValue): boolean {
  return allowedFamilies(v) !== 0;
}

function gated(name: string, test: (v: InspectedValue) => boolean): (v: InspectedValue) => boolean {
  const bit = FAMILY_BIT[name] ?? ALL;
  return (v) => (allowedFamilies(v) & bit) !== 0 && test(v);
}

export const WAF_FAMILIES: RuleFamily[] = [
  { name: "sqli", gate: gated("sqli", (v) => SQLI_HARD.test(v.text) || hasAnyWord(v, SQLI_WORDS) || (SQLI_SOFT.test(v.text) && hasAnyWord(v, SQLI_LOGIC)) || SQLI_EXTRA.test(v.text)), rules: SQLI_RULES },
  { name: "xss", gate: gated("xss", (v) => XSS_GATE.test(v.text)), rules: XSS_RULES },
  { name: "traversal", gate: gated("traversal", (v) => TRAVERSAL_GATE.test(v.text) || TRAVERSAL_FILES.test(v.text) || NULLISH_RAW.test(v.raw)), rules: TRAVERSAL_RULES },
  { name: "rce", gate: gated("rce", (v) => RCE_CHARS.test(v.text) || RCE_SHAPES.test(v.text) || startsWithTool(v.text) || RCE_ANYWHERE.test(v.text) || hasAnyWord(v, RCE_WORDS)), rules: RCE_RULES },
  { name: "php", gate: gated("rce", (v) => mayBePhp(v.text)), rules: PHP_RULES },
  { name: "upload", gate: gated("rce", mayNameUpload), rules: UPLOAD_RULES },
  { name: "encoded", gate: gated("rce", (v) => mayBeEncodedCode(v.raw)), rules: ENCODED_RCE_RULES },
  { name: "ssrf", gate: gated("ssrf", (v) => SSRF_GATE.test(v.text)), rules: SSRF_RULES },
  { name: "ssti", gate: gated("ssti", (v) => SSTI_GATE.test(v.text)), rules: SSTI_RULES },
];

/** The benign-shape test for timestamps (exported for the soundness tests). */
export function isTimestampShape(raw: string): boolean {
  return SHAPE_TIMESTAMP.test(raw);
}

/** The WAF families whose rules will run on a value (for the gate soundness check). */
export function wafFamiliesFor(v: InspectedValue): RuleFamily[] {
  return WAF_FAMILIES.filter((f) => typeof f.gate === "function" && f.gate(v));
}

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
