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

candidates contains c if {
	some i in data.aegis.rules.matched
	r := data.aegis.rules.rule(i)
	not r.shadow
	c := {"rule_id": r.id, "effect": r.effect, "priority": r.priority, "message": r.message}
}

candidates contains c if {
	input.risk >= risk_block
	c := {"rule_id": "platform.risk.block", "effect": "BLOCK", "priority": risk_priority, "message": "risk score at or above 80"}
}

candidates contains c if {
	input.risk >= risk_review
	input.risk < risk_block
	c := {"rule_id": "platform.risk.review", "effect": review_effect, "priority": risk_priority, "message": "risk score at or above 50"}
}

# Agent actions go to a human; API requests are only watched.
review_effect := "ESCALATE" if input.kind == "action"

else := "MONITOR"

# A relaxed baseline still leaves a trace: it is watched unless a rule says otherwise.
candidates contains c if {
	some id in relaxed_hits
	c := {"rule_id": id, "effect": "MONITOR", "priority": 0, "message": "baseline relaxed by owner"}
}

candidates contains c if {
	input.posture == "deny_by_default"
	c := {"rule_id": "platform.posture.deny", "effect": "BLOCK", "priority": 0, "message": "default deny: no rule allows this"}
}

candidates contains c if {
	input.posture != "deny_by_default"
	c := {"rule_id": "platform.posture.allow", "effect": "ALLOW", "priority": 0, "message": "default allow: no rule fired"}
}

ranked := sort([[0 - ((c.priority * 10) + severity[c.effect]), c.rule_id, c] | some c in candidates])

decision := "BLOCK" if count(baseline_hits) > 0

else := ranked[0][2].effect

baseline_reasons := [r |
	some id in baseline_hits
	r := {"rule_id": id, "effect": "BLOCK", "message": data.aegis.baseline.messages[id]}
]

# The deciding candidate comes first; the posture default is only listed when it decided.
ranked_reasons := [r |
	some i, entry in ranked
	keep_reason(i, entry[2].rule_id)
	r := {"rule_id": entry[2].rule_id, "effect": entry[2].effect, "message": entry[2].message}
]

keep_reason(0, _)

keep_reason(i, id) if {
	i > 0
	not startswith(id, "platform.posture.")
}

shadow := sort([s |
	some i in data.aegis.rules.matched
	r := data.aegis.rules.rule(i)
	r.shadow
	s := {"rule_id": r.id, "effect": r.effect}
])

main := {
	"decision": decision,
	"reasons": array.concat(baseline_reasons, ranked_reasons),
	"shadow": shadow,
	"baseline_hits": baseline_hits,
}
