package aegis.rules_test

import data.aegis.rules
import data.aegis_test.rule
import data.aegis_test.view

matches(r, over) if count(rules.matched) == 1 with input as view(over) with data.tenant.rules as [r]

test_methods_paths_upstreams if {
	matches(rule({"methods": ["GET"], "paths": ["/v1/**"], "upstreams": ["api"]}), {})
	not matches(rule({"methods": ["POST"]}), {})
	not matches(rule({"paths": ["/v2/*"]}), {})
}

test_headers if {
	matches(rule({"headers": [{"name": "x-a", "op": "equals", "value": "1"}]}), {"headers": {"x-a": "1"}})
	matches(rule({"headers": [{"name": "x-a", "op": "absent", "value": null}]}), {})
	not matches(rule({"headers": [{"name": "x-a", "op": "present", "value": null}]}), {})
}

test_body_fields if {
	matches(rule({"body": [{"path": "$.amount", "op": "gt", "value": 100}]}), {"fields": {"$.amount": 500}})
	not matches(rule({"body": [{"path": "$.amount", "op": "gt", "value": 100}]}), {"fields": {"$.amount": "500"}})
	matches(rule({"body": [{"path": "$.role", "op": "in", "value": ["admin", "owner"]}]}), {"fields": {"$.role": "admin"}})
}

test_time_window_wraps_midnight if {
	r := rule({"time": {"days": [], "from": 22, "to": 6}})
	matches(r, {"hour": 23})
	matches(r, {"hour": 3})
	not matches(r, {"hour": 12})
}
