import type { Hit, Rule } from "../rule";
import type { InspectedValue, ValueKind } from "../normalize/values";

/**
 * Destructive or evidence-destroying operations an agent (or an API client) asks to run.
 * SQL rules split the text into statements so "DELETE FROM t; SELECT ... WHERE ..." is still a
 * DELETE without WHERE.
 */
const ACTION_KINDS: ReadonlySet<ValueKind> = new Set(["param", "body", "llm", "key"]);

function statementsOf(text: string): string[] {
  return text.split(";").map((s) => s.trim()).filter((s) => s.length > 0);
}

function actionRule(rule_id: string, paranoia: 1 | 2 | 3, score: number, description: string, pattern: RegExp): Rule {
  return {
    rule_id, category: "dangerous_action", paranoia, description, kinds: ACTION_KINDS,
    test: (v: InspectedValue): Hit | null => {
      const m = pattern.exec(v.text);
      return m ? { index: m.index, length: m[0].length, score } : null;
    },
  };
}

function statementRule(rule_id: string, score: number, description: string, accept: (stmt: string) => boolean): Rule {
  return {
    rule_id, category: "dangerous_action", paranoia: 1, description, kinds: ACTION_KINDS,
    test: (v) => {
      if (!/\b(?:delete|update)\b/.test(v.text)) return null;
      for (const stmt of statementsOf(v.text.replace(/--[^\n]*|\/\*[\s\S]*?\*\//g, " "))) {
        if (accept(stmt)) return { index: Math.max(0, v.text.indexOf(stmt.slice(0, 20))), length: stmt.length, score };
      }
      return null;
    },
  };
}

const TAUTOLOGY_WHERE = /\bwhere\s+(?:1\s*=\s*1|true|'1'\s*=\s*'1'|1|not\s+false|\w+\s*=\s*\w+\s*or\s+1\s*=\s*1)\s*$/;
const PROD_NAMESPACE = /(?:-n|--namespace)(?:=|\s+)["']?(?:prod\w*|production|prd|live|kube-system|default)\b|--all-namespaces\b|\s-a\b|\bnamespaces?\s+(?:prod\w*|production|prd|live|kube-system)\b/;

/** Rules about what code does; they only read fields that carry code (see index.ts). */
export const ACTION_RULES: Rule[] = [
  actionRule("act-sql-drop", 1, 95, "DROP TABLE / DATABASE / SCHEMA",
    // The name must end the statement (or a list/CASCADE follows): "drop table tennis practice" is prose.
    /\bdrop\s+(?:temporary\s+)?(?:table|database|schema|view|index|user|role|function|procedure|trigger|collection|keyspace)\b(?:\s+if\s+exists)?\s+[\w."`\[\]]+\s*(?:;|$|,|\bcascade\b|\brestrict\b|--)/),
  actionRule("act-sql-truncate", 1, 90, "TRUNCATE TABLE", /\btruncate\s+(?:table\s+)?[\w."`\[\]]+\s*(?:;|$|,|\b(?:restart|continue|cascade|restrict)\b)/),
  statementRule("act-sql-delete-without-where", 90, "DELETE without WHERE (or with an always-true WHERE)",
    (s) => /^(?:with\b[\s\S]*?\)\s*)?delete\s+(?:from\s+)?[\w."`\[\]]+/.test(s) && (!/\bwhere\b/.test(s) || TAUTOLOGY_WHERE.test(s))),
  statementRule("act-sql-update-without-where", 85, "UPDATE ... SET without WHERE (or with an always-true WHERE)",
    (s) => /^update\s+[\w."`\[\]]+\s+set\b/.test(s) && (!/\bwhere\b/.test(s) || TAUTOLOGY_WHERE.test(s))),
  actionRule("act-nosql-mass-delete", 1, 90, "Delete-everything calls in document and key-value stores (deleteMany({}), dropDatabase(), FLUSHALL)",
    /\.(?:deletemany|remove|delete_many)\s*\(\s*\{\s*\}\s*\)|\bdb\.dropdatabase\s*\(|\.drop\s*\(\s*\)|\bflushall\b|\bflushdb\b|\bdropdb\s+\w/),
  actionRule("act-sql-alter-destructive", 2, 70, "ALTER TABLE ... DROP COLUMN / privilege grants to everyone",
    /\balter\s+table\s+\S+\s+drop\b|\bgrant\s+all\b[^;]*\bto\b/),
  actionRule("act-shell-recursive-delete", 1, 95, "rm -rf and other recursive or disk-level deletion",
    /\brm\s+(?:-[a-z]*r[a-z]*\s+-?[a-z]*f|-[a-z]*f[a-z]*\s+-?[a-z]*r|-[a-z]*(?:rf|fr)[a-z]*|--recursive\s+--force|--force\s+--recursive|-r\s+--force|-f\s+--recursive)\b|\brm\s+-[a-z]*r[a-z]*\s+(?:\/|~|\*|\.\s*$|\$home)|\bfind\s+\S+.*\s-delete\b|\bmkfs(?:\.\w+)?\s|\bdd\s+[^\n]*of=\/dev\/(?:sd|nvme|hd|xvd|disk)|\bshred\s+|\bwipefs\b|:\(\)\s*\{\s*:\s*\|\s*:\s*&\s*\}\s*;\s*:|>\s*\/dev\/sd[a-z]|\bchmod\s+-r\s+[0-7]*7{2,}\s+\/|\b(?:del|erase)\s+\/[sfq](?:\s+\/[sfq])*\b|\brd\s+\/s\b|\brmdir\s+\/s\b|\bformat\s+[a-z]:|\bremove-item\b[^\n]*-recurse[^\n]*-force|\bremove-item\b[^\n]*-force[^\n]*-recurse/),
  actionRule("act-kubectl-delete-production", 1, 90, "kubectl delete in a production or system namespace (or all namespaces)",
    new RegExp(String.raw`\bkubectl\b[^\n|;&]*(?:${PROD_NAMESPACE.source})[^\n|;&]*\sdelete\b|\bkubectl\s+(?:[^\n|;&]*\s)?delete\b[^\n|;&]*(?:${PROD_NAMESPACE.source})|\bkubectl\s+delete\s+(?:ns|namespace)s?\s+(?:prod\w*|production|prd|live|kube-system|default)\b|\bhelm\s+(?:uninstall|delete)\b[^\n|;&]*(?:-n|--namespace)(?:=|\s+)(?:prod\w*|production|prd|live)\b`)),
  actionRule("act-kubectl-delete", 2, 60, "kubectl delete (any namespace)", /\bkubectl\s+(?:[^\n|;&]*\s)?delete\b/),
  actionRule("act-infra-destroy", 1, 90, "terraform/tofu/pulumi/cdk destroy and cloud resource teardown",
    /\b(?:terraform|tofu|terragrunt)\s+(?:[^\n|;&]*\s)?(?:destroy\b|apply\s+[^\n]*-destroy\b)|\b(?:pulumi|cdk|sls|serverless)\s+(?:[^\n|;&]*\s)?(?:destroy|remove)\b|\baws\s+cloudformation\s+delete-stack\b|\baws\s+s3\s+(?:rm\s+[^\n]*--recursive|rb\s+[^\n]*--force)|\baws\s+ec2\s+terminate-instances\b|\baws\s+rds\s+delete-db-(?:instance|cluster)\b|\bgcloud\s+[^\n]*\bdelete\b[^\n]*--quiet|\bgcloud\s+projects\s+delete\b|\baz\s+group\s+delete\b|\bgsutil\s+(?:-m\s+)?rm\s+-r\b|\bgit\s+push\s+[^\n]*(?:--force\b|-f\b)[^\n]*\b(?:main|master|prod\w*|release)\b/),
  actionRule("act-disable-audit-logging", 1, 90, "Disabling audit logging or erasing evidence (CloudTrail, auditd, event logs, shell history)",
    /\baws\s+cloudtrail\s+(?:stop-logging|delete-trail|update-trail\s+[^\n]*--no-)|\bgcloud\s+logging\s+(?:sinks|buckets)\s+delete\b|\baz\s+monitor\s+diagnostic-settings\s+delete\b|\bauditctl\s+(?:-d\b|-e\s*0\b)|\b(?:systemctl|service)\s+(?:stop|disable|mask)\s+(?:auditd|rsyslog|syslog|journald|systemd-journald|falco|osqueryd|wazuh\S*|splunk\S*|datadog-agent|crowdstrike\S*|falcon-sensor)\b|\bauditd\s+stop\b|\bsetenforce\s+0\b|\bhistory\s+-c\b|\bunset\s+histfile\b|\bexport\s+histfile=\/dev\/null|\bclear-eventlog\b|\bwevtutil\s+(?:cl|clear-log)\b|\bjournalctl\s+[^\n]*--vacuum|\brm\s+[^\n]*\/var\/log\/|\b(?:disable|stop|delete|turn_off|pause)[_ -]?(?:audit|logging|audit_log|audit_logs|trail|cloudtrail|log_export|siem)\b|\baudit[_ -]?log(?:ging)?\b[^\n]{0,20}\b(?:disable|off|false|stop)\b/),
];

/** Rules about what a message says; they read every parameter of an agent action. */
export const MESSAGE_RULES: Rule[] = [
  actionRule("act-mass-messaging", 1, 80, "Message to everyone (@everyone/@channel, all users, broadcast to all)",
    /@(?:everyone|channel|here)\b|\b(?:send|message|email|notify|broadcast|dm|text|sms)\w*\b(?:\s+[\w']+){0,3}?\s+(?:to\s+)?(?:all|every|each)\s+(?:of\s+(?:our|the|my)\s+)?(?:users?|customers?|contacts?|members?|employees?|subscribers?|recipients?)\b|["']?(?:to|recipients?|audience|segment)["']?\s*[:=]\s*["']?(?:all|everyone|\*|all[_-]users|all[_-]customers|all[_-]contacts)["']?(?:[,}\s]|$)/),
];
