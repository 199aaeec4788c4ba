# Aegis platform decision: entrypoint `aegis/main`.
#
# Input is the platform view built by server/policy/policy-view.ts (flat, projected: only the
# headers and body fields the org's rules reference). data.tenant holds the org's compiled rules
# (server/policy/compile-rules.ts), loaded once per (org, rules version) with setData.
#
# Precedence (docs/rules.md, "Conflict resolution"):
#   1. an unrelaxed baseline hit is BLOCK, whatever the rules say;
#   2. otherwise every candidate (matching tenant rules, platform risk thresholds, the posture
#      default) is ranked by priority, then severity, then rule id; the first one decides.
package aegis

# Severity order used for ties and for "only tighten" merges.
severity := {"ALLOW": 0, "MONITOR": 1, "THROTTLE": 2, "ESCALATE": 3, "BLOCK": 4}

# Risk thresholds sit at priority 500 so a tenant rule needs priority > 500 to override them on
# purpose; default-priority (100) rules cannot loosen a risk block by accident.
risk_priority := 500

risk_block := 80

risk_review := 50

relaxed := {id | some id in input.relaxed}

baseline_hits := sort([id | some id in data.aegis.baseline.hits; not relaxed[id]])

relaxed_hits := sort([id | some id in data.aegis.baseline.hits; relaxed[id]])

# Tenant rules reach the ranking in one of two ways:
#  - hot path: the engine matched the conditions with closures compiled from the same data
#    (server/policy/match-rules.ts) and sends the indexes (into data.tenant.by_kind[input.kind])
#    as input.matched; each rule carries sort_key(priority, effect) precomputed by
#    compile-rules.ts, since arithmetic in wasm costs about 0.6 us per rule per evaluation;
#  - reference path (no input.matched): rules.rego matches and the key is computed here.
# server/policy/equivalence.test.ts runs both on generated rule sets and inputs and requires
# identical results.
matched := input.matched if is_array(input.matched)

else := [i | some i in data.aegis.rules.matched]

tenant_rules := data.tenant.by_kind[input.kind]

# A candidate is [sort key, rule_id, effect, message, index of the tenant rule or null]; sorting
# ascending puts the winner first (rule ids are unique, so the index never decides). Arrays, not
# objects: cheaper in wasm.
sort_key(priority, effect) := 0 - ((priority * 10) + severity[effect])

tenant_candidates := [[r.sort_key, r.id, r.effect, r.message, i] |
	some i in input.matched
	r := tenant_rules[i]
	not r.shadow
] if {
	is_array(input.matched)
}

else := [[sort_key(r.priority, r.effect), r.id, r.effect, r.message, i] |
	some i in matched
	r := tenant_rules[i]
	not r.shadow
]

risk_candidates := [[sort_key(risk_priority, "BLOCK"), "platform.risk.block", "BLOCK", "risk score at or above 80", null]] if input.risk >= risk_block

else := [[sort_key(risk_priority, review_effect), "platform.risk.review", review_effect, "risk score at or above 50", null]] if input.risk >= risk_review

else := []

# Agent actions go to a human; API requests are only watched.
review_effect := "ESCALATE" if input.kind == "action"

else := "MONITOR"

# A relaxed baseline still leaves a trace: it is watched unless a rule says otherwise.
relaxed_candidates := [[sort_key(0, "MONITOR"), id, "MONITOR", "baseline relaxed by owner", null] | some id in relaxed_hits]

posture_candidate := [sort_key(0, "BLOCK"), "platform.posture.deny", "BLOCK", "default deny: no rule allows this", null] if input.posture == "deny_by_default"

else := [sort_key(0, "ALLOW"), "platform.posture.allow", "ALLOW", "default allow: no rule fired", null]

ranked := sort(array.concat(array.concat(tenant_candidates, risk_candidates), array.concat(relaxed_candidates, [posture_candidate])))

decision := "BLOCK" if count(baseline_hits) > 0

else := ranked[0][2]

baseline_reasons := [r |
	some id in baseline_hits
	r := {"rule_id": id, "effect": "BLOCK", "message": data.aegis.baseline.messages[id]}
]

# The deciding candidate comes first; the posture default is only listed when it decided.
ranked_reasons := [r |
	some i, c in ranked
	keep_reason(i, c[1])
	r := {"rule_id": c[1], "effect": c[2], "message": c[3]}
]

keep_reason(0, _)

keep_reason(i, id) if {
	i > 0
	not startswith(id, "platform.posture.")
}

shadow := sort([s |
	some i in matched
	r := tenant_rules[i]
	r.shadow
	s := {"rule_id": r.id, "effect": r.effect}
])

main := {
	"decision": decision,
	"reasons": array.concat(baseline_reasons, ranked_reasons),
	"shadow": shadow,
	"baseline_hits": baseline_hits,
}

# The engine's entrypoint (`aegis/compact`): main with each tenant rule in reasons and shadow
# replaced by its index into data.tenant.by_kind[input.kind]. The engine holds the same rule data
# and expands the index to {rule_id, effect, message}; dumping reasons out of wasm as JSON cost
# about 1 us each, which made a request matching 20 rules twice as slow as one matching none.
# Which reasons appear, and their order, are decided here exactly as in main.
compact := {
	"decision": decision,
	"reasons": array.concat(baseline_reasons, [compact_reason(c) | some i, c in ranked; keep_reason(i, c[1])]),
	"shadow": [e[2] | some e in sort([[r.effect, r.id, i] | some i in matched; r := tenant_rules[i]; r.shadow])],
	"baseline_hits": baseline_hits,
}

compact_reason(c) := c[4] if is_number(c[4])

else := {"rule_id": c[1], "effect": c[2], "message": c[3]}
