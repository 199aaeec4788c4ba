# Tenant rule matching, the reference. data.tenant.by_kind holds the org's enabled rules, already
# normalized by server/policy/compile-rules.ts: every list is present (empty = "any"), every
# optional object is null when absent. All conditions of a rule must hold; values inside one list
# are alternatives. The engine's hot path runs a compiled TypeScript twin of this file
# (server/policy/match-rules.ts) and passes its result as input.matched; main.rego uses this file
# only without it. server/policy/equivalence.test.ts keeps the two identical.
package aegis.rules

# Rules are pre-bucketed by kind (compile-rules.ts), so an API request never walks agent rules.
# The set holds indexes, not rule objects: hashing whole rules into a set dominated eval time.
matched contains i if {
	some i, r in data.tenant.by_kind[input.kind]
	any_of(r.upstreams, input.upstream)
	any_of(r.methods, input.method)
	any_glob(r.paths, input.path)
	every h in r.headers {
		header_ok(h)
	}
	every b in r.body {
		field_ok(b)
	}
	any_of(r.agents, input.agent_id)
	any_of(r.agent_roles, input.agent_role)
	any_glob(r.tools, input.tool)
	any_glob(r.actions, input.action)
	any_glob(r.resources, input.resource)
	findings_ok(r.findings)
	risk_ok(r.risk)
	time_ok(r.time)
}

rule(i) := data.tenant.by_kind[input.kind][i]

any_of(list, _) if count(list) == 0

any_of(list, v) if v in list

# Globs arrive classified (compile-rules.ts): literals, "lit**" and "**lit" become string
# comparisons and "lit*" a prefix plus a no-delimiter check; only the rest pay for glob.match.
any_glob(list, _) if count(list) == 0

any_glob(list, v) if {
	some m in list
	glob_ok(m, v)
}

glob_ok(m, v) if {
	m.t == "eq"
	v == m.v
}

glob_ok(m, v) if {
	m.t == "prefix"
	startswith(v, m.v)
}

glob_ok(m, v) if {
	m.t == "suffix"
	endswith(v, m.v)
}

glob_ok(m, v) if {
	m.t == "segment"
	startswith(v, m.v)
	not contains(substring(v, count(m.v), -1), m.d)
}

glob_ok(m, v) if {
	m.t == "glob"
	glob.match(m.v, [m.d], v)
}

# --- headers (names lowercased by the view; values compared as sent) -------------------------

has_header(name) if _ = input.headers[name]

header_ok(h) if {
	h.op == "present"
	has_header(h.name)
}

header_ok(h) if {
	h.op == "absent"
	not has_header(h.name)
}

header_ok(h) if {
	h.op == "equals"
	input.headers[h.name] == h.value
}

header_ok(h) if {
	h.op == "contains"
	contains(input.headers[h.name], h.value)
}

header_ok(h) if {
	h.op == "prefix"
	startswith(input.headers[h.name], h.value)
}

# --- JSON body fields (request body, or action params), resolved by the view ------------------

has_field(path) if _ = input.fields[path]

field_ok(b) if {
	b.op == "exists"
	has_field(b.path)
}

field_ok(b) if {
	b.op == "absent"
	not has_field(b.path)
}

field_ok(b) if {
	b.op == "equals"
	input.fields[b.path] == b.value
}

field_ok(b) if {
	b.op == "not_equals"
	has_field(b.path)
	input.fields[b.path] != b.value
}

field_ok(b) if {
	b.op == "in"
	input.fields[b.path] in b.value
}

field_ok(b) if {
	b.op == "contains"
	is_string(input.fields[b.path])
	contains(input.fields[b.path], b.value)
}

field_ok(b) if {
	b.op == "contains"
	is_array(input.fields[b.path])
	b.value in input.fields[b.path]
}

field_ok(b) if {
	b.op == "gt"
	is_number(input.fields[b.path])
	input.fields[b.path] > b.value
}

field_ok(b) if {
	b.op == "gte"
	is_number(input.fields[b.path])
	input.fields[b.path] >= b.value
}

field_ok(b) if {
	b.op == "lt"
	is_number(input.fields[b.path])
	input.fields[b.path] < b.value
}

field_ok(b) if {
	b.op == "lte"
	is_number(input.fields[b.path])
	input.fields[b.path] <= b.value
}

# --- findings, risk, time ----------------------------------------------------------------------

findings_ok(null)

findings_ok(c) if {
	c != null
	some f in input.findings
	any_of(c.categories, f.category)
	f.score >= c.min_score
	any_glob(c.rule_ids, f.rule_id)
}

risk_ok(null)

risk_ok(r) if {
	r != null
	input.risk >= r.gte
	input.risk < r.lt
}

time_ok(null)

time_ok(t) if {
	t != null
	any_of(t.days, input.dow)
	hour_ok(t.from, t.to)
}

# [from, to) in UTC hours; from > to wraps past midnight (22 -> 6).
hour_ok(from, to) if {
	from <= to
	input.hour >= from
	input.hour < to
}

hour_ok(from, to) if {
	from > to
	input.hour >= from
}

hour_ok(from, to) if {
	from > to
	input.hour < to
}
