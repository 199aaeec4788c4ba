# Hard-deny baselines. Each id here BLOCKs regardless of tenant rules; only an org owner can
# relax one (input.relaxed, filled from owner_relaxations by the gateway). Patterns are RE2 and
# run natively in the wasm target (no host builtins).
package aegis.baseline

messages := {
	"baseline.traversal": "path traversal is always blocked",
	"baseline.destructive_sql": "destructive SQL (DROP/TRUNCATE/unbounded DELETE) is always blocked",
	"baseline.prod_namespace_delete": "deleting a production namespace is always blocked",
	"baseline.audit_disable": "disabling audit logging is always blocked",
}

hits contains "baseline.traversal" if traversal

hits contains "baseline.destructive_sql" if destructive_sql

hits contains "baseline.prod_namespace_delete" if prod_namespace_delete

hits contains "baseline.audit_disable" if audit_disable

# --- path traversal -------------------------------------------------------------------------

traversal_re := `(^|[/\\])\.\.([/\\]|$)|(?i)%2e%2e|\.\.%2f|\.\.%5c`

traversal if {
	some f in input.findings
	f.category == "traversal"
	f.score >= 50
}

# The regex compiles on every evaluation in wasm (the builtin cache does not outlive a call), so
# a cheap substring test gates it: clean traffic never pays for RE2.
traversal if {
	some s in [input.path, input.resource]
	has_dots(s)
	regex.match(traversal_re, s)
}

has_dots(s) if contains(s, "..")

has_dots(s) if contains(lower(s), "%2e")

# --- destructive SQL ------------------------------------------------------------------------

# DROP/TRUNCATE of a table-like object, or a DELETE with no WHERE clause.
destructive_sql_re := `(?i)\b(drop\s+(table|database|schema|view|index)|truncate(\s+table)?\s+[\w."]+|alter\s+table\s+[\w."]+\s+drop)\b|(?i)\bdelete\s+from\s+[\w."]+\s*(;|$)`

destructive_actions := {"drop_table", "drop_database", "drop_schema", "truncate", "truncate_table"}

destructive_sql if {
	some f in input.findings
	f.category == "sqli"
	sql_verb(f.evidence)
	regex.match(destructive_sql_re, f.evidence)
}

destructive_sql if {
	some s in input.commands
	sql_verb(s)
	regex.match(destructive_sql_re, s)
}

# Gates for the regex (see traversal): every match contains one of these words. Sound under (?i):
# none of their letters has a non-ASCII case fold (only k and s do, as the Kelvin and long-s signs).
sql_verb(s) if contains(lower(s), "drop")

sql_verb(s) if contains(lower(s), "truncate")

sql_verb(s) if contains(lower(s), "delete")

destructive_sql if destructive_actions[lower(input.action)]

# --- production namespace deletion ----------------------------------------------------------

prod_name_re := `^(prod|production)([-_.].*)?$|[-_.](prod|production)$`

delete_verbs := {"delete", "destroy", "remove", "terminate", "drop", "delete_namespace"}

is_delete if delete_verbs[lower(input.action)]

is_delete if input.method == "DELETE"

is_delete if {
	parts := split(lower(input.action), ".")
	delete_verbs[parts[count(parts) - 1]]
}

prod_namespace_delete if {
	is_delete
	contains(lower(input.namespace), "prod")
	regex.match(prod_name_re, lower(input.namespace))
}

prod_namespace_delete if {
	is_delete
	some name in namespace_targets
	regex.match(prod_name_re, name)
}

# "namespaces/prod", "namespace:production" in a resource or a Kubernetes API path.
namespace_targets contains name if {
	some s in [lower(input.resource), lower(input.path)]
	contains(s, "namespace")
	m := regex.find_all_string_submatch_n(`namespaces?[/:]([a-z0-9._-]+)/?$`, s, 1)
	name := m[0][1]
}

prod_namespace_delete if {
	some s in input.commands
	contains(lower(s), "ubectl") # "kubectl" minus the k, which (?i) also folds to the Kelvin sign
	regex.match(`(?i)\bkubectl\b.*\bdelete\s+(ns|namespaces?)\s+(prod|production)\b`, s)
}

# --- disabling audit ------------------------------------------------------------------------

audit_target(s) if contains(lower(s), "audit")

audit_target(s) if contains(lower(s), "cloudtrail")

audit_off_verb_re := `(?i)(^|[._:-])(disable|stop|delete|pause|purge|remove|turn_off)`

audit_disable if {
	some s in [input.tool, input.action, input.resource, input.path]
	audit_target(s)
	regex.match(audit_off_verb_re, input.action)
}

audit_disable if {
	input.method == "DELETE"
	audit_target(input.path)
}

audit_disable if {
	input.audit_enabled == false
	some s in [input.tool, input.resource, input.path]
	audit_target(s)
}

audit_disable if {
	some s in input.commands
	audit_target(s) # every alternative below names audit(ctl|d) or cloudtrail
	regex.match(`(?i)\bauditctl\s+-e\s*0\b|\b(systemctl|service)\s+(stop|disable)\s+auditd\b|\bcloudtrail\s+(stop-logging|delete-trail)\b`, s)
}
