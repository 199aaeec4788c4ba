import { regexRule, WAF_KINDS, type Rule } from "../rule";

const DOT_DOT = /(?:^|[\/\\=:;?])\.{2,}[\/\\]|\.\.[^\x00-\x7f]{1,2}[\/\\]|(?:[\/\\]+\.(?=[\/\\])){3,}|[\/\\]\.{2,}(?:[\/\\;?]|$)|\.{2,}[\/\\]\.{2,}|^\.{2,}$/;

/**
 * Path traversal and file inclusion (local and remote). Sensitive-file names are listed by the
 * system directories they live in rather than one by one, so new targets under /etc or /proc
 * are covered without a list update.
 */
// Targets distinctive enough to count whatever separates their parts, in a value without spaces:
// dotdotpwn-style junk separators, dot runs and dropped slashes all still name the same file.
const MANGLED_TARGET = /etc.{0,6}?(?:passwd|shadow)|(?:boot|win|system)\.ini\b|web-inf.{0,6}?web\.xml|windows.{0,8}?system32|(?<![a-z])etc.{1,6}?(?:hosts|issue|group)\b/;
// With traversal junk in the value (dot runs, stray '%', 0x.., mangled UTF-8), weaker targets and
// targets whose first letter the mangling ate (..%2ûoot.ini, %5îtc%5%cpasswd) count too.
const TRAVERSAL_JUNK = /\.\.|%|0x|[^\x00-\x7f]|\?\?|>>|\^\^/;
const MANGLED_WEAK = /etc.{1,6}?(?:hosts|issue|group)\b|[^\x00-\x7f]oot\.ini\b|[^\x00-\x7f]tc.{1,6}?(?:passwd|shadow|issue|hosts)\b/;

export const TRAVERSAL_RULES: Rule[] = [
  {
    rule_id: "trav-dot-dot", category: "traversal", paranoia: 1, kinds: WAF_KINDS,
    description: "Parent-directory sequence (../, ..\\, /...), also spelled with 0x2e/0x2f literals",
    test: (v) => {
      // Hex spellings (0x2e0x2e0x2f) and IIS-style "..2f" with the percent sign dropped.
      let text = v.text.includes("0x") ? v.text.replace(/0x2e/g, ".").replace(/0x2f/g, "/").replace(/0x5c/g, "\\") : v.text;
      if (text.includes("..")) text = text.replace(/\.\.(?:2f|5c)/g, "../");
      const m = DOT_DOT.exec(text);
      return m ? { index: Math.min(m.index, v.text.length), length: m[0].length, score: 90 } : null;
    },
  },
  regexRule("trav-sensitive-file-name", "traversal", 1, 75, "Path ending in a server log, config or credential file (error_log, php.ini, web.xml, .bash_profile, wp-config.php)",
    /(?:^|[\/\\])(?:(?:access|error)[._-]?log(?:\.\d)?|error_log|php\.ini|my\.cnf|httpd\.conf|apache2?\.conf|nginx\.conf|web\.xml|server\.xml|tomcat-users\.xml|\.bash_profile|\.bashrc|\.profile|\.shosts|\.rhosts|\.netrc|\.pgpass|\.my\.cnf|config\.inc\.php|config\.php|database\.php|settings\.php|configuration\.php|local\.xml|wp-config\.php|mysql-bin\.log|mysql\.err|sam|system\.sav|ntuser\.dat|php_error\.log|catalina\.out)$/),
  {
    rule_id: "trav-base64-path", category: "traversal", paranoia: 1, kinds: WAF_KINDS,
    description: "Base64-encoded traversal or system path (Li4vLi4v = ../../)",
    test: (v) => {
      const raw = v.raw.trim();
      if (raw.length < 8 || raw.length > 4096 || !/^[A-Za-z0-9+/]+={0,2}$/.test(raw)) return null;
      let decoded = "";
      try {
        decoded = atob(raw.length % 4 === 0 ? raw : raw + "=".repeat(4 - (raw.length % 4))).toLowerCase();
      } catch {
        return null;
      }
      return DOT_DOT.test(decoded) || /(?:^|\/)etc\/(?:passwd|shadow|hosts)|boot\.ini|win\.ini|\/proc\/self/.test(decoded) ? { index: 0, length: Math.min(80, raw.length), score: 80 } : null;
    },
  },
  regexRule("trav-dotfile-path", "traversal", 1, 70, "Request path reaches a hidden file or directory (/.git/, /.env, /.aws/)",
    /(?:^|\/)\.(?!well-known(?:\/|$))[a-z0-9_][\w.-]*/, new Set(["path"])),
  regexRule("trav-system-file", "traversal", 1, 85, "Reference to an operating-system file (/etc/passwd, /proc/self, boot.ini, win.ini, ...)",
    /(?:^|[\/\\=:\s])(?:etc[\/\\](?:passwd|shadow|group|hosts|issue|motd|crontab|sudoers|fstab|mtab|profile|bashrc|ssh|security|httpd|apache2?|nginx|mysql|php|init\.d|network|os-release|resolv\.conf|hostname|inittab|master\.passwd|pwd\.db)|proc[\/\\](?:self|\d+|version|cmdline|environ|mounts|net)|var[\/\\](?:log|lib|mail|spool|www)[\/\\]|usr[\/\\]local[\/\\](?:etc|apache)|boot\.ini|win\.ini|system\.ini|windows[\/\\](?:system32|win\.ini|repair|panther|debug)|winnt[\/\\]|inetpub[\/\\]|\.htaccess|\.htpasswd|web\.config|wp-config\.php|id_[rd]sa|authorized_keys|\.bash_history|\.ssh[\/\\]|\.aws[\/\\]credentials|\.git[\/\\](?:config|head)|\.env$)/),
  regexRule("trav-absolute-system-path", "traversal", 1, 75, "Value is an absolute path into a system directory",
    /^(?:file:)?[\/\\]+(?:etc|proc|sys|dev|root|boot|var|usr|bin|sbin|opt|tmp|home)[\/\\][\w.-]|^[a-z]:[\/\\]+(?:windows|winnt|boot|inetpub|program|users|documents|system|xampp|wamp\d*|mysql|php\d*[\/\\]|apache\w*|appserv|tomcat\w*|\$recycle\.bin|sysprep|unattend\w*|iis\w*)|^[\/\\](?:xampp|wamp\d*|inetpub|appserv|mysql[\/\\](?:bin|data))[\/\\]/),
  regexRule("trav-wrapper", "traversal", 1, 90, "Stream wrapper or file URI used for inclusion (php://, file:, phar://, expect://, zip://, data://text/plain carrying PHP)",
    /\b(?:php|phar|expect|zip|glob|compress\.(?:zlib|bzip2)|zlib|rar|ogg|ssh2(?:\.\w+)?|jar|netdoc|file):(?:\/\/|[\/\\]|[a-z]:)|\bjar:[a-z]+:|^\s*data:(?:\/\/)?(?:text\/plain|text\/x-php|application\/x-httpd-php)\s*$|\bdata:(?:\/\/)?(?:text\/plain|text\/x-php|application\/x-httpd-php)(?:;[\w=-]+)*,\s*(?:pd9|<\?)/),
  {
    rule_id: "trav-null-byte", category: "traversal", paranoia: 1, description: "Null byte (truncates file names in C-backed APIs)",
    kinds: new Set(["param", "path", "body", "header", "key"]),
    test: (v) => {
      const i = v.raw.search(/%00|\u0000|\\0(?![0-9])|\\x00/i);
      return i >= 0 ? { index: 0, length: Math.min(80, v.text.length), score: 80 } : null;
    },
  },
  regexRule("trav-rfi-trailing-query", "traversal", 1, 85, "Remote file inclusion: URL ending in '?' to cut the appended suffix",
    /^(?:https?|ftps?):\/\/[^\s]*\?+$/),
  regexRule("trav-rfi-ip-url", "traversal", 1, 70, "Remote file inclusion: URL with a raw IP address as the whole value",
    /^(?:https?|ftps?):\/\/\d{1,3}(?:\.\d{1,3}){3}(?::\d+)?\/[^\s]*\.(?:txt|php|jpg|gif|png|js|inc|sh)\b/),
  {
    rule_id: "trav-mangled-path", category: "traversal", paranoia: 1, kinds: WAF_KINDS,
    description: "System file reached through mangled separators or dot runs (..%bg%qfetc%bg%qfpasswd, /........etc/passwd, c:windowswin.ini)",
    test: (v) => {
      const t = v.text;
      if (t.length > 512 || /\s/.test(t)) return null;
      const m = MANGLED_TARGET.exec(t) ?? (TRAVERSAL_JUNK.test(t) ? MANGLED_WEAK.exec(t) : null);
      return m ? { index: m.index, length: m[0].length, score: 80 } : null;
    },
  },
  regexRule("trav-php-filter", "traversal", 1, 85, "PHP stream filter chain (convert.iconv.*, convert.base64-decode, string.rot13, zlib.inflate) used for file disclosure or filter-chain RCE",
    /\bconvert\.(?:iconv\.|base64-(?:en|de)code|quoted-printable-(?:en|de)code)|\bstring\.rot13\b|\bzlib\.(?:de|in)flate\b|\bconvert\.iconv\b/),
  regexRule("trav-encoded-dots", "traversal", 2, 70, "Encoded or overlong dot sequences (0x2e0x2e, %c0%ae, ..%5c)",
    /0x2e0x2e|0x2e\.|\.0x2e|%c0%ae|%c0%af|%c1%9c|%e0%80%ae|%252e|\u2024|\.\.0x2f|0x5c0x2e/),
  regexRule("trav-rfi-offsite-url", "traversal", 2, 55, "Full URL supplied as a parameter value (off-site include)",
    /^(?:https?|ftps?):\/\/[^\s]+$/),
];
