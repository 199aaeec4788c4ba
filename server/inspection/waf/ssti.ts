import { regexRule, type Rule } from "../rule";

/**
 * Template and expression injection (Jinja2, Twig, Freemarker, Velocity, ERB, Spring EL, OGNL)
 * and Log4Shell-style JNDI lookups, including nested-lookup obfuscation (${${lower:j}ndi:...}).
 */
const JNDI_FOLD = /\$\{(?:[a-z]*:)*-?([^${}:]{0,8})\}/g;
const LOOKUP = /jndi\s*:\s*(?:ldaps?|rmi|dns|iiop|corba|nds|nis|https?)\b|\$\{\s*(?:jndi|ctx|env|sys|java|lower|upper|date|main|base64|bundle|k8s|docker|spring|log4j|marker|map|sd|web|event|::-)\s*:/;

export const SSTI_RULES: Rule[] = [
  {
    rule_id: "ssti-jndi", category: "ssti", paranoia: 1,
    description: "JNDI / Log4j lookup (${jndi:ldap://...}, nested ${lower:j} obfuscation)",
    kinds: new Set(["param", "key", "path", "header", "body", "llm"]),
    test: (v) => {
      if (!v.text.includes("${") && !v.text.includes("jndi")) return null;
      // Fold nested lookups one level at a time, checking after each fold: a fold too many
      // would also swallow the ${jndi:...} we are looking for.
      let s = v.text;
      for (let i = 0; i < 5; i++) {
        if (LOOKUP.test(s)) return { index: 0, length: Math.min(80, v.text.length), score: 98 };
        const next = s.replace(JNDI_FOLD, "$1");
        if (next === s) return null;
        s = next;
      }
      return null;
    },
  },
  regexRule("ssti-python-internals", "ssti", 1, 95, "Python object-graph walking used in Jinja2/Mako escapes",
    /__(?:class|mro|subclasses|globals|builtins|init|import|base|bases|getattribute|dict)__|\|\s*attr\s*\(|\blipsum\s*\.|\bcycler\s*\.|\bjoiner\s*\.|\bnamespace\s*\.\s*__|\bconfig\s*\.\s*(?:items|from_)|\brequest\s*\.\s*application|self\s*\._templatereference|self\s*\.\s*__dict__/),
  regexRule("ssti-expression", "ssti", 1, 85, "Template expression with arithmetic, calls or attribute access ({{7*7}}, ${7*7}, #{...}, <%= %>)",
    /\{\{[^}]{0,200}?(?:[*+\-\/%][^}]*\d|\(|\[|\.|\||~|'|")[^}]{0,200}?\}\}|[$#@*]\{[^}]{0,200}?(?:\d\s*[*+\/-]\s*\d|\(|\.\w+\(|\bt\s*\()[^}]{0,200}?\}|<%=?[^%]{0,200}?(?:\d\s*[*+]\s*\d|\(|\.\w)[^%]{0,200}?%>|\{%[^%]{0,200}?(?:import|include|extends|set|print|for|if|macro|debug)\b/),
  regexRule("ssti-template-global", "ssti", 1, 75, "Template expression reading a framework global ({{ request }}, {{ config.items() }}, {{ app.request... }}, {{ self }})",
    /\{\{\s*(?:request|config|self|_self|app|settings|session|url_for|get_flashed_messages|lipsum|cycler|joiner|namespace)\b\s*(?:[.\[|(]|\}\})/),
  regexRule("ssti-engine-directive", "ssti", 1, 90, "Engine-specific code directives (Freemarker ?new(), <#assign>, Velocity #set/$class, Smarty {php})",
    /\?\s*new\s*\(|<#\s*(?:assign|import|include)|freemarker\.template|#set\s*\(\s*\$|\$class\s*\.\s*inspect|#foreach\s*\(|\{php\}|\{system\s*\(|\{\s*\/?\s*literal\s*\}|\bobjectconstructor\b/),
  regexRule("ssti-java-el", "ssti", 1, 90, "Java EL / SpEL / OGNL class access (T(java.lang...), #context, @java.lang)",
    /\bt\s*\(\s*java\.|#(?:context|_memberaccess|request|response|application|session|rt)\b|@java\.lang|\.getclass\s*\(\s*\)|\.classloader|\bnew\s+java\.|%\{\s*#/),
  regexRule("ssti-erb-tag", "ssti", 1, 80, "ERB/ASP/JSP code tag with code inside (<%= ... %>, <% if ... %>)",
    /<%[=#-]?\s*(?:if|end|for|while|each|puts|print|system|exec|eval|require|include|=|\w+\s*[.(])[^%]{0,200}%>/),
  regexRule("ssti-any-expression", "ssti", 2, 55, "Any template expression delimiter pair ({{...}}, ${...}, #{...})",
    /\{\{[^}]{1,200}\}\}|[$#]\{[^}]{1,200}\}/),
];
