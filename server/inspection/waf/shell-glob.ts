/**
 * Shell evasion by globbing and quoting: "/???/??t /???/pa??wd", "/bi[n]/sh", "c''at /et\c/pa''sswd".
 * Rather than listing spellings, path-like words are turned into the regex the shell would use
 * to expand them and tested against the binaries and files attackers reach for.
 */
const TARGETS = [
  "/etc/passwd", "/etc/shadow", "/etc/group", "/etc/hosts", "/etc/issue", "/proc/self/environ",
  "/bin/sh", "/bin/bash", "/bin/cat", "/bin/nc", "/bin/ls", "/bin/id", "/bin/busybox",
  "/usr/bin/id", "/usr/bin/whoami", "/usr/bin/wget", "/usr/bin/curl", "/usr/bin/nc", "/usr/bin/python", "/usr/bin/perl",
  "/usr/bin/cat", "/usr/bin/bash", "/usr/bin/env", "/sbin/ifconfig",
];

function globToRegex(word: string): RegExp | null {
  let re = "";
  for (let i = 0; i < word.length; i++) {
    const c = word[i] ?? "";
    if (c === "?") re += "[^/]";
    else if (c === "*") re += "[^/]*";
    else if (c === "[") {
      const end = word.indexOf("]", i + 2);
      if (end < 0) return null;
      let cls = word.slice(i + 1, end).replace(/\//g, "");
      if (cls.startsWith("!")) cls = `^${cls.slice(1)}`;
      re += `[${cls.replace(/\\/g, "\\\\")}]`;
      i = end;
    } else re += c.replace(/[.+^${}()|\\]/g, "\\$&");
  }
  try {
    return new RegExp(`^${re}$`);
  } catch {
    return null;
  }
}

export function matchGlobPath(text: string): { index: number; length: number } | null {
  // Quotes and backslashes inside a word vanish in the shell: c''at, /et\c/pa""sswd.
  const words = text.split(/[\s;|&<>`()]+/);
  let offset = 0;
  for (const raw of words) {
    const index = text.indexOf(raw, offset);
    offset = index + raw.length;
    if (!raw.includes("/")) continue;
    const word = raw.replace(/''|""|\\(?=[a-z0-9])/g, "").replace(/\/+/g, "/");
    if (!/[?*[]/.test(word) && word === raw) continue;
    if (TARGETS.some((t) => word.endsWith(t) || t === word)) return { index, length: raw.length };
    const re = globToRegex(word.replace(/^.*?(?=\/)/, ""));
    if (re && TARGETS.some((t) => re.test(t))) return { index, length: raw.length };
  }
  return null;
}
