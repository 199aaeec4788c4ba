import { regexRule, WAF_KINDS, type Rule } from "../rule";
import type { ValueKind } from "../normalize/values";
import { matchGlobPath } from "./shell-glob";

/**
 * OS command and code injection. Commands that are also English words (cat, type, more, find,
 * time, ...) only count when followed by something argument-like, so "my dog; cat lovers" in a
 * comment field is not a shell pipeline but "; cat /etc/passwd" is.
 */
// Tool names that are not English words (GTFOBins-style list): after a shell separator they are
// a command. Words that are also English (cat, find, more, set, ...) need an option or a path.
export const TOOLS = "id|whoami|uname|wget|curl|nc|ncat|netcat|bash|sh|zsh|ksh|csh|tcsh|dash|ash|python[23]?|perl|ruby|irb|php|lua|node|nodejs|deno|jjs|jrunscript|ping|nslookup|dig|host|ifconfig|ipconfig|netstat|ss|telnet|tftp|powershell|pwsh|cmd|systeminfo|printenv|chmod|chown|chgrp|rm|ls|pwd|sudo|doas|pkexec|crontab|hostname|useradd|usermod|userdel|mkfifo|socat|bitsadmin|certutil|wmic|tasklist|taskkill|xterm|gcc|cc|c89|c99|g\\+\\+|killall|pkill|nohup|base64|xxd|getent|ifup|scp|ssh|sshpass|rsync|ftp|sftp|busybox|env|awk|gawk|mawk|nawk|sed|xargs|tee|touch|mkdir|rmdir|cp|mv|ln|dd|tar|zip|unzip|gzip|gunzip|bzip2|7z|openssl|nmap|masscan|hexdump|strings|grep|egrep|fgrep|ps|uptime|lsof|strace|ltrace|gdb|cpulimit|flock|taskset|ionice|stdbuf|timeout|unshare|nsenter|setarch|chroot|dmesg|journalctl|systemctl|service|mount|umount|passwd|chpasswd|visudo|vi|vim|nvim|nano|emacs|less|tail|head|nl|tac|rev|od|cut|tr|sort|uniq|wc|df|du|free|lsblk|fdisk|mkfs|iptables|nft|ufw|apt|apt-get|yum|dnf|apk|pip[3x]?|npm|npx|yarn|gem|cargo|go|make|cmake|docker|kubectl|helm|ansible(?:-\\w+)?|terraform|aws|gcloud|az|msiexec|rundll32|regsvr32|mshta|wscript|cscript|reg|schtasks|sc|net|ver|cd|chdir|dir|cls|copy|del|erase|move|ren|type|echo|eval|exec|expr|sleep|kill|cat|more|find|locate|which|whereis|who|w|last|set|time|fetch|mail|sendmail|halt|reboot|shutdown|poweroff|su|nice|ulimit|comm|diff|split|bridge|ex|ed|script|expect|watch|at|run-parts|lwp-download|lwp-request|jexec|start|netsh|sysinfo|route|arp|findstr|icacls|cacls|attrib|runas|vssadmin|wevtutil|bcdedit|nbtstat|tracert|traceroute|pathping|getmac|qwinsta|rmt|perf|bsdtar|aptitude|adduser|deluser|addgroup|cscli|regedit|bcdboot|aa-disable|aa-enforce|aa-complain|knife|chef-client|chef-run|chef-vault|chef-shell|chef-solo|chef-apply|ip|top|htop|pgrep|lastlog|finger|groups|losetup|modprobe|insmod|rmmod|lsmod|sysctl|tcpdump|tshark|wireshark|ssh-keygen|ssh-keyscan|nmcli|iwconfig|arping|whois|ldapsearch|smbclient|rpcclient|mysql|psql|sqlite3|mongo|redis-cli|java|javac|jshell|groovy|scala|kotlin|php-cgi|php-fpm|ruby|rake|bundle|composer|pear|pecl|easy_install|conda|virtualenv|pyinstaller|base32|uuencode|uudecode|zcat|bzcat|xzcat|lz4cat|zless|zmore|zgrep|bzgrep|xz|unxz|lzma|zstd|cpio|ar|shred|wipe|srm|chattr|lsattr|setfacl|getfacl|useradd|groupadd|chsh|chfn|newgrp|sg|runuser|setsid|disown|screen|tmux|byobu|script|stty|readelf|objdump|nm|ldd|ld|as|strace|valgrind|rlwrap|wall|write|mesg|logger|rsyslogd|crontab|anacron|systemd-run|launchctl|osascript|defaults|diskutil|hdiutil|csrutil|spctl|pkgutil|installer|softwareupdate|pmset|aria2c|bpftrace|busctl|certbot|dmidecode|dmsetup|e2fsck|exiftool|genisoimage|hping3|htpasswd|htdigest|ip6tables|ldconfig|lftp|lftpget|lspci|lsusb|lscpu|lshw|lsb_release|lsns|blkid|mysqldump|mysqladmin|mysqlshow|mysqlimport|pg_dump|pg_dumpall|mongodump|mongoexport|neofetch|nping|openvpn|pdflatex|pidstat|vmstat|iostat|mpstat|iftop|iotop|nethogs|rlogin|rsh|rcp|rexec|rpm|rpmquery|dpkg|dpkg-query|opkg|zypper|sudoedit|sudoreplay|svnadmin|svnserve|timedatectl|hostnamectl|localectl|loginctl|resolvectl|systemd-resolve|traceroute6|tcptraceroute|update-alternatives|virsh|mknod|mktemp|realpath|readlink|logname|hostid|capsh|setcap|getcap|bsdcat|bunzip2|csplit|csvtool|ghci|lastcomm|lwp-dump|lwp-mirror|lz4c|lzcat|unlzma|unzstd|zstdcat|unrar|mailx|msfconsole|msfvenom|sqlmap|hashcat|nikto|gobuster|dirb|ffuf|wfuzz|crackmapexec|evil-winrm|mimikatz|psexec|plink|ngrok|proxychains|tclsh|rbash|pdksh|mksh|radare2|r2|gcore|pstree|fuser|gpg|gpg2|ssh-agent|ssh-add|ssh-copy-id|start-stop-daemon|killall5|basenc|ascii85|uuidgen|nsupdate|kubeadm|kubelet|minikube|podman|crictl|nerdctl|vagrant|packer|consul|vault|nomad|etcdctl|redis-server|mongod|mysqld|postgres|sqlcmd|osql|isql|tnsping|sqlplus|agetty|aspell|ispell|bsdiff|byebug|chflags|chgpasswd|chpass|cobcrun|coproc|cupsfilter|dhclient|dosbox|env-update|facter|groupmod|gtester|ksshell|lastlogin|logsave|mosquitto|netplan|openvt|perlsh|psftp|restic|rmuser|rsync-ssl|run-mailcap|setenv|soelim|zsoelim|tcping|unexpand|vimdiff|xmodmap|zathura|mlocate|basename|iconv|nroff|troff|groff|rvim|rview|rnano|sdiff|tailf|vipw|vigr|whiptail|pushd|popd|cpan|cpanm|clang|clang\\+\\+|nasm|mailq|pftp|gzexe|bzexe|unlz4|up2date|xmore|xetex|dvips|fdfind|ptar|psed|slsh|wish|fish|jobs|arch|cron|gimp|mutt|parted|pico|genie|alpine|yelp|date|file|patch|paste|join|look|column|fold|expand|install|rename|replace|view|hash|history|source|export|unset|command|builtin|local|printf|repeat|sched|task|snap|pacman|puppet|chef|crash|cancel|dialog|highlight|links|lynx|octave|unlink|shuf|trap|logger|batch|compress|uncompress";
// Tool families named by a shared prefix or suffix: compressed-file viewers (bzless, xzgrep, lzmore),
// zip and Subversion utilities, Nagios check_* plugins, gettext msg* tools, TeX engines, distro
// package helpers (dpkg-query, rpmverify), netcat builds (nc.openbsd).
const TOOL_FAMILIES = String.raw`(?:bz|xz|lz|lzma|zstd|z)(?:cat|cmp|diff|e?grep|fgrep|less|more)|zip(?:cloak|cmp|details|grep|info|merge|note|split|tool)|svn(?:admin|authz|bench|dumpfilter|fsfs|look|mucc|rdump|serve|sync|version)|check_[a-z][a-z_]*|msg(?:attrib|cat|cmp|comm|conv|en|exec|filter|fmt|grep|init|merge|unfmt|uniq)|(?:pdf|lua|xe)(?:la)?tex|lzma(?:dec|info)|mysql(?:dumpslow|hotcopy|check|binlog|slap)|nc\.(?:openbsd|traditional)|c(?:89|99)-gcc|rpm(?:verify|db|build|keys|2cpio)|dpkg-[a-z]+|ptar(?:diff|grep)|less(?:pipe|echo|file)|(?:un)?pigz|py3?versions|fping6|ipp(?:find|tool|eveprinter)|fd(?:mount|umount)|ftp(?:stats|who)|cow(?:say|think)|netkit-ftp|chef-[a-z]+|ghci?-[\d.]+`;
const TOOL_FAMILY_NAME = new RegExp(`^(?:${TOOL_FAMILIES})$`);
// The first two letters of every family above: most words are dismissed by one Set lookup
// before the regex runs (the pre-gate asks this of every value's first word).
const FAMILY_HEADS = new Set("bz xz lz zs zc zd ze zf zg zl zm zi sv ch ms pd lu xe my nc c8 c9 rp dp pt le un pi py fp ip fd ft co ne gh".split(" ").map((h) => h.charCodeAt(0) * 128 + h.charCodeAt(1)));

function isToolFamily(word: string): boolean {
  return word.length >= 4 && FAMILY_HEADS.has(word.charCodeAt(0) * 128 + word.charCodeAt(1)) && TOOL_FAMILY_NAME.test(word);
}
const ENGLISH = new Set(["host", "less", "tail", "head", "cut", "sort", "free", "make", "go", "net", "ver", "cd", "dir", "copy", "move", "type", "echo", "sleep", "kill", "cat", "more", "find", "locate", "which", "who", "w", "last", "set", "time", "fetch", "mail", "halt", "su", "nice", "comm", "split", "bridge", "ex", "ed", "script", "expect", "watch", "at", "start", "service", "mount", "id", "rev", "route", "ss", "sc", "reg", "uniq", "touch", "ln", "dd", "od", "tr", "ping", "dig", "eval", "exec", "expr", "diff", "strings", "ip", "top", "groups", "finger", "ar", "as", "ld", "nm", "write", "wall", "screen", "defaults", "installer", "bundle", "rake", "java", "mongo", "wipe", "sg", "del", "zip", "date", "file", "patch", "paste", "join", "look", "column", "fold", "expand", "install", "rename", "replace", "view", "hash", "history", "source", "export", "unset", "command", "builtin", "local", "printf", "repeat", "sched", "task", "snap", "pacman", "puppet", "chef", "crash", "cancel", "dialog", "highlight", "links", "lynx", "octave", "unlink", "shuf", "trap", "logger", "batch", "compress", "uncompress", "consul", "vault", "packer", "nomad", "postgres", "plink", "r2", "rsh", "rcp", "rpm", "vagrant", "wish", "fish", "jobs", "arch", "cron", "gimp", "mutt", "parted", "pico", "genie", "alpine", "yelp"]);
// What may follow an English-word command for it to count: an option, a path, a drive, a
// number (sleep 10), a %VAR%, a separator, or a known sub-command (net user, reg add).
// Everyday words that are also shell commands (date, file, view, export, history, ...): after a
// separator they count only with an option or a path ("; date -f x", "& file /etc/x"), never with
// a number or at the end of the value ("R&D; task 3", "Q&A; view").
const COMMON_WORDS = new Set(["date", "file", "patch", "paste", "join", "look", "column", "fold", "expand", "install", "rename", "replace", "view", "hash", "history", "source", "export", "unset", "command", "builtin", "local", "printf", "repeat", "sched", "task", "snap", "pacman", "puppet", "chef", "crash", "cancel", "dialog", "highlight", "links", "lynx", "octave", "unlink", "shuf", "trap", "logger", "batch", "compress", "uncompress", "consul", "vault", "packer", "nomad", "postgres", "plink", "r2", "rsh", "rcp", "rpm", "vagrant", "wish", "fish", "jobs", "arch", "cron", "gimp", "mutt", "parted", "pico", "genie", "alpine", "yelp"]);
const OPTION_OR_PATH = /^\s+(?:-{1,2}[a-z]|[\/~]|\.{1,2}\/|[a-z]:[\\\/])/;
// echo/printf after a separator with a quoted argument or a single word that ends the command
// ("; echo 'x'", "&& echo vulnerable"); "; echo the chorus" is prose.
const ECHO_LIKE = new Set(["echo", "printf"]);
const ECHO_ARGS = /^\s+(?:['"]|(?!(?:it|that|this|them|back|me|you|him|her|us|again|too|so|here|there|everything|nothing)\b)[\w.:-]+\s*(?:$|[;|&>\x60)]))/;
// Commands that read files, followed by a file name with a file-type extension ("; cat flag.txt",
// "| type boot.ini"); a domain ("; more example.com") or prose is not one.
const FILE_READERS = new Set(["cat", "type", "more", "less", "head", "tail", "nl", "tac", "od", "strings", "rev", "sort", "uniq", "wc", "cut", "diff", "find", "copy", "move", "del", "source"]);
const FILE_ARG = /^\s+[\w.\/\\-]*[\w-]\.(?:txt|log|conf|cfg|ini|inc|php\d?|phtml|jsp|aspx?|sh|bash|py|pl|rb|js|json|xml|ya?ml|sql|db|sqlite|bak|old|orig|swp|key|pem|crt|csv|env|htaccess|htpasswd|bat|cmd|ps1|vbs|exe|dll|out|tmp|dat|cnf|properties)\b/;
const ENGLISH_ARGS = /^\s*(?:$|[-\/\\~$|;&<>`]|\.{1,2}\/|\d|[a-z]:|%\w+%)|^\s+(?:user|users|view|use|localgroup|share|start|stop|add|query|delete|save|export|import|config|session|accounts)\b/;
const BARE_RECON = new Set(["whoami", "ipconfig", "ifconfig", "netstat", "systeminfo", "sysinfo", "uname", "id", "hostname", "ls", "dir", "ps", "pwd", "route", "arp", "env", "printenv", "set"]);
const SEPARATOR = String.raw`(?:^|[;|&\n\r]|\$\(|\x60|\|\||&&|\{)`;
const PATH_PREFIX = String.raw`(?:[\/\\]?(?:usr[\/\\])?(?:local[\/\\])?s?bin[\/\\])?`;
// The command word must end there (not "ps-AF" in a user-agent) and be followed by something
// argument-like: end of value, an option, a path, a variable, a redirection or a short word
// that ends the command.
const NON_ENGLISH_TOOLS = TOOLS.split("|").filter((t) => !ENGLISH.has(t)).join("|");
// ... or another tool that is not an English word ("time curl x", "strace ifconfig").
const ARGUMENTS = String.raw`(?=$|[\s;|&<>\x60)'"]|\$)(?=\s*(?:$|[-\/\\|;&$'"\x60<>(){}~.\d*?+%#]|\s[\w.:\/-]*\/|\s+[a-z]:|\s+[a-z0-9._-]+\s*(?:$|[;|&\x60)\n])|\s+(?:${NON_ENGLISH_TOOLS})(?:\s|$)))`;
// '+' counts as a space after a separator: form-style payloads ("+|+dir+c:") keep it literally.
// An unset variable in front of the command ("|$u wget x") expands to nothing; interpreters and
// compilers keep a version suffix (python3.10, gcc10.1).
const VERSIONED = String.raw`(?<=(?:python|perl|ruby|php|node|gcc|g\+\+|clang|lua|pip|java))[\d.]+`;
const CHAINED_COMMAND = new RegExp(`${SEPARATOR}[\\s+]*(?:\\$[a-z_]\\w*\\s+)?${PATH_PREFIX}(${TOOLS}|${TOOL_FAMILIES})(\\.exe|${VERSIONED})?${ARGUMENTS}`, "g");
// What makes a value that *starts* with an English-word command a command line: an option with
// a value after it (ping -n 31 ...), a drive or system path (type c:\\..., cat /etc/...), a URL, or
// another tool (which python, time curl ...).
const NEXT_IS_TOOL = new RegExp(String.raw`^\s+(?:${NON_ENGLISH_TOOLS})(?:\s|$)`);
const LEADING_ENGLISH_ARGS = /^\s+(?:-{1,2}[a-z][\w-]*\s+\S|[a-z]:[\\\/]|\/(?:etc|proc|var|usr|bin|sbin|tmp|home|root|dev|sys|boot|opt)\/|[a-z]+:\/\/)/;
// Windows administration tools: names that do not occur in prose, so after a separator any
// arguments count ("; netsh firewall set opmode disable", "& reg add HKLM\...").
const WINDOWS_ADMIN = new Set(["netsh", "schtasks", "wmic", "vssadmin", "wevtutil", "bcdedit", "icacls", "cacls", "attrib", "runas", "taskkill", "tasklist", "certutil", "bitsadmin", "powershell", "pwsh", "cmd", "findstr", "nbtstat", "qwinsta", "getmac", "systeminfo", "sysinfo", "ipconfig", "tracert", "pathping", "msiexec", "rundll32", "regsvr32", "mshta", "wscript", "cscript"]);
// A tool that is not an English word, after a real shell separator (not at the start of the
// value), followed by one of the sub-commands tools are driven with: "; systemctl stop firewalld",
// "| apt-get install nmap", "&& docker run -it alpine". A search box holding "docker run
// tutorial" is not after a separator, so it is not read this way.
const SUBCOMMANDS = "install|reinstall|uninstall|remove|purge|run|exec|start|stop|restart|reload|enable|disable|mask|kill|status|get|set|unset|apply|delete|create|describe|logs|attach|cp|rm|ls|ps|pull|push|clone|fetch|checkout|build|compose|update|upgrade|add|list|show|info|config|login|logout|connect|shell|console|eval|load|dump|export|import|download|upload|sync|mount|umount|port-forward|proxy|scale|rollout|patch|edit|init|plan|destroy|deploy|serve|query";
const TOOL_SUBCOMMAND = new RegExp(`(?:[;|&\\n\\r\\x60]|\\$\\()[\\s+]*${PATH_PREFIX}(?:${NON_ENGLISH_TOOLS}|${TOOL_FAMILIES})(?:\\.exe)?\\s+(?:${SUBCOMMANDS})(?=$|[\\s;|&)\\x60])`);
const LOOSE_TOOL = new RegExp(`${SEPARATOR}[\\s+]*(?:(?:${[...WINDOWS_ADMIN].join("|")})(?:\\.exe)?\\s+[a-z\\/-]|(?:reg|net|sc)(?:\\.exe)?\\s+(?:add|query|delete|save|export|import|load|unload|copy|restore|user|localgroup|share|config|create)\\b)`, "g");
// A value that is a Windows administration command line ("reg add HKLM\... /f", "netsh advfirewall ...").
// Names that a search box might hold ("powershell tutorial") need an option after them.
const LEADING_ADMIN = new RegExp(`^\\s*(?:(?:${[...WINDOWS_ADMIN].join("|")})(?:\\.exe)?\\s+[-\\/][a-z]|(?:netsh|wmic|schtasks|vssadmin|wevtutil|bcdedit|bitsadmin|certutil|icacls)(?:\\.exe)?\\s+[a-z]|reg(?:\\.exe)?\\s+(?:add|query|delete|save|export|import|load|unload|copy|restore)\\s)`);
// "Value starts with a tool and an argument", by a Set lookup of the first word rather than a
// 400-name alternation (this shape is tested on every value by the pre-gate).
const LEADING_WORD = /^\s*(\S+)\s+[-\w\/.:~$"']/;

function leadingTool(text: string): { tool: string; length: number } | null {
  const m = LEADING_WORD.exec(text);
  return m?.[1] && isToolName(m[1]) ? { tool: m[1], length: m[0].length } : null;
}

function isToolName(word: string): boolean {
  return TOOL_SET.has(word) || (word.startsWith("ansible") && /^ansible(?:-\w+)?$/.test(word)) || isToolFamily(word);
}

function isWordOrHyphen(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 95 || c === 45 || (c >= 65 && c <= 90);
}

/** Superset of /^\s*(?:TOOLS)(?![\w-])/: the value's first word is a tool name (one scan, a Set lookup). */
export function startsWithTool(text: string): boolean {
  const n = text.length;
  let i = 0;
  while (i < n && text.charCodeAt(i) <= 32) i++;
  let j = i;
  while (j < n && isWordOrHyphen(text.charCodeAt(j))) j++;
  if (j === i || j - i > 24) return false;
  if (isToolName(text.slice(i, j))) return true;
  if (text.charCodeAt(j) !== 43) return false;
  // "g++": a tool name with '+' in it.
  let k = j;
  while (k < n && (isWordOrHyphen(text.charCodeAt(k)) || text.charCodeAt(k) === 43)) k++;
  return isToolName(text.slice(i, k));
}
const TOOL_NAME = new RegExp(`^(?:${TOOLS}|${TOOL_FAMILIES})$`);

const LEADING_SCORE = 70;
const LEADING_TOOL_LINE = /^\s*['"]?[a-z][\w+.-]*['"]?(?:\s+[a-z][\w.:=-]*){1,3}\s+(?:-{1,2}[a-z][\w-]*(?=\s|=|$)|[\w.\/-]*[\w-]\.(?:ya?ml|rb|py|sh|json|conf|cfg|ini|pl|php|js|ps1|bat|xml|toml)(?=\s|$))(?:\s+\S+){0,2}\s*$/;

type Span = { index: number; length: number; score: number };

function chainedCommand(text: string): Span | null {
  const hit = spacedCommand(text);
  if (hit) return hit;
  // The shell removes quotes, empty substitutions and unset special parameters inside a word
  // ('wh'oami, c$@at, ping$() 127.0.0.1, ;"curl" ...): look again at what the shell would run.
  const plain = dequoteShell(text);
  const found = (plain !== text ? spacedCommand(plain) : null) ?? (plain.includes("{") ? braceExpansion(plain) : null);
  return found ? { index: 0, length: Math.min(80, text.length), score: found.score } : null;
}

function spacedCommand(text: string): Span | null {
  const hit = chainedCommandIn(text);
  if (hit || !text.includes("+")) return hit;
  // Form-style payloads keep '+' for spaces ("+|+dir+c:/"); same length, so offsets still hold.
  // Only chained commands count here: "env+olvente" as a whole value is not a command line.
  const spaced = chainedCommandIn(text.replace(/\+/g, " "));
  return spaced && spaced.score !== LEADING_SCORE ? spaced : null;
}

const IN_WORD_NOISE = /(?<=[a-z0-9])(?:\\(?=[a-z])|\$[!?_$@*#0-9-]|\$\{\}|\$\(\)|``|[<>]\(\))+(?=[a-z\/\s]|$)/g;
const QUOTED_PIECE = /'([a-z]{1,12})'(?=[a-z])|(?<=[a-z])'([a-z]{1,12})'|"([a-z]{1,12})"(?=[a-z])|(?<=[a-z])"([a-z]{1,12})"/g;
const QUOTED_COMMAND = /(^|[;|&\n{,]\s*)\$?(['"])([a-z][\w.-]{0,20})\2(?=[\s,}]|$)/g;

/** What the shell would see after quote removal; unchanged text when there is nothing to remove. */
// Cheap test for anything dequoteShell would remove, so prose with apostrophes skips the replaces.
const SHELL_NOISE = /''|""|[a-z0-9]['"][a-z]{1,12}['"]|['"][a-z]{1,12}['"][a-z]|[a-z0-9](?:\\[a-z]|\$[!?_$@*#0-9{(-]|``|[<>]\(\))|(?:^|[;|&\n{,]\s*)\$?['"][a-z]/;

export function dequoteShell(text: string): string {
  if (!SHELL_NOISE.test(text)) return text;
  return text.replace(/''|""/g, "").replace(IN_WORD_NOISE, "").replace(QUOTED_PIECE, "$1$2$3$4").replace(QUOTED_COMMAND, "$1$3");
}

// Brace expansion builds a command line out of a word list: {,ifconfig,eth0}, {l,-lh}s, {,cd,/etc,}.
const BRACE = /([\w-]*)\{([^{}\s]*,[^{}\s]*)\}([\w-]*)/;

function braceExpansion(text: string): Span | null {
  const m = text.includes(",") ? BRACE.exec(text) : null;
  if (!m) return null;
  const items = (m[2] ?? "").split(",");
  const words = items.map((w) => `${m[1] ?? ""}${w}${m[3] ?? ""}`).filter((w) => w.length > 0);
  const first = words[0] ?? "";
  // A leading empty element ({,cmd,arg}) only serves to make a command: any tool counts then.
  if (items[0] === "" && m[1] === "" && TOOL_NAME.test(first)) return { index: m.index, length: m[0].length, score: 85 };
  if (words.length < 2) return null;
  const line = words.join(" ");
  return chainedCommandIn(line) ? { index: m.index, length: m[0].length, score: 85 } : null;
}

// The command-line regex tries ~400 tool names at every separator, which is most of its cost on
// prose ("back door; the bell"): first look at the word after each separator and only run it
// when one of them is a tool. A superset of CHAINED_COMMAND: same separators, same prefixes.
const WORD_AFTER_SEPARATOR = /(?:^|[;|&\n\r{\x60]|\$\()[\s+]*(?:\$[a-z_]\w*\s+)?(?:[\/\\]?(?:usr[\/\\])?(?:local[\/\\])?s?bin[\/\\])?([a-z0-9][\w+.-]*)/g;
const TOOL_SET = new Set(TOOLS.split("|").filter((t) => /^[\w.-]+$/.test(t)).concat(["python", "python2", "python3", "pip", "pip3", "pipx", "g++"]));

function isToolWord(word: string): boolean {
  const w = word.endsWith(".exe") ? word.slice(0, -4) : word;
  // The tool must be the whole word (the regex wants a space, quote, separator or end after it),
  // give or take a version suffix (python3.10, gcc10.1).
  return TOOL_SET.has(w) || /^ansible(?:-\w+)?$/.test(w) || TOOL_SET.has(w.replace(/[\d.]+$/, "")) || isToolFamily(w);
}

function hasToolAfterSeparator(text: string): boolean {
  WORD_AFTER_SEPARATOR.lastIndex = 0;
  for (const m of text.matchAll(WORD_AFTER_SEPARATOR)) if (isToolWord(m[1] ?? "")) return true;
  return false;
}

function chainedCommandIn(text: string): Span | null {
  const lead = leadingTool(text)?.tool;
  const maxLeading = lead !== undefined && !ENGLISH.has(lead) ? 160 : 60;
  const admin = LEADING_ADMIN.exec(text);
  if (admin) return { index: 0, length: admin[0].length, score: 85 };
  // A value that starts with a tool that is not a word, a few plain words, then an option or a
  // script/config file ("ansible all -m ping", "chef-run all recipe.rb", "nmap scan -sV"): a command
  // line. Prose that names a tool has no option after its words ("docker tutorial for beginners"),
  // and a sentence that starts with a command goes on after it ("kubectl get pods -n x returns nothing after ...").
  if (lead !== undefined && !ENGLISH.has(lead) && !COMMON_WORDS.has(lead) && text.length <= 120) {
    const line = LEADING_TOOL_LINE.exec(text);
    if (line) return { index: 0, length: line[0].length, score: LEADING_SCORE };
  }
  if (!/[;|&\n\r$`{]/.test(text) && text.length > Math.max(40, lead !== undefined ? maxLeading : 0)) return null;
  CHAINED_COMMAND.lastIndex = 0;
  for (const m of hasToolAfterSeparator(text) ? text.matchAll(CHAINED_COMMAND) : []) {
    const command = m[1] ?? "";
    const after = text.slice(m.index + m[0].length);
    const isLeading = m.index === 0 && !/^[\s;|&\n\r$`{]/.test(m[0]);
    // An English word as a "command" needs an option, a path or nothing after it (".exe" settles it).
    const english = ENGLISH.has(command) && m[2] === undefined;
    if (english && !ENGLISH_ARGS.test(after) && !NEXT_IS_TOOL.test(after) && !(ECHO_LIKE.has(command) && ECHO_ARGS.test(after)) && !(FILE_READERS.has(command) && FILE_ARG.test(after))) continue;
    if (english && COMMON_WORDS.has(command) && !OPTION_OR_PATH.test(after)) continue;
    if (isLeading && (text.length > maxLeading || (english && !/^\s*[;|&]/.test(after) && !LEADING_ENGLISH_ARGS.test(after) && !NEXT_IS_TOOL.test(after)))) continue;
    // A whole value that is just a tool name ("perl", "del") is a search term, not a command,
    // unless it is a recon command whose only use is running it (whoami, ifconfig, ...).
    if (isLeading && /^\s*$/.test(after) && !BARE_RECON.has(command)) continue;
    return { index: m.index, length: m[0].length, score: isLeading ? LEADING_SCORE : 90 };
  }
  const sub = hasToolAfterSeparator(text) ? TOOL_SUBCOMMAND.exec(text) : null;
  if (sub) return { index: sub.index, length: sub[0].length, score: 85 };
  // Windows administration tools do not occur in prose: after a separator any arguments count.
  LOOSE_TOOL.lastIndex = 0;
  const loose = /[;|&\n\r$`{]/.test(text) ? LOOSE_TOOL.exec(text) : null;
  if (loose && /^[\s;|&\n\r$`{+]/.test(loose[0])) return { index: loose.index, length: loose[0].length, score: 85 };
  return null;
}

// Headers carry product tokens ("curl/8.4.0", "Wget/1.21", "Ruby", "python-requests/2.31"), never
// a command line: a header value that starts with a tool and arguments is one.
const HEADER_KINDS: ReadonlySet<ValueKind> = new Set(["header"]);
// Bare names that count: recon/administration commands nobody names a client or a cookie value
// after, and hyphenated tool names (chef-shell, ansible-console; not Ansible's own client,
// ansible-httpget). Two-letter tools (nl, az) are language and region codes in cookies.
const BARE_HEADER_COMMANDS = new Set([...BARE_RECON, "visudo", "passwd", "shutdown", "reboot", "poweroff", "crontab", "sudoedit", "useradd", "userdel", "usermod", "adduser", "lastlog", "lastlogin", "dmesg", "lsmod", "lspci", "lsusb", "lscpu", "lshw", "dmidecode", "uptime", "getent", "tasklist", "netsh", "wmic"]);
const HEADER_COMMAND = /^\s*(?:(['"])([a-z][\w+.-]*)\1|([a-z][\w+.-]*))(?=$|\s)(\s+[^\s(;])?/;

function headerCommand(text: string): Span | null {
  const m = text.length > 200 ? null : HEADER_COMMAND.exec(text);
  const tool = m?.[2] ?? m?.[3];
  if (!m || tool === undefined || !isToolName(tool) || ENGLISH.has(tool)) return null;
  if (m[4] === undefined && (tool.length < 3 || !BARE_HEADER_COMMANDS.has(tool)) && !(tool.includes("-") && tool !== "ansible-httpget")) return null;
  return { index: 0, length: m[0].length, score: 65 };
}

export const RCE_RULES: Rule[] = [
  {
    rule_id: "rce-chained-command", category: "rce", paranoia: 1, kinds: WAF_KINDS,
    description: "Shell separator (; | & newline $( `) followed by a command",
    test: (v) => chainedCommand(v.text),
  },
  regexRule("rce-windows-batch", "rce", 1, 85, "Windows batch control flow (FOR %a IN (...) DO, IF EXIST/ERRORLEVEL/DEFINED)",
    /(?:^|[&|;\n]\s*)for\s+(?:\/[dlrf]\s+(?:[a-z]:\S*\s+)?)*(?:"[^"]*"\s+)?%%?~?[\w\/\[~]*\s+in\s*\([^)]*\)\s*do\b|(?:^|[&|;\n]\s*)for\s+(?:\/[dlrf]\s+)*(?:"[^"]*"\s+)?%%?~?[\w\/\[~]\s+in\s*\(|(?:^|[&|;\n]\s*)if\s+(?:\/i\s+)?(?:not\s+)?(?:exist|defined|errorlevel|cmdextversion)\b|(?:^|[&|;\n]\s*)if\s+(?:\/i\s+)?(?:not\s+)?\S+\s*(?:==|\s(?:equ|neq|lss|leq|gtr|geq)\s)/),
  regexRule("rce-powershell", "rce", 1, 85, "PowerShell download/execute cmdlets and aliases (iwr, iex, Invoke-WebRequest, DownloadString)",
    /(?:^|[\s;|&(])(?:invoke-webrequest|invoke-expression|invoke-restmethod|invoke-command|start-process|start-bitstransfer|set-executionpolicy|new-object\s+(?:system\.)?net\.webclient|iwr|iex|irm)\b(?=\s|$|\()|\.downloadstring\s*\(|\.downloadfile\s*\(/),
  {
    rule_id: "rce-glob-path", category: "rce", paranoia: 1, kinds: WAF_KINDS,
    description: "Shell glob or quote tricks that expand to a sensitive path or binary (/???/pa?swd, /bi[n]/sh, c''at)",
    test: (v) => {
      if (!/[?*\[\]'"\\]/.test(v.text) || !v.text.includes("/")) return null;
      const m = matchGlobPath(v.text);
      return m ? { index: m.index, length: m.length, score: 85 } : null;
    },
  },
  regexRule("rce-binary-path", "rce", 1, 85, "Absolute path to a shell binary (/bin/sh, /usr/bin/id, c:\\windows\\system32\\cmd.exe)",
    /(?:^|[^\w.])[\/\\](?:usr[\/\\])?(?:local[\/\\])?s?bin[\/\\][a-z][\w.-]*|system32[\/\\](?:cmd|powershell|wscript|cscript)(?:\.exe)?\b/),
  regexRule("rce-ifs-and-expansion", "rce", 1, 90, "Shell expansion tricks (${IFS}, $IFS$9, $(...), brace expansion {cat,/etc/passwd})",
    /\$\{?ifs\b|\$\([^)]{1,80}\)|[<>]\([^)]{1,80}\)|\$\[[^\]]{0,40}\]|\$\{[a-z_]+(?:[#%\/^,]|:[-=+?])[^}]*\}|\{[a-z]{2,10},[^}\s]*\/[^}\s]*\}|\$\{[a-z_]*:?[0-9]+:[0-9]+\}|\$\{?(?:path|home|shell|user|pwd)\b\}?[:\/]|^\s*~[+-]\d*\s*$/),
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
    /child_process|_\$\$nd_func\$\$_|\bmodule\s*\.\s*exports\s*=|process\s*\.\s*(?:mainmodule|binding|dlopen)|\brequire\s*\(\s*['"\x60](?:child_process|fs|net|vm)['"\x60]|\.constructor\s*\(\s*['"\x60]return|\bnew\s+function\s*\(|\bglobal\s*\.\s*process|\bvm\s*\.\s*runin|\bexec(?:file)?sync\s*\(|\bspawnsync\s*\(|\bfs\s*\.\s*(?:read|write|append|unlink|readdir|rm|open|createreadstream|createwritestream)\w*\s*\(|\bprocess\s*\.\s*(?:kill|exit|chdir|setuid|setgid|dlopen|mainmodule|binding)\b|\bthis\s*\.\s*constructor\s*\.\s*constructor\b|\bimport\s*\(\s*['"\x60](?:child_process|fs|net|vm|os)['"\x60]/),
  regexRule("rce-java-class", "rce", 1, 75, "Java class names used in deserialization and OGNL/EL gadgets (java.io.*, com.opensymphony.xwork2, org.apache.commons.collections)",
    /\b(?:java\.(?:lang|io|util|net|beans|rmi|security|nio)\.[a-z]\w*|javax\.(?:script|naming|management)\.\w+|com\.opensymphony\.xwork2|org\.apache\.(?:struts2?|commons\.collections|xalan|xbean|naming)|sun\.misc\.\w+|com\.sun\.(?:rowset|jndi|org)|org\.springframework\.(?:context|beans|expression)|bsh\.interpreter|groovy\.lang|org\.codehaus\.groovy|clojure\.lang|org\.omg\.\w+|org\.apache\.commons\b|java\.runtime|(?:processbuilder|runtime)\.\w*(?:transformer|closure|factory)|invokertransformer|instantiatetransformer|instantiatefactory|clonetransformer|chainedtransformer|constanttransformer|prototypeclonefactory|prototypeserializationfactory|whileclosure|forclosure|templatesimpl|annotationinvocationhandler|badattributevalueexpexception)\b/),
  regexRule("rce-java-code", "rce", 1, 90, "Java runtime, reflection or deserialization gadgets",
    /java\.lang\.(?:runtime|processbuilder|reflect|class|system|thread)|runtime\s*\.\s*getruntime|\bprocessbuilder\b|\.getmethod\s*\(|\.invoke\s*\(|\.forname\s*\(|javax\.script|org\.apache\.commons\.collections|com\.sun\.org\.apache|java\.io\.objectinputstream|ysoserial|\bro0ab|\baced0005|\bh4sia[a-z0-9+\/]{4,}/),
  regexRule("rce-ruby-perl-code", "rce", 1, 85, "Ruby or Perl command execution",
    /\bkernel\s*\.\s*(?:exec|system|spawn|open|\x60)|\bio\s*\.\s*popen|%x\s*[({\[]|@\{\s*\[\s*(?:system|exec|qx)|\bqx\s*[({\/]|\bopen3\b|\bsyscall\b|@\{\s*\[[^\]]*\]\s*\}/),
  {
    rule_id: "rce-leading-command", category: "rce", paranoia: 2, kinds: WAF_KINDS,
    description: "Value starts with a shell tool and arguments (curl -O ..., ansible-playbook x.yml, pipx install y)",
    test: (v) => {
      const m = v.text.length > 200 ? null : leadingTool(v.text);
      if (!m) return null;
      if (ENGLISH.has(m.tool) && !/^\s*\S+\s+(?:-|\/|~|\$)/.test(v.text)) return null;
      return { index: 0, length: m.length, score: 65 };
    },
  },
  regexRule("rce-shellshock", "rce", 1, 95, "Shellshock function definition prefix (() { :; };), or a value that starts with one",
    /\(\)\s*\{\s*:?\s*;?\s*\}\s*;|^\s*\(\s*\)\s*\{/),
  regexRule("rce-shell-alias", "rce", 1, 75, "Shell alias definition (alias a=c${x}url, alias -g x=...)",
    /(?:^|[;&|\n]\s*)alias\s+(?:[-+][\w+-]*\s+)*[^\s=]+=/),
  regexRule("rce-windows-env", "rce", 1, 80, "Windows environment variables pointing at system locations (%SYSTEMROOT%, %WINDIR%, %COMSPEC%)",
    /%(?:systemroot|windir|comspec|userprofile|appdata|localappdata|programfiles|programdata|homepath|homedrive|computername|public|allusersprofile)%/),
  regexRule("rce-node-dos", "rce", 1, 75, "Infinite loop payload for eval-ing endpoints (while(!0);, for(;;))",
    /\bwhile\s*\(\s*(?:true|1|!+\s*-?\d|!+\s*(?:""|''|``|\[\]|\{\}))\s*\)|\bfor\s*\(\s*;\s*;\s*\)|\bwhile\s*\([^()]{1,30}\)\s*(?:;|\{\s*\})|^\s*while\s*\([^()]{1,30}\)\s*;?\s*$/),
  regexRule("rce-node-probe", "rce", 1, 80, "Node.js probes: require through an index, constructor:constructor, console calls (console.info(1), console[\"log\"](1)), process.env as the whole value",
    /^\s*process\s*(?:\.\s*env|\[\s*['"\x60]env['"\x60]\s*\])[\w.[\]'"\x60]*\s*$|\brequire\s*\[|\$\d+:constructor:constructor|\bconsole\s*(?:\.\s*(?:log|info|warn|error|debug|trace|dir|table)|\[\s*['"`]\w+['"`]\s*\])\s*\(/),
  regexRule("rce-node-runtime", "rce", 2, 60, "Node.js environment access in a parameter (process.env)", /\bprocess\s*\.\s*env\b/),
  {
    rule_id: "rce-variable-command", category: "rce", paranoia: 2, kinds: WAF_KINDS,
    description: "Shell variables assigned and then run as the command (a=/etc&&c=cat&&$c $a, x=nc;$x -l)",
    test: (v) => {
      if (!v.text.includes("$") || !/(?:^|[;&|\n\s])[a-z_]\w*=[^;&|\n]*[;&|\n]/.test(v.text)) return null;
      const m = /(?:^|[;&|\n])\s*\$\{?[a-z_]\w*\}?(?=\s|$|[;&|$])/.exec(v.text);
      return m ? { index: m.index, length: m[0].length, score: 70 } : null;
    },
  },
  regexRule("rce-shell-function", "rce", 2, 70, "Shell function that runs itself through a pipe or in the background (fork bomb :(){ :|:& };:)",
    /([\w:.-]+)\s*\(\s*\)\s*\{[^}]*?\1[^}]*?[|&][^}]*\}/),
  regexRule("rce-mail-protocol", "rce", 2, 65, "SMTP/IMAP/POP3 command after a line break (mail header/command injection)",
    /[\r\n]\s*(?:(?:ehlo|helo)\s+\S|mail\s+from\s*:|rcpt\s+to\s*:|(?:data|quit|rset|noop|starttls|stat|capa)\s*$|auth\s+(?:plain|login|cram-md5|xoauth2|\w+\s+[a-z0-9+\/=]{8,})|vrfy\s|expn\s|(?:retr|dele|list|top)\s+\d+|user\s+\S+\s*$|pass\s+\S|[a-z]?\d{1,4}\s+(?:append|authenticate|capability|login|select|examine|create|delete|rename|subscribe|status|fetch|store|uid|search|copy|expunge|logout|noop|lsub)\b)/),
  {
    rule_id: "rce-header-command", category: "rce", paranoia: 2, kinds: HEADER_KINDS,
    description: "Header or cookie value that is a shell command line (User-Agent: visudo, 'cscli' alerts list); client product tokens (curl/8.0, Ruby) are not",
    test: (v) => headerCommand(v.text),
  },
  regexRule("rce-history-expansion", "rce", 1, 70, "Shell history expansion by offset as a command (!-1, !-2!-1)",
    /(?:^|[\s;&|!(])!-\d{1,3}(?=$|[\s;&|!:)])/),
  regexRule("rce-sqlite-dot-command", "rce", 2, 70, "SQLite shell dot-command after a separator (;.shell id, ;\\n.databases)",
    /(?:[;\n\r]|\\n)\s*\.\s*["'\\]*(?:shell|system|databases|tables|dump|import|output|once|read|load|open|save|backup|restore|clone|excel|schema|dbinfo|cd)\b/),
  regexRule("rce-unix-command-anywhere", "rce", 3, 50, "Common command with arguments anywhere in the value",
    /\b(?:cat|head|tail|more|less|nl|tac|ls|cp|mv|rm|chmod|find|grep|awk|sed|ping|curl|wget|nc)\s+-{0,2}[\w\/.~]+/),
];
