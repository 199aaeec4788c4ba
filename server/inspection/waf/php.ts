import { regexRule, WAF_KINDS, type Rule } from "../rule";

/**
 * PHP code injection, for endpoints that reach eval/include/unserialize: function calls by name
 * (with the comment and whitespace tricks PHP's lexer allows between a name and its '('), calls
 * through a quoted, bracketed or concatenated name ("system"(ls), (sy.(st).em)('id')), open tags,
 * serialized objects, superglobals and php.ini directives. English-looking names (system, file,
 * mail, copy) only count where prose cannot produce them.
 */
// Names that do not occur in prose: a call of one anywhere in a value is PHP. Names distinctive
// enough to count glued to other letters (FOOfsockopen()) are in the first group.
const GLUED = "fsockopen|pfsockopen|gzinflate|gzuncompress|gzdecode|bzdecompress|zlib_decode|base64_decode|str_rot13|shell_exec|proc_open|pcntl_exec|passthru|create_function|call_user_func(?:_array)?|posix_\\w+|get_defined_(?:vars|functions|constants)|file_get_contents|file_put_contents|move_uploaded_file|highlight_file|show_source|php_uname|phpinfo|escapeshellcmd|escapeshellarg|register_shutdown_function|register_tick_function|zend_\\w+|tidy_\\w+|pg_\\w+|mysqli?_\\w+|curl_exec|stream_socket_\\w+|socket_create|proc_\\w+|ini_(?:set|get|restore|alter)|getenv|putenv|gethostbyname|unserialize|preg_replace|mb_ereg_replace|assert_options|strrev|is_array|is_string|strip_tags|date_add|filegroup|fileowner|file_exists|symlink|readlink|fopen|fwrite|fputs|fread|readfile|opendir|scandir|unlink|rmdir|tempnam|checkdate|array_map|array_filter|usort|uasort|ob_start|set_error_handler|htmlspecialchars_decode|hex2bin|bin2hex|popen|__halt_compiler|apache_child_terminate|call_user_method(?:_array)?|convert_uudecode|get_class_(?:methods|vars)|invokeargs|pcntl_\\w+|reflectionfunction|sys_get_temp_dir|wp_(?:safe_)?remote_\\w+|gzencode|gzcompress|gzdeflate|bzopen|lzf_decompress|mb_eregi?_replace|preg_replace_callback|array_walk|iterator_apply|forward_static_call(?:_array)?|stream_get_contents|fpassthru|parse_ini_(?:file|string)|php_strip_whitespace|get_meta_tags|getmypid|getmyuid|get_current_user|disk_(?:free|total)_space|lchown|lchgrp|fileperms|fileinode|is_writable|is_executable|chroot|virtual|apache_setenv|dbase_\\w+|ftp_\\w+|imap_open|mb_send_mail|openlog|syslog|ssh2_\\w+";
// Names that are also words or too short to stand alone: only as the value's leading call, or
// with nothing but comments/whitespace in front ("exec (blah)", "exec/**/()").
const LEADING_CODE = "exec|eval|assert|include_once|require_once|printf|sprintf|intval|substr|md5|sha1|chmod|chown|chgrp|mkdir|serialize|unpack|implode|explode|print_r|var_dump|var_export|func_get_args|parse_str|crypt|"
  // PHP built-ins whose names are not English words: a value that starts with a call of one is PHP.
  + "strlen|strtolower|strtoupper|strrev|strpos|stripos|strrpos|strstr|stristr|strtr|strcmp|strcasecmp|strncmp|str_\\w+|substr_\\w+|ucfirst|ucwords|lcfirst|ltrim|rtrim|nl2br|htmlentities|htmlspecialchars|html_entity_decode|addslashes|stripslashes|quotemeta|chunk_split|wordwrap|number_format|vsprintf|sscanf|levenshtein|similar_text|soundex|metaphone|crc32|md5_file|sha1_file|hash_\\w+|base64_encode|urlencode|urldecode|rawurlencode|rawurldecode|http_build_query|parse_url|json_encode|json_decode|debug_zval_dump|array_\\w+|in_array|sizeof|preg_\\w+|ereg|eregi|ereg_replace|fclose|fgets|fgetc|fgetcsv|fputcsv|is_file|is_dir|is_link|is_readable|tmpfile|dirname|pathinfo|getcwd|readdir|closedir|error_reporting|set_time_limit|setcookie|session_\\w+|usleep|uniqid|mt_rand|random_bytes|openssl_\\w+|mcrypt_\\w+|dechex|hexdec|bindec|decbin|octdec|decoct|base_convert|intdiv|floatval|boolval|strval|settype|gettype|is_numeric|is_int|is_null|function_exists|method_exists|class_exists|get_class|get_object_vars|spl_\\w+|iterator_to_array|phpversion|php_sapi_name|php_ini_\\w+|gzopen|gzread|gzwrite|ob_get_clean|ob_end_clean|highlight_string|token_get_all|mb_\\w+|iconv_\\w+|simplexml_load_\\w+|libxml_\\w+|xml_parse\\w*";
// Nouns ("File (PDF)", "Copy (2)", "System (v2)") need the '(' glued on or a comment in between.
const LEADING_NOUN = "system|include|require|file|link|copy|touch|rename|mail|extract|glob|pack|chr|ord";
const GAP = String.raw`(?:\s|\/\*[\s\S]*?\*\/|(?:#|\/\/)[^\n]*\n)*`;
const GLUED_CALL = new RegExp(`(?<![\\w$>:\\\\])(?:${GLUED})${GAP}\\(|(?:fsockopen|gzinflate|gzuncompress|bzdecompress|zlib_decode|base64_decode|str_rot13|shell_exec|passthru|get_defined_vars|posix_get\\w*)${GAP}\\(`);
const LEADING_CALL = new RegExp(`^[\\s/]*(?:[\\w-]+\\/)*(?:(?:${LEADING_CODE})${GAP}|(?:${LEADING_NOUN})(?:\\/\\*[\\s\\S]*?\\*\\/\\s*)*)\\(`);
// A dangerous name called through an expression: "system"(ls), (system)(id), [system][0](ls),
// (['system'])[0]('uname'). The argument has no spaces so "(system) (see below)" is not a call.
const DANGEROUS = "system|exec|passthru|shell_exec|popen|proc_open|pcntl_exec|assert|eval|create_function|call_user_func|phpinfo|base64_decode|file_get_contents|file_put_contents|readfile|include|require|unserialize";
const WRAPPED_CALL = new RegExp(`[("'\\[]\\s*(?:${DANGEROUS})\\s*[)"'\\]](?:\\s*(?:[)"'\\]}]|\\[\\s*\\d+\\s*\\]|\\{\\s*\\d*\\s*\\}))*\\s*\\(\\s*[^\\s()]*\\s*\\)`);
const DANGEROUS_SET = new Set(DANGEROUS.split("|"));
// Concatenated fragments ("sys"."tem", (sy.(st).em)) that join to a dangerous name.
const CONCAT = /(?:["'(]+[a-z_]{1,12}["')]*|[a-z_]{1,12}["')]+)(?:\s*\.\s*["'(]*[a-z_]{1,12}["')]*)+/g;

function stripComments(text: string): string {
  return text.includes("/*") ? text.replace(/\/\*[\s\S]*?\*\//g, "") : text;
}

function concatenatedName(text: string): { index: number; length: number } | null {
  if (!text.includes(".") || !/["'(]/.test(text)) return null;
  for (const m of text.matchAll(CONCAT)) {
    const joined = m[0].replace(/[^a-z_]/g, "");
    if (DANGEROUS_SET.has(joined)) return { index: m.index, length: m[0].length };
  }
  return null;
}

// Variable functions: $f(1), $_GET['f']($x), $__[$_[1]](7), ${@a}(10), $a/*c*/().
// Whitespace before the '(' only after an index ("$total (approx)" is prose).
// A plain "$name (" needs a code-like argument: a number, a quoted string or a variable.
const VARIABLE_CALL = /\$(?:\{[^{}]{1,40}\}|[a-z_]\w*)(?:(?:(?:\s*(?:\[(?:[^[\]]|\[[^[\]]*\]){0,40}\]|\{[^{}]{0,20}\}))+\s*|)\(\s*[^)]{0,40}\)|\s+\(\s*(?:\d+|['"$][^)]{0,40})\s*\))/;

// A value that is only the name of a PHP function used for execution, obfuscation or recon
// (CRS 933150/933151 idea): probes for endpoints that call a user-chosen function. Only the name
// (with a call, '=' or quote glued after it), never a sentence that mentions it. PL1 holds names
// that are nothing but PHP internals; PL2 every name of the list above.
const RISKY_NAMES = "shell_exec|passthru|proc_open|proc_nice|proc_terminate|proc_get_status|pcntl_exec|pcntl_fork|pcntl_signal|popen|base64_decode|str_rot13|gzinflate|gzuncompress|gzdecode|bzdecompress|zlib_decode|convert_uudecode|lzf_decompress|create_function|call_user_func|call_user_func_array|call_user_method|call_user_method_array|forward_static_call|forward_static_call_array|fsockopen|pfsockopen|stream_socket_client|stream_socket_server|file_get_contents|file_put_contents|move_uploaded_file|highlight_file|show_source|php_uname|phpinfo|get_defined_vars|get_defined_functions|get_defined_constants|get_class_methods|get_class_vars|get_current_user|getmypid|getmyuid|posix_\\w+|assert_options|ini_set|ini_get_all|ini_restore|ini_alter|putenv|escapeshellcmd|escapeshellarg|register_shutdown_function|register_tick_function|__halt_compiler|apache_child_terminate|apache_setenv|sys_get_temp_dir|wp_(?:safe_)?remote_(?:get|post|head|request|fopen)|reflectionfunction|invokeargs|parse_ini_file|php_strip_whitespace|disk_free_space|disk_total_space";
const NAME_ONLY_TAIL = String.raw`\s*(?:$|[(=;'"\x60\[{]|\/\*)`;
const RISKY_NAME_VALUE = new RegExp(`^[\\s@$]*(?:${RISKY_NAMES})${NAME_ONLY_TAIL}`);
// Top-level names of GLUED that are also everyday words ("virtual" as an event type) stay out.
const WORDLIKE = new Set(["virtual", "syslog", "openlog", "unlink", "symlink", "checkdate", "usort", "uasort", "strrev"]);
const ANY_NAMES = GLUED.split("|").filter((n) => !WORDLIKE.has(n)).join("|");
const ANY_NAME_VALUE = new RegExp(`^[\\s@$]*(?:${ANY_NAMES})${NAME_ONLY_TAIL}`);

// Cheap test before ANY_NAME_VALUE (run on every value the pre-gate lets through): the value's
// first word contains '_' or is one of the few underscore-free names of the lists.
const PLAIN_NAMES = new Set(`${ANY_NAMES}|${RISKY_NAMES}`.split("|").filter((n) => /^[a-z0-9]+$/.test(n)));

function leadingNameMayBePhp(text: string): boolean {
  let i = 0;
  const n = text.length;
  while (i < n && (text.charCodeAt(i) <= 32 || text[i] === "@" || text[i] === "$")) i++;
  let j = i;
  let underscore = false;
  for (; j < n; j++) {
    const c = text.charCodeAt(j);
    if (c === 95) underscore = true;
    else if (!((c >= 97 && c <= 122) || (c >= 48 && c <= 57))) break;
  }
  return j > i && (underscore || PLAIN_NAMES.has(text.slice(i, j)));
}

export const PHP_RULES: Rule[] = [
  regexRule("rce-php-function-name", "rce", 1, 70, "Value is the name of a PHP execution/obfuscation/recon function (phpinfo, shell_exec=..., zlib_decode(...)", RISKY_NAME_VALUE),
  regexRule("rce-php-function-name-any", "rce", 2, 60, "Value is the name of a PHP file/network/callback function (fopen, array_map=, unserialize(...)", ANY_NAME_VALUE),
  {
    rule_id: "rce-php-function", category: "rce", paranoia: 1, kinds: WAF_KINDS,
    description: "Call of a PHP function used for execution, files, network or obfuscation (fsockopen(, gzinflate(, exec /**/ (...)",
    test: (v) => {
      if (!v.text.includes("(")) return null;
      const m = GLUED_CALL.exec(v.text) ?? LEADING_CALL.exec(v.text);
      return m ? { index: m.index, length: m[0].length, score: 80 } : null;
    },
  },
  {
    rule_id: "rce-php-dynamic-call", category: "rce", paranoia: 1, kinds: WAF_KINDS,
    description: "PHP function called through a quoted, bracketed or concatenated name (\"system\"(ls), [system][0](ls), (sy.(st).em)(...))",
    test: (v) => {
      if (!v.text.includes("(")) return null;
      const text = stripComments(v.text);
      const m = WRAPPED_CALL.exec(text);
      if (m) return { index: Math.min(m.index, v.text.length), length: m[0].length, score: 85 };
      const c = /\)\s*\(|["']\s*\(/.test(text) || text.includes("define") ? concatenatedName(text) : null;
      return c ? { ...c, score: 85 } : null;
    },
  },
  regexRule("rce-php-tag", "rce", 1, 85, "PHP open tag or template PHP block (<?php, <?=, <? echo, [php], {php})",
    /<\?(?:php|=|\s*(?:php|echo|print|system|eval|exec|passthru|include|require|if|\$)\b|\s*$)|<\?xml\s*:|[[{]\s*[\/\\]?\s*php\s*[\]}]/),
  regexRule("rce-php-serialized-object", "rce", 1, 85, "PHP serialized object (O:8:\"stdClass\":1:{...}) for unserialize() gadgets",
    /\b[oc]:\+?\d+:"[a-z_\\][\w\\]*":\d+:\{/),
  regexRule("rce-php-variable", "rce", 1, 75, "PHP superglobal or variable-variable syntax ($_GET, $_COOKIE, $GLOBALS, ${'name'})",
    /\$_(?:get|post|cookie|request|server|files|env|session)\b|\$globals\b|\$http_raw_post_data\b|\$\s+\{\s*[\w'"]|\$\{\s*['"]/),
  regexRule("rce-php-ini-directive", "rce", 1, 70, "Value is a php.ini directive assignment (allow_url_include=1, auto_prepend_file=...)",
    /^\s*(?:allow_url_(?:include|fopen)|auto_(?:prepend|append)_file|disable_(?:functions|classes)|open_basedir|safe_mode\w*|register_globals|extension(?:_dir)?|zend_extension|memory_limit|max_execution_time|upload_tmp_dir|sendmail_path|error_log|display_errors|log_errors|include_path|short_open_tag|file_uploads|magic_quotes_gpc|session\.\w+|mbstring\.\w+|smtp(?:_port)?|expose_php|user_ini\.\w+|enable_dl|pcre\.\w+|assert\.\w+)\s*=\s*[^\s&=]*\s*$/),
  {
    rule_id: "rce-php-variable-call", category: "rce", paranoia: 1, kinds: WAF_KINDS,
    description: "PHP variable function call ($a(1), $_GET['f']($x), $__[$_[1]](7), ${@a}(10))",
    test: (v) => {
      if (!v.text.includes("$")) return null;
      const m = VARIABLE_CALL.exec(stripComments(v.text));
      return m ? { index: Math.min(m.index, v.text.length), length: m[0].length, score: 80 } : null;
    },
  },
];

// The identifier in front of each '(' (comments and whitespace skipped), tested against the names
// at its end: a superset of GLUED_CALL that does not scan prose for a hundred names.
const IDENT_BEFORE_PAREN = new RegExp(`(?<!\\w)(\\w+)(?!\\w)${GAP}\\(`, "g");
const ENDS_WITH_NAME = new RegExp(`(?:${GLUED})$`);

function callsKnownName(text: string): boolean {
  IDENT_BEFORE_PAREN.lastIndex = 0;
  for (const m of text.matchAll(IDENT_BEFORE_PAREN)) if (ENDS_WITH_NAME.test(m[1] ?? "")) return true;
  return false;
}
const CALL_AFTER_EXPRESSION = /[)\]"'}]\s*\(|\*\/\s*\(|\n\s*\(|define/;
const PHP_TAG = /[[{]\s*[\/\\]?\s*php/;
const SERIALIZED = /[oc]:\+?\d+:"/;
const DIRECTIVE = /^\s*[a-z_][\w.]*\s*=/;

/** Gate for PHP_RULES: a superset of what they match, cheap on prose ("scarf (large)" skips). */
export function mayBePhp(text: string): boolean {
  const shape = text.includes("$") || text.includes("<?") || (text.includes("php") && PHP_TAG.test(text)) || (text.includes(':"') && SERIALIZED.test(text)) || (text.includes("=") && DIRECTIVE.test(text));
  return shape || (leadingNameMayBePhp(text) && (ANY_NAME_VALUE.test(text) || RISKY_NAME_VALUE.test(text))) || (text.includes("(") && (CALL_AFTER_EXPRESSION.test(text) || LEADING_CALL.test(text) || callsKnownName(text)));
}
