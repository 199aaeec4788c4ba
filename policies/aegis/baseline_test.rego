package aegis.baseline_test

import data.aegis.baseline
import data.aegis_test.view

test_traversal if {
	baseline.traversal with input as view({"path": "/static/..%2f..%2fetc/passwd"})
	baseline.traversal with input as view({"findings": [{"category": "traversal", "rule_id": "t", "score": 70, "evidence": "", "location": ""}]})
	not baseline.traversal with input as view({"path": "/v1/a..b/c"})
}

test_destructive_sql if {
	baseline.destructive_sql with input as view({"commands": ["drop table users"]})
	baseline.destructive_sql with input as view({"commands": ["DELETE FROM accounts;"]})
	baseline.destructive_sql with input as view({"findings": [{"category": "sqli", "rule_id": "s", "score": 90, "evidence": "1; TRUNCATE TABLE logs", "location": ""}]})
	not baseline.destructive_sql with input as view({"commands": ["delete from accounts where id = 4"]})
	not baseline.destructive_sql with input as view({"commands": ["select * from dropped_tables"]})
}

test_prod_namespace_delete if {
	baseline.prod_namespace_delete with input as view({"kind": "action", "tool": "k8s", "action": "delete", "resource": "namespaces/production"})
	baseline.prod_namespace_delete with input as view({"method": "DELETE", "path": "/api/v1/namespaces/prod"})
	baseline.prod_namespace_delete with input as view({"commands": ["kubectl delete ns prod"]})
	baseline.prod_namespace_delete with input as view({"action": "namespace.delete", "namespace": "prod-eu"})
	not baseline.prod_namespace_delete with input as view({"action": "delete", "resource": "namespaces/staging"})
	not baseline.prod_namespace_delete with input as view({"action": "get", "resource": "namespaces/prod"})
}

test_audit_disable if {
	baseline.audit_disable with input as view({"tool": "aws.cloudtrail", "action": "stop_logging"})
	baseline.audit_disable with input as view({"method": "DELETE", "path": "/v1/audit/settings"})
	baseline.audit_disable with input as view({"path": "/v1/audit/settings", "method": "PATCH", "audit_enabled": false})
	baseline.audit_disable with input as view({"commands": ["sudo systemctl stop auditd"]})
	not baseline.audit_disable with input as view({"tool": "audit", "action": "read"})
}
