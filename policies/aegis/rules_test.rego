package aegis.rules_test

import data.aegis.rules
import data.aegis_test.rule
import data.aegis_test.view

matches(r, over) if count(rules.matched) == 1 with input as view(over) with data.tenant.by_kind as {"request": [r], "action": [r]}

test_methods_paths_upstreams if {
	matches(rule({"methods": ["GET"], "paths": [{"t": "prefix", "v": "/v1/", "d": "/"}], "upstreams": ["api"]}), {})
	not matches(rule({"methods": ["POST"]}), {})
	not matches(rule({"paths": [{"t": "glob", "v": "/v2/*", "d": "/"}]}), {})
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

test_glob_kinds if {
	matches(rule({"tools": [{"t": "segment", "v": "aws.", "d": "."}]}), {"tool": "aws.s3"})
	not matches(rule({"tools": [{"t": "segment", "v": "aws.", "d": "."}]}), {"tool": "aws.s3.put"})
	matches(rule({"resources": [{"t": "suffix", "v": ".log", "d": "/"}]}), {"resource": "a/b.log"})
	matches(rule({"actions": [{"t": "eq", "v": "get", "d": "."}]}), {"action": "get"})
	matches(rule({"paths": [{"t": "glob", "v": "/a/{b,c}", "d": "/"}]}), {"path": "/a/c"})
}

test_time_window_wraps_midnight if {
	r := rule({"time": {"days": [], "from": 22, "to": 6}})
	matches(r, {"hour": 23})
	matches(r, {"hour": 3})
	not matches(r, {"hour": 12})
}
