package aegis_test

import data.aegis

# A neutral request view; tests override the fields they care about with object.union.
base := {
	"kind": "request", "posture": "allow_by_default", "upstream": "api",
	"method": "GET", "path": "/v1/items", "headers": {}, "fields": {},
	"tool": "", "action": "", "resource": "", "agent_id": "", "agent_role": "",
	"commands": [], "namespace": "", "audit_enabled": null,
	"findings": [], "risk": 0, "dow": 1, "hour": 12, "relaxed": [],
}

view(over) := object.union(base, over)

rule(over) := object.union(
	{
		"id": "r", "effect": "BLOCK", "priority": 100, "shadow": false, "message": "m", "kind": "any",
		"upstreams": [], "methods": [], "paths": [], "headers": [], "body": [], "agents": [],
		"agent_roles": [], "tools": [], "actions": [], "resources": [],
		"findings": null, "risk": null, "time": null,
	},
	over,
)

test_default_allow if {
	aegis.main.decision == "ALLOW" with input as base
}

test_default_deny_posture if {
	aegis.main.decision == "BLOCK" with input as view({"posture": "deny_by_default"})
}

test_allow_rule_opens_deny_posture if {
	r := rule({"effect": "ALLOW", "paths": [{"t": "glob", "v": "/v1/*", "d": "/"}]})
	aegis.main.decision == "ALLOW" with input as view({"posture": "deny_by_default"})
		with data.tenant.by_kind.request as [r]
}

test_risk_thresholds if {
	aegis.main.decision == "BLOCK" with input as view({"risk": 80})
	aegis.main.decision == "MONITOR" with input as view({"risk": 50})
	aegis.main.decision == "ESCALATE" with input as view({"risk": 50, "kind": "action"})
	aegis.main.decision == "ALLOW" with input as view({"risk": 49})
}

test_default_priority_allow_cannot_override_risk_block if {
	r := rule({"effect": "ALLOW"})
	aegis.main.decision == "BLOCK" with input as view({"risk": 90}) with data.tenant.by_kind.request as [r]
}

test_high_priority_allow_overrides_risk_block if {
	r := rule({"effect": "ALLOW", "priority": 600})
	aegis.main.decision == "ALLOW" with input as view({"risk": 90}) with data.tenant.by_kind.request as [r]
}

test_priority_then_severity if {
	low := rule({"id": "low", "effect": "BLOCK", "priority": 10})
	high := rule({"id": "high", "effect": "ALLOW", "priority": 20})
	tie := rule({"id": "tie", "effect": "THROTTLE", "priority": 20})
	aegis.main.decision == "THROTTLE" with input as base with data.tenant.by_kind.request as [low, high, tie]
	aegis.main.reasons[0].rule_id == "tie" with input as base with data.tenant.by_kind.request as [low, high, tie]
}

test_shadow_rule_records_only if {
	r := rule({"shadow": true})
	out := aegis.main with input as base with data.tenant.by_kind.request as [r]
	out.decision == "ALLOW"
	out.shadow == [{"rule_id": "r", "effect": "BLOCK"}]
}

test_baseline_beats_allow_rule if {
	r := rule({"effect": "ALLOW", "priority": 1000})
	out := aegis.main with input as view({"path": "/files/../etc/passwd"}) with data.tenant.by_kind.request as [r]
	out.decision == "BLOCK"
	out.baseline_hits == ["baseline.traversal"]
}

test_owner_relaxation if {
	out := aegis.main with input as view({"path": "/a/../b", "relaxed": ["baseline.traversal"]})
	out.decision == "MONITOR"
	out.baseline_hits == []
}

# The engine's hot path sends the matching rule indexes (input.matched); the policy then trusts
# them instead of matching in Rego, and ranks, records shadows and applies baselines as usual.
test_input_matched_replaces_rego_matching if {
	hit := rule({"id": "hit", "effect": "THROTTLE", "methods": ["POST"], "sort_key": -1002})
	miss := rule({"id": "miss", "effect": "BLOCK", "sort_key": -1004})
	shadowed := rule({"id": "s", "effect": "BLOCK", "shadow": true, "sort_key": -1004})
	rules := [hit, miss, shadowed]
	out := aegis.main with input as view({"matched": [0, 2]}) with data.tenant.by_kind.request as rules
	out.decision == "THROTTLE"
	out.reasons == [{"rule_id": "hit", "effect": "THROTTLE", "message": "m"}]
	out.shadow == [{"rule_id": "s", "effect": "BLOCK"}]
	aegis.main.decision == "ALLOW" with input as view({"matched": []}) with data.tenant.by_kind.request as rules
	aegis.main.decision == "BLOCK" with input as view({"matched": [1], "path": "/a/../b"}) with data.tenant.by_kind.request as [rule({"effect": "ALLOW", "priority": 1000, "sort_key": -10000}), miss]
}

test_glob_entrypoint if {
	data.aegis.glob.match with input as {"pattern": "/admin/{users,roles}", "delimiter": "/", "value": "/admin/roles"}
	not data.aegis.glob.match with input as {"pattern": "/v1/*/x", "delimiter": "/", "value": "/v1/a/b/x"}
	data.aegis.glob.match with input as {"pattern": "aws.s3.{get,put}", "delimiter": ".", "value": "aws.s3.get"}
}

# compact (the engine's entrypoint) is main with tenant rules replaced by their indexes.
expand(r, rules) := {"rule_id": rules[r].id, "effect": rules[r].effect, "message": rules[r].message} if is_number(r)

else := r

test_compact_expands_to_main if {
	rules := [
		rule({"id": "b", "effect": "THROTTLE", "priority": 20, "sort_key": -202}),
		rule({"id": "a", "effect": "THROTTLE", "priority": 20, "sort_key": -202}),
		rule({"id": "s2", "effect": "MONITOR", "shadow": true, "sort_key": -1001}),
		rule({"id": "s1", "effect": "MONITOR", "shadow": true, "sort_key": -1001}),
		rule({"id": "s0", "effect": "BLOCK", "shadow": true, "sort_key": -1004}),
	]
	every over in [{"risk": 60}, {"posture": "deny_by_default"}, {"path": "/a/../b"}, {"relaxed": ["baseline.traversal"], "path": "/a/../b"}] {
		compact_matches_main(over, rules)
	}
}

compact_matches_main(over, rules) if {
	out := aegis.main with input as view(over) with data.tenant.by_kind.request as rules
	compact := aegis.compact with input as object.union(view(over), {"matched": [0, 1, 2, 3, 4]}) with data.tenant.by_kind.request as rules
	[expand(r, rules) | some r in compact.reasons] == out.reasons
	[{"rule_id": rules[i].id, "effect": rules[i].effect} | some i in compact.shadow] == out.shadow
	compact.decision == out.decision
	compact.baseline_hits == out.baseline_hits
}
