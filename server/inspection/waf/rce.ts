import { regexRule, type Rule } from "../rule";

/**
 * OS command and code injection. Commands that are also English words (cat, type, more, find,
 * time, ...) only count when followed by something argument-like, so "my dog; cat lovers" in a
 * comment field is not a shell pipeline but "; cat /etc/passwd" is.
 */
const UNAMBIGUOUS = "id|whoami|uname|wget|curl|nc|ncat|netcat|bash|sh|zsh|ksh|csh|dash|python[23]?|perl|ruby|php|lua|ping|nslookup|dig|ifconfig|ipconfig|netstat|telnet|tftp|powershell|pwsh|cmd|systeminfo|printenv|chmod|chown|chgrp|rm|ls|pwd|sudo|crontab|hostname|useradd|usermod|mkfifo|socat|bitsadmin|certutil|wmic|tasklist|taskkill|xterm|gcc|killall|nohup|base64|xxd|uname|getent|groups|ifup|scp|ssh|rsync|ftp|sleep|timeout|busybox|env|awk|gawk|sed|tee|touch|mkdir|cp|mv|ln|dir|net|reg|schtasks|sc|nmap|echo|eval|exec|expr|cut|tr|od|hexdump|strings|head|tail|tac|nl|less|more|grep|egrep|find|locate|which|whereis|ps|kill|who|last|w|cat|type|ver|set|time|fetch|mail|sendmail|lwp-download|lwp-request|jexec|halt|reboot|shutdown|poweroff|passwd|su|nice|ulimit|chroot|mount|umount|dd|tar|zip|unzip|gzip|openssl|node|java|javac|msiexec|rundll32|regsvr32|mshta|wscript|cscript|start";
const SEPARATOR = String.raw`(?:^|[;|&\n\r]|\$\(|\x60|\|\||&&|\{)`;
const PATH_PREFIX = String.raw`(?:[\/\\](?:usr[\/\\])?(?:local[\/\\])?s?bin[\/\\])?`;
const ARGUMENTS = String.raw`(?=\s*(?:$|[-\/\\|;&$'"\x60<>(){}~.\d*?]|\s[\w.\/-]*\/|\s*\+|\s+[a-z0-9._-]+\s*(?:$|[;|&\x60)])))`;

const CHAINED_COMMAND = new RegExp(`${SEPARATOR}\\s*${PATH_PREFIX}(?:${UNAMBIGUOUS})(?:\\.exe)?${ARGUMENTS}`);

export const RCE_RULES: Rule[] = [
  {
    ...regexRule("rce-chained-command", "rce", 1, 90, "Shell separator (; | & newline $( `) followed by a command", CHAINED_COMMAND),
    test: (v) => {
      if (!/[;|&\n\r$`{]/.test(v.text)) return null;
      const m = CHAINED_COMMAND.exec(v.text);
      if (!m) return null;
      // A leading command with no separator is only a signal when the whole value is short.
      if (m.index === 0 && !/^[\s;|&\n\r$`{]/.test(m[0]) && v.text.length > 60) return null;
      return { index: m.index, length: m[0].length, score: m.index === 0 && !/^[;|&\n$`{]/.test(m[0]) ? 70 : 90 };
    },
  },
  regexRule("rce-binary-path", "rce", 1, 85, "Absolute path to a shell binary (/bin/sh, /usr/bin/id, c:\\windows\\system32\\cmd.exe)",
    /(?:^|[^\w.])[\/\\](?:usr[\/\\])?(?:local[\/\\])?s?bin[\/\\][a-z][\w.-]*|system32[\/\\](?:cmd|powershell|wscript|cscript)(?:\.exe)?\b/),
  regexRule("rce-ifs-and-expansion", "rce", 1, 90, "Shell expansion tricks (${IFS}, $IFS$9, $(...), brace expansion {cat,/etc/passwd})",
    /\$\{?ifs\b|\$\([^)]{1,80}\)|\{[a-z]{2,10},[^}\s]*\/[^}\s]*\}|\$\{[a-z_]*:?[0-9]+:[0-9]+\}|\$\{?(?:path|home|shell|user|pwd)\b\}?[:\/]/),
  regexRule("rce-backtick", "rce", 1, 85, "Backtick command substitution", /\x60\s*[a-z\/.][^\x60]{0,80}\x60/),
  regexRule("rce-reverse-shell", "rce", 1, 95, "Reverse shell or download-and-execute idiom",
    /\/dev\/(?:tcp|udp)\/|\bnc(?:at)?\s+(?:-[a-z]*e|-[a-z]*l)|\bbash\s+-i\b|\bmkfifo\b|\bsocat\b[^\n]*exec|(?:curl|wget)\s[^|;\n]*\|\s*(?:ba|z)?sh\b|powershell[^\n]*(?:-enc|iex|downloadstring|invoke-expression)/),
  regexRule("rce-windows-command", "rce", 1, 85, "Windows command interpreters and LOLBins",
    /\bcmd(?:\.exe)?\s*\/[ck]\b|\bpowershell(?:\.exe)?\s+-|\b(?:wscript|cscript|mshta|rundll32|regsvr32|certutil|bitsadmin)(?:\.exe)?\s+[-\/]|\bnet\s+(?:user|localgroup)\b/),
  regexRule("rce-ssi", "rce", 1, 90, "Server-side include directive", /<!--\s*#\s*(?:exec|include|echo|config|printenv|fsize|flastmod)\b/),
  regexRule("rce-php-code", "rce", 1, 85, "PHP code execution functions or tags",
    /<\?(?:php|=)|\b(?:shell_exec|passthru|proc_open|pcntl_exec|popen|system|exec|assert|create_function|call_user_func(?:_array)?|phpinfo|preg_replace|base64_decode|str_rot13|gzinflate|file_get_contents|file_put_contents|fsockopen|show_source|highlight_file|move_uploaded_file|ini_set|putenv|include_once|require_once)\s*\(\s*(?:["'$\x60\/]|[a-z_]+\s*\(|\))/),
  regexRule("rce-python-code", "rce", 1, 90, "Python code execution primitives",
    /__import__\s*\(|\bos\s*\.\s*(?:system|popen|exec\w*|spawn\w*)\s*\(|\bsubprocess\s*\.\s*(?:run|call|popen|check_output|check_call)\s*\(|\bpty\s*\.\s*spawn|__builtins__|\bcompile\s*\([^)]*['"](?:exec|single|eval)['"]/),
  regexRule("rce-node-code", "rce", 1, 90, "Node.js code execution primitives",
    /child_process|process\s*\.\s*(?:mainmodule|binding|dlopen)|\brequire\s*\(\s*['"\x60](?:child_process|fs|net|vm)['"\x60]|\.constructor\s*\(\s*['"\x60]return|\bnew\s+function\s*\(|\bglobal\s*\.\s*process|\bvm\s*\.\s*runin/),
  regexRule("rce-java-code", "rce", 1, 90, "Java runtime, reflection or deserialization gadgets",
    /java\.lang\.(?:runtime|processbuilder|reflect|class|system|thread)|runtime\s*\.\s*getruntime|\bprocessbuilder\b|\.getmethod\s*\(|\.invoke\s*\(|\.forname\s*\(|javax\.script|org\.apache\.commons\.collections|com\.sun\.org\.apache|java\.io\.objectinputstream|ysoserial|\bro0ab|\baced0005|\bh4sia[a-z0-9+\/]{4,}/),
  regexRule("rce-ruby-perl-code", "rce", 1, 85, "Ruby or Perl command execution",
    /\bkernel\s*\.\s*(?:exec|system|spawn|open|\x60)|\bio\s*\.\s*popen|%x\s*[({\[]|@\{\s*\[\s*(?:system|exec|qx)|\bqx\s*[({\/]|\bopen3\b|\bsyscall\b/),
  regexRule("rce-leading-command", "rce", 2, 65, "Value starts with a download, interpreter or package-install command",
    /^\s*(?:curl|wget|bash|sh|zsh|python[23]?|perl|ruby|php|node|nc|ncat|powershell|cmd|pip[x3]?|npm|npx|gem|apt(?:-get)?|yum|apk|brew|chmod|chown|rm|sudo|su|ssh|scp|telnet|ftp|tftp)\s+[-\w\/.:]/),
  regexRule("rce-unix-command-anywhere", "rce", 3, 50, "Common command with arguments anywhere in the value",
    /\b(?:cat|head|tail|more|less|nl|tac|ls|cp|mv|rm|chmod|find|grep|awk|sed|ping|curl|wget|nc)\s+-{0,2}[\w\/.~]+/),
];
