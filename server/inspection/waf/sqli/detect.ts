import { regexRule, WAF_KINDS, type Hit, type Rule } from "../../rule";
import { memoOf, type InspectedValue } from "../../normalize/values";
import { hasAnyWord, wordSet } from "../../normalize/words";
import { shapeOf, tokenizeSql, type Token } from "./tokenize";

/**
 * SQL injection by token shape. Each value is lexed in three contexts, like libinjection: as-is
 * (numeric context) and as if it sat inside a '...' or "..." literal, so an injected quote closes
 * the literal and what follows shows up as SQL. Prose with apostrophes ("O'Brien's order") lexes
 * as string-then-word, which no signature accepts.
 */
interface Context {
  quoted: boolean;
  tokens: Token[];
  /** Token types, with common keywords given their own letter: F from, W where/having, O order/group, B by, I into, A all/distinct, N null. */
  shape: string;
}

const KEYWORD_LETTER: Record<string, string> = {
  from: "F", where: "W", having: "W", order: "O", group: "O", by: "B", into: "I", all: "A", distinct: "A", null: "N", limit: "L", procedure: "P", outfile: "X", dumpfile: "X",
};

function richShape(tokens: Token[]): string {
  let shape = "";
  for (const t of tokens) shape += t.type === "k" ? (KEYWORD_LETTER[t.value] ?? "k") : t.type;
  return shape;
}

const GATE = /['"`;()=#<>|&]|--|\/\*|\b(?:union|select|sleep|benchmark|waitfor|order|or|and|xor|insert|drop|delete|update|exec|declare|like|rlike|having|where|procedure)\b/;

function contextsOf(v: InspectedValue): Context[] {
  const memo = memoOf(v);
  const hit = memo.sql as Context[] | undefined;
  if (hit) return hit;
  const contexts: Context[] = [];
  if (GATE.test(v.text)) {
    // A raw body sent without a content type keeps form encoding ("Union+sElect%0A"): servers
    // and ModSecurity read it as URL-encoded, so '+' is a space there. Only for the raw body, and
    // only when it has no spaces of its own.
    const texts = windowsOf(v.text);
    if (v.location === "body" && v.text.includes("+") && !/[ \t]/.test(v.text)) texts.push(v.text.slice(0, WINDOW).replace(/\+/g, " "));
    for (const text of texts) {
      for (const quote of ["", "'", '"']) {
        if (quote !== "" && !text.includes(quote)) continue;
        const tokens = tokenizeSql(text, quote);
        contexts.push({ quoted: quote !== "", tokens, shape: richShape(tokens) });
      }
    }
  }
  memo.sql = contexts;
  return contexts;
}

const WINDOW = 2048;
const LEAD = 256;
const MAX_WINDOWS = 8;
const GATE_ALL = new RegExp(GATE.source, "g");

/**
 * The tokenizer reads bounded windows: a short value whole; a long one in up to 8 windows of
 * 2 KB, each starting a little before the next SQL-looking spot (a gate match) after the last
 * window, so an injection padded behind kilobytes of prose is still tokenized. Bounded work: at
 * most 16 KB of a value is tokenized, at the first eight SQL-looking regions.
 */
function windowsOf(text: string): string[] {
  if (text.length <= WINDOW) return [text];
  const out: string[] = [];
  let from = 0;
  while (out.length < MAX_WINDOWS && from < text.length) {
    GATE_ALL.lastIndex = from;
    const m = GATE_ALL.exec(text);
    if (!m) break;
    const start = Math.max(from, m.index - LEAD);
    out.push(text.slice(start, start + WINDOW));
    from = start + WINDOW;
  }
  return out;
}

const DANGEROUS_FUNCTIONS = /^(sleep|benchmark|pg_sleep|extractvalue|updatexml|load_file|xp_cmdshell|sp_executesql|name_const|exp|geometrycollection|polygon|multipoint|randomblob|dbms_pipe\.receive_message|utl_inaddr\.get_host_name|utl_http\.request|dbms_lock\.sleep|ctxsys\.drithsx\.sn|make_set|elt|gtid_subset|json_keys|row_number|sys_eval|sys_exec|db_name|user_name|version|database|current_user|system_user|schema|char|chr|concat|concat_ws|group_concat|ascii|ord|substring|substr|mid|hex|unhex|cast|convert|if|iif|count|isnull|ifnull|coalesce|length|len)$/;
const TIME_OR_EXFIL = /^(sleep|benchmark|pg_sleep|extractvalue|updatexml|load_file|xp_cmdshell|sp_executesql|name_const|dbms_pipe\.receive_message|utl_inaddr\.get_host_name|utl_http\.request|dbms_lock\.sleep|sys_eval|sys_exec|randomblob|gtid_subset)$/;
const DANGEROUS_WORDS = /\b(information_schema|sysobjects|syscolumns|sysusers|sysdatabases|sys\.tables|mysql\.user|pg_catalog|pg_shadow|all_tables|user_tables|msysobjects|sqlite_master|waitfor\s+delay|into\s+(?:out|dump)file|@@version|@@datadir|xp_cmdshell|xp_regread|dbms_pipe|utl_http|sp_(?:addsrvrolemember|addlogin|configure|oacreate|executesql|password)|current_setting\s*\(|current_database\s*\(\s*\)|pg_read_file|pg_ls_dir|lo_(?:import|export|get)\s*\(|sqlite_compileoption_get|select\s+@@[a-z_]+)/;

function shapeRule(rule_id: string, paranoia: 1 | 2 | 3 | 4, score: number, description: string, quoted: boolean | "any", pattern: RegExp, extra?: (c: Context, m: RegExpExecArray) => boolean): Rule {
  return {
    rule_id, category: "sqli", paranoia, description, kinds: WAF_KINDS,
    test: (v): Hit | null => {
      for (const c of contextsOf(v)) {
        if (quoted !== "any" && c.quoted !== quoted) continue;
        const m = pattern.exec(c.shape);
        if (m && (!extra || extra(c, m))) return { index: 0, length: Math.min(v.text.length, 80), score };
      }
      return null;
    },
  };
}

const AFTER_OPERATOR = new Set(["&", "o", "(", ",", "E", ";", "s"]);
const COMPARISON = new Set(["=", "<", ">", "<=", ">=", "<>", "!=", "like", "rlike", "regexp", "is"]);

function tokenRule(rule_id: string, score: number, description: string, accept: (c: Context) => boolean): Rule {
  return {
    rule_id, category: "sqli", paranoia: 1, description, kinds: WAF_KINDS,
    test: (v): Hit | null => (contextsOf(v).some(accept) ? { index: 0, length: Math.min(v.text.length, 80), score } : null),
  };
}

function funcAt(c: Context, m: RegExpExecArray, re: RegExp): boolean {
  const offset = m.index + m[0].lastIndexOf("f");
  return re.test(c.tokens[offset]?.value ?? "");
}

// Whole-value probes: a SQL function name and an open parenthesis with nothing after ("concat (",
// "sysdate("). PL1 holds names that are SQL-only; PL2 adds names shared with other languages.
const PG_CAST = /['")]\s*::\s*(?:jsonb?|int[248]?|integer|bigint|text|varchar|numeric|regclass|oid|bytea)\b|\b[a-z_]\w*::(?:int[248]?|integer|bigint|jsonb?)\b|'[^']*'\s*(?:@>|<@|#>>?|->>?|\?[|&]|@@|#-)\s*'|\b(?:or|and)\s+'[^']*'\s*\?\s*'|\bjsonb?_(?:extract\w*|build_object|pretty|agg|each|array_elements)\s*\(/;
const PROBE_PL1 = /^\s*(?:coalesce|concat|concat_ws|group_concat|xmltype|cos|sin|tan|cot|database|db_name|schema_name|uncompress|compress|hex|unhex|ifnull|isnull|nullif|make_set|elt|md5|sha1|sha2|mid|substr|substring|ord|ascii|pow|power|sysdate|rand|random|rtrim|ltrim|sleep|benchmark|version|user|current_user|session_user|system_user|extractvalue|updatexml|load_file|json_extract|json_keys|char_length|instr|locate|lpad|rpad|conv|sqlite_version|pg_sleep|waitfor|dbms_\w+|utl_\w+)\s*\(\s*$/;
const PROBE_PL2 = /^\s*(?:abs|cast|char|chr|date|floor|format|if|length|ln|local|log|lower|upper|minute|now|password|pi|replace|round|time|values|convert|year|left|right|reverse|repeat|space|exp|sqrt|ceil|ceiling|sign|mod|trim|position|insert)\s*(?:\][=(]*|[&|!$?'\/*]+)*\s*\(\s*$/;

// CRS 942210/942120-style PL2 probes, written as shapes rather than lists.
// Logic operator, an operand and a comparison: the start of a chained condition (and 1!=", || arg == ', && setPath !=).
// '+' counts as a space: raw bodies sent without a content type keep form encoding ("or+1='").
const CHAINED_LOGIC = /(?:\b(?:and|or|xor)\b|&&|\|\|)[\s+]*\(*[\s+]*(?:[a-z_@$][\w.$]*|-?\d+(?:\.\d+)?|'[^']*'|"[^"]*"|\x60[^\x60]*\x60)[\s+]*(?:={1,3}|!={0,2}|<>|<=>|<=?|>=?)[\s+]*(?:$|['"(\d!=@-])/;
// Dialect statements that have no other use in a parameter: EXECUTE IMMEDIATE ', MATCH(...) AGAINST (,
// MERGE ... USING (, PROCEDURE ANALYSE (, DECLARE @x <type>, ") LIKE (", optimizer hints /*+ ... */,
// MySQL's "1.e(" number-as-identifier trick, SELECT <sql function>( and SELECT(user(.
const DIALECT_STATEMENT = /\bexecute\s+immediate\s*['"\x60]|\bmatch\s*\([^()]{1,60}\)\s*against\s*\(|\bmerge\b[^;]{1,80}\busing\s*\(|\bprocedure\s+analyse\s*\(|^\s*declare\s+@\w+\s*(?:$|;|(?:as\s+)?(?:n?(?:var)?char|int|bigint|table|cursor|sysname|(?:var)?binary)\b)|\)\s*(?:like|rlike|regexp)\s*\(|\/\*\+[^*]{0,80}\*\/|\b\d+\.e\(|\bselect\s+(?:if|char|concat|concat_ws|group_concat|version|user|current_user|database|schema|sleep|benchmark|load_file|substring|substr|ascii|hex|unhex|extractvalue|updatexml)\s*\(|\bselect\s*\(\s*(?:user|version|database|current_user|@@\w+)\s*\(/;
// The whole value is a SQL operator or operator phrase (<>, ||, ->, is null, in (1,2), regexp).
const OPERATOR_ONLY = /^\s*(?:<>|<=>|<=|>=|!=|\|\||&&|<<|>>|->>?|#>>?|@>|<@|!~\*?|~\*|(?:is\s+)?not\s*null|is\s*null|(?:not\s+)?(?:like|rlike|regexp|similar\s+to|sounds\s+like|between|glob)(?:\s+null)?|(?:not\s+)?in\s*\(\s*-?\d+(?:\s*,\s*-?\d+)*\s*\)|(?:not\s+)?exists)\s*$/;
// A quote closes the literal and a SQL-only postfix operator follows (' notnull --, user'collate nocase, 'glob 1;).
const QUOTE_OPERATOR = /['"\x60]\s*(?:notnull|isnull|collate\s+[a-z_]\w*|is\s+(?:not\s+)?null\s*(?:$|--|#|\/\*|[);])|glob\s+['"\d])/;
// Column alias then FROM after a closing parenthesis, number or quote (") AS total FROM", "1234 AS \"x\" FROM").
const ALIAS_FROM = /(?:\)|\b\d+|['"\x60\]])\s*as\s+(?:['"\x60\[][^'"\x60\]]{1,40}['"\x60\]]|[a-z_]\w*)\s+from\b\s*(?:$|[a-z_\x60"\[][\w.\x60"\]]*\s*(?:$|[;,)]|where\b|join\b|\w+=))|^\s*[!'"\x60]?\s*as['"\x60]?\s+from\s*$/;
// Statement fragments as the whole value or after a quote: SELECT <function>(, ' ALTER ..., EXECUTE name, ORDER BY.
const STATEMENT_FRAGMENT = /\bselect\s+(?:all\s+|distinct\s+)?[a-z_]\w*\(|\bselect\s+(?:0x[0-9a-f]+|@@?\w+)|^\s*['"\x60]\s*(?:alter|drop|create|truncate|grant|revoke|rename|shutdown)\b|^\s*exec(?:ute)?\s+(?:immediate\s+|master\.)?[\w.@]+\s*$|^\s*(?:order|group)\s+by\s*$|^\s*declare\s+@\w+|\bprocedure\s+analyse\s*\(|\bexcept\s+(?:select|values)\b|\bvalues\s*\(\s*(?:'[^']*'|\d+)\s*,/;

/**
 * A regex rule that first asks a cheap question of the value: whether its words (scanned once per
 * value and shared with the gates, see normalize/words.ts) include one the pattern needs, so the
 * regex only scans values that can match.
 */
function guardedRule(rule_id: string, paranoia: 1 | 2 | 3 | 4, score: number, description: string, pattern: RegExp, guard: (v: InspectedValue) => boolean): Rule {
  const rule = regexRule(rule_id, "sqli", paranoia, score, description, pattern);
  return { ...rule, test: (v) => (guard(v) ? rule.test(v) : null) };
}
const LOGIC_WORDS = wordSet("and or xor");
const DIALECT_WORDS = wordSet("execute match merge procedure declare like rlike regexp select");
const FRAGMENT_WORDS = wordSet("select exec execute by declare procedure except values alter drop create truncate grant revoke rename shutdown");
const FROM_WORD = wordSet("from");
const hasQuote = (t: string): boolean => t.includes("'") || t.includes('"') || t.includes("`");

// CRS 942490-style PL3 probe: a quote, an arithmetic or comparison operator and a number
// ('1001'='10, "` * 123, ` < 0) and `): the quote ends a literal and an expression follows.
const QUOTE_OPERATOR_NUMBER = /["'\x60]\s*(?:[=<>*+\/%^|&]|\bdiv\b|\bmod\b)\s*["'\x60]?\s*-?\d/;

export const SQLI_RULES: Rule[] = [
  guardedRule("sqli-quote-operator-number", 3, 45, "Quote followed by an operator and a number ('1001'='10, \"` * 123): a literal closed and an expression probed", QUOTE_OPERATOR_NUMBER, (v) => hasQuote(v.text)),
  guardedRule("sqli-dialect-statement", 1, 75, "Dialect statement with no use in a parameter (EXECUTE IMMEDIATE ', MATCH() AGAINST (, PROCEDURE ANALYSE (, DECLARE @x int, ) LIKE (, /*+ hint */, 1.e(, SELECT char()", DIALECT_STATEMENT, (v) => hasAnyWord(v, DIALECT_WORDS) || v.text.includes("/*+") || v.text.includes(".e(")),
  guardedRule("sqli-chained-logic", 2, 60, "AND/OR/&&/|| followed by an operand and a comparison (and 1!=\", || arg == ', or x=')", CHAINED_LOGIC, (v) => hasAnyWord(v, LOGIC_WORDS) || v.text.includes("&&") || v.text.includes("||")),
  regexRule("sqli-operator-probe", "sqli", 2, 55, "Value is a bare SQL operator or operator phrase (<>, ||, ->, is null, in (1,2), regexp)", OPERATOR_ONLY),
  guardedRule("sqli-quote-operator", 2, 60, "Quote followed by a SQL postfix operator (' notnull, 'collate nocase, ' is null, 'glob 1)", QUOTE_OPERATOR, (v) => hasQuote(v.text)),
  guardedRule("sqli-alias-from", 2, 60, "Column alias followed by FROM after a parenthesis, number or quote () AS total FROM)", ALIAS_FROM, (v) => hasAnyWord(v, FROM_WORD)),
  guardedRule("sqli-statement-fragment", 2, 60, "SQL statement fragment (SELECT fn(, ' ALTER, EXECUTE name, ORDER BY as the value)", STATEMENT_FRAGMENT, (v) => hasAnyWord(v, FRAGMENT_WORDS)),
  shapeRule("sqli-breakout-operator-comment", 2, 65, "Quote closes the literal, an operator follows and a comment cuts the rest (x'<email--, a'or?--)", true, /^s\)*[o&?][^sc]{0,6}c$/),
  shapeRule("sqli-union", 1, 95, "UNION [ALL] SELECT after any prefix", "any", /U[A(c]*E/),
  shapeRule("sqli-stacked", 1, 90, "Stacked query: ';' followed by a statement", "any", /;c*\(*E/),
  shapeRule("sqli-subquery", 1, 85, "Sub-select used as an operand (=(select ..., and (select ...)", "any", /[o&,f]\(+E/),
  shapeRule("sqli-breakout", 1, 90, "Quote closes the literal and SQL logic follows (' or 1=1, ') and (", true, /^s\)*(&[(1sfvkNn]|;|U|[OWLP]|o\(*[1sfv(])/),
  shapeRule("sqli-breakout-comment", 1, 80, "Quote closes the literal and a comment cuts the rest (admin'--)", true, /^s\)*c/),
  shapeRule("sqli-breakout-statement", 1, 80, "Quote closes the literal and a statement follows", true, /^s\)*E.*[FIW]/),
  shapeRule("sqli-tautology", 1, 85, "Numeric context tautology or boolean probe (1 or 1=1, 1) and sleep(5)", false, /^o?[1n]\)*&\(*(f|[1sv]o|E|n?o[1sv])/,
    (c) => c.shape.startsWith("1") || c.shape.startsWith("o1") || /[1sv]o/.test(c.shape)),
  shapeRule("sqli-orderby", 1, 80, "ORDER/GROUP BY column probe after a literal", "any", /^(s|o?1|n)\)*OB(1|n)/),
  shapeRule("sqli-where-tautology", 1, 80, "WHERE/HAVING followed by a constant comparison", "any", /W\(*[1s]o[1s]/),
  tokenRule("sqli-time-function", 85, "Time-delay or error-based exfiltration function in SQL context (sleep(, benchmark(, extractvalue(...)", (c) =>
    c.tokens.some((t, i) => t.type === "f" && TIME_OR_EXFIL.test(t.value) && (i === 0 || (i === 1 && c.quoted) || AFTER_OPERATOR.has(c.tokens[i - 1]?.type ?? "")))),
  tokenRule("sqli-logic-comparison", 80, "AND/OR followed by a constant comparison anywhere (and 2006=2006, or 'a'='a'), or a parenthesised one at the start", (c) =>
    c.tokens.some((t, i) => {
      let j = i + 1;
      if (t.type !== "&" && !(i === 0 && t.type === "(")) return false;
      while (c.tokens[j]?.type === "(") j++;
      const [a, op, b] = [c.tokens[j], c.tokens[j + 1], c.tokens[j + 2]];
      return !!a && !!op && !!b && /^[1s]$/.test(a.type) && /^[1s]$/.test(b.type) && COMPARISON.has(op.value);
    })),
  tokenRule("sqli-conditional", 80, "Conditional probe: IF/IIF/ELT/CASE WHEN over a comparison (iif(1=1,1,1/0), (case when 1=2 then ...)", (c) =>
    c.tokens.some((t, i) => (t.type === "f" && /^(?:if|iif|elt|case|nullif|decode|make_set)$/.test(t.value) && c.tokens[i + 1]?.type === "(" && /^[1s]$/.test(c.tokens[i + 2]?.type ?? "") && COMPARISON.has(c.tokens[i + 3]?.value ?? ""))
      || (t.type === "(" && c.tokens[i + 1]?.value === "case" && c.tokens[i + 2]?.value === "when"))),
  tokenRule("sqli-stacked-block", 85, "Stacked procedural block after ';' (;begin ... end, ;if(1=1) select)", (c) =>
    c.tokens.some((t, i) => t.type === ";" && (c.tokens[i + 1]?.value === "begin" || (c.tokens[i + 1]?.value === "if" && c.tokens[i + 2]?.type === "(")))),
  shapeRule("sqli-leading-logic", 1, 80, "Value starts with AND/OR and a comparison, function, boolean or column test (or 1=1#, and 7300=7300, or true--, or x=y)", false, /^\)*&\(*(?:[1sv]o|no[1sv]|f\(|E|[1s]c?$|[kN]c?$|no[n1s]c?$)/,
    (c) => !/^\)*&\(*k/.test(c.shape) || /^(?:true|false)$/.test(c.tokens.find((t) => t.type === "k")?.value ?? "")),
  shapeRule("sqli-leading-orderby", 1, 75, "Value is ORDER BY <n> or ORDER BY <function> (column-count or time probe)", false, /^\)*OB(?:1(?:,1)*c?$|f\()/),
  shapeRule("sqli-numeric-comparison", 2, 55, "Value is a bare numeric comparison (11!=1)", false, /^o?1o1$/),
  shapeRule("sqli-function-probe", 2, 65, "SQL function after a logic operator (and ascii(substring(...", "any", /&\(*f\(/,
    (c, m) => funcAt(c, m, DANGEROUS_FUNCTIONS)),
  shapeRule("sqli-raw-statement", 2, 60, "Value is a complete SQL statement (select ... from ...)", false, /^\(*E[^;]*[FI]/),
  shapeRule("sqli-comment-terminator", 2, 60, "Numeric value followed by SQL and a trailing comment", false, /^o?1\)*[&Ok].*c$/),
  shapeRule("sqli-parenthesized-select", 1, 80, "Value is a parenthesised sub-select ((select count(*) from ...), (select 1 from pg_sleep(5)))", false, /^\(+E[^;]*F/),
  regexRule("sqli-fulltext-breakout", "sqli", 1, 85, "Quote closes a MySQL full-text search and SQL follows (' in boolean mode) and ...)",
    /['"]\s*\)*\s*in\s+(?:boolean|natural\s+language)\s+mode\s*\)/),
  regexRule("sqli-char-concat", "sqli", 1, 80, "String built from CHAR() codes joined by || or + (char(119)||char(100), char(83)+char(81))",
    /\bch(?:a)?r\s*\(\s*\d+\s*\)\s*(?:\|\||\+|&)\s*ch(?:a)?r\s*\(\s*\d+\s*\)/),
  {
    rule_id: "sqli-pg-cast", category: "sqli", paranoia: 1, kinds: WAF_KINDS,
    description: "PostgreSQL cast or JSON operator on an injected literal or column ('...'::jsonb @> '...', password::int, lo_get(1)::int)",
    test: (v) => {
      if (!v.text.includes("::") && !v.text.includes("'") && !v.text.includes("json")) return null;
      const m = PG_CAST.exec(v.text);
      return m ? { index: m.index, length: m[0].length, score: 80 } : null;
    },
  },
  regexRule("sqli-catalog-probe", "sqli", 1, 70, "Value is a DBMS catalog or system database name (msdb, mysql.db, schema_name, sysdatabases)",
    /^\s*(?:msdb|mysql\.(?:db|user)|schema_name|northwind|sysdatabases|pg_database|pg_user|sqlite_sequence|all_users|dba_users)\s*$/),
  regexRule("sqli-function-call-probe", "sqli", 1, 65, "Value is a SQL-only function name with an open parenthesis (concat (, sysdate(, md5()", PROBE_PL1),
  { ...regexRule("sqli-function-name-probe", "sqli", 2, 55, "Value is a SQL function name shared with other languages with an open parenthesis (cast(, floor(, now()", PROBE_PL2), paranoia: 2 },
  {
    rule_id: "sqli-nosql-operator", category: "sqli", paranoia: 1, kinds: WAF_KINDS,
    description: "NoSQL (MongoDB) query operator smuggled into a parameter name or JSON key ([$ne], $where, $regex)",
    test: (v) => {
      const m = /\[\s*\$(?:ne|gt|gte|lt|lte|regex|where|exists|nin|in|or|and|not|nor|expr|elemmatch|function|eq)\s*\]|^\$(?:ne|gt|gte|lt|lte|regex|where|exists|nin|or|nor|not|expr|function|accumulator|text|elemmatch|jsonschema|mod|all|size|type)$/.exec(v.text);
      return m ? { index: m.index, length: m[0].length, score: 80 } : null;
    },
  },
  {
    rule_id: "sqli-catalog", category: "sqli", paranoia: 1, kinds: WAF_KINDS,
    description: "DBMS catalog, delay or file primitives (information_schema, waitfor delay, into outfile, @@version)",
    test: (v) => {
      const m = DANGEROUS_WORDS.exec(v.text);
      return m ? { index: m.index, length: m[0].length, score: 85 } : null;
    },
  },
];

export { shapeOf };
