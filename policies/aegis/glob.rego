# OPA's glob.match as its own entrypoint (`aegis/glob/match`). The engine's compiled rule matcher
# (server/policy/match-rules.ts) handles literal, prefix, suffix and one-segment globs itself and
# asks this entrypoint about the rest ({a,b}, [abc], ?, inner *), so every glob keeps exactly the
# semantics rules.rego gives it. Input: {"pattern", "delimiter", "value"}; undefined on a bad glob.
package aegis.glob

match := glob.match(input.pattern, [input.delimiter], input.value)
