# Example bring-your-own policy (docs/rules.md, "Custom policies"). Entrypoint `aegis/decision`.
# Input: the full PolicyInput plus `platform` (the platform result). Output: {decision, reasons}.
# It may only tighten: Aegis keeps the more severe of the platform and custom decisions.
package aegis

default decision := {"decision": "ALLOW", "reasons": []}

# Example: agents calling billing tools always need a human.
decision := {
	"decision": "ESCALATE",
	"reasons": [{"rule_id": "custom.billing_agents", "message": "agents touching billing need a human"}],
} if {
	input.kind == "action"
	startswith(input.action.tool, "billing")
}
