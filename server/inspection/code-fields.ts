/**
 * Which values carry code by contract (an agent's SQL tool, a CI runner's script): the field's
 * name says so, or the value starts like SQL or a CLI. Dangerous-action rules read only these.
 */
const CODE_NAMES = new Set(["sql", "query", "statement", "stmt", "command", "cmd", "script", "shell", "code", "commands", "args", "argv", "cli"]);
export const CODE_FIELD = /(?:^|[._])(?:sql|query|statement|stmt|command|cmd|script|shell|code|commands|args|argv|cli)(?:\[\d+\])?$/;
export const CODE_START = /^\s*(?:select|insert|update|delete|drop|truncate|alter|create|grant|with|rm|kubectl|helm|terraform|tofu|pulumi|aws|gcloud|az|gsutil|sudo|systemctl|service|auditctl|find|dd|mkfs|git|bash|sh)\b/;

/**
 * Same answer as CODE_FIELD.test(location) without scanning the whole path: the name has no
 * '.', '_' or '[', so it is exactly the last segment once one trailing "[n]" is dropped.
 */
export function isCodeFieldLocation(location: string): boolean {
  let end = location.length;
  if (location.charCodeAt(end - 1) === 93 /* ] */) {
    const open = location.lastIndexOf("[");
    if (open < 0 || open + 2 > end - 1) return false;
    for (let k = open + 1; k < end - 1; k++) {
      const c = location.charCodeAt(k);
      if (c < 48 || c > 57) return false;
    }
    end = open;
  }
  const start = Math.max(location.lastIndexOf(".", end - 1), location.lastIndexOf("_", end - 1)) + 1;
  return end - start >= 2 && end - start <= 8 && CODE_NAMES.has(location.slice(start, end));
}
