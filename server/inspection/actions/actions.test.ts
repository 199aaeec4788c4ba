import { describe, expect, it } from "vitest";
import { action, categories, ids, inJson } from "../test-helpers";

const dangerous = (a: Parameters<typeof action>[0]): boolean => categories(action(a)).includes("dangerous_action");

describe("dangerous agent actions", () => {
  it.each([
    [{ tool: "postgres", action: "query", params: { sql: "DROP TABLE customers" } }, "act-sql-drop"],
    [{ tool: "postgres", action: "query", params: { sql: "TRUNCATE orders" } }, "act-sql-truncate"],
    [{ tool: "postgres", action: "query", params: { sql: "DELETE FROM users" } }, "act-sql-delete-without-where"],
    [{ tool: "postgres", action: "query", params: { sql: "update accounts set balance = 0 where 1=1" } }, "act-sql-update-without-where"],
    [{ tool: "shell", action: "exec", params: { command: "rm -rf /var/lib/postgresql" } }, "act-shell-recursive-delete"],
    [{ tool: "shell", action: "exec", params: { command: "kubectl delete deploy api -n production" } }, "act-kubectl-delete-production"],
    [{ tool: "terraform", action: "destroy", params: {} }, "act-infra-destroy"],
    [{ tool: "shell", action: "exec", params: { command: "aws cloudtrail stop-logging --name main" } }, "act-disable-audit-logging"],
    [{ tool: "slack", action: "post", params: { text: "@everyone urgent" } }, "act-mass-messaging"],
    [{ tool: "email", action: "send", params: { to: Array.from({ length: 60 }, (_, i) => `u${i}@example.com`) } }, "act-mass-recipients"],
    [{ tool: "s3", action: "delete_bucket", resource: "prod-backups" }, "act-destructive-production"],
  ])("flags %o", (a, rule) => {
    expect(ids(action(a))).toContain(rule);
  });
  it.each([
    { tool: "postgres", action: "query", params: { sql: "DELETE FROM sessions WHERE expires_at < now()" } },
    { tool: "postgres", action: "query", params: { sql: "UPDATE orders SET status = 'shipped' WHERE id = 7" } },
    { tool: "postgres", action: "query", params: { sql: "SELECT a FROM t UNION SELECT b FROM u" } },
    { tool: "shell", action: "exec", params: { command: "rm /tmp/build.log" } },
    { tool: "kubectl", action: "get", resource: "pods -n production" },
    { tool: "shell", action: "exec", params: { command: "kubectl delete pod api-1 -n staging" } },
    { tool: "terraform", action: "plan", params: { workspace: "prod" } },
    { tool: "email", action: "send", params: { to: ["cfo@example.com"] } },
    { tool: "calendar", action: "create_event", params: { title: "Drop table tennis practice" } },
  ])("allows %o", (a) => {
    expect(dangerous(a)).toBe(false);
  });
  it("enforces the org's tool allow-list", () => {
    expect(ids(action({ tool: "shell", action: "exec" }, { toolAllowList: ["postgres"] }))).toContain("act-tool-not-allowed");
    expect(action({ tool: "postgres", action: "query", params: { sql: "select 1" } }, { toolAllowList: ["postgres"] })).toEqual([]);
  });
  it("finds destructive SQL sent to an ordinary API in a code-carrying field", () => {
    expect(ids(inJson({ sql: "drop table invoices" }))).toContain("act-sql-drop");
    expect(categories(inJson({ comment: "we should not drop table invoices yet" }))).not.toContain("dangerous_action");
  });
  it("still runs WAF rules on non-code parameters of an action", () => {
    expect(categories(action({ tool: "http", action: "fetch", params: { url: "http://169.254.169.254/latest/meta-data/" } }))).toContain("ssrf");
  });
});
