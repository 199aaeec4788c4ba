#!/usr/bin/env bash
# CI gate for policies: Rego unit tests pass, and the committed wasm artifacts are exactly what
# the sources compile to (rebuilt into a temp dir, compared byte for byte).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
opa_bin="${OPA:-opa}"
if ! command -v "$opa_bin" >/dev/null 2>&1; then opa_bin=/root/go/bin/opa; fi

(cd "$here" && "$opa_bin" test --capabilities opa-wasm-capabilities.json aegis examples)
# Formatting drift is a review smell, not a behaviour change, but CI should still catch it.
unformatted="$(cd "$here" && "$opa_bin" fmt -l aegis examples)"
if [ -n "$unformatted" ]; then
  echo "opa fmt needed: $unformatted" >&2
  exit 1
fi

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
OPA="$opa_bin" bash "$here/build.sh" "$tmp" >/dev/null

status=0
check() {
  if ! cmp -s "$1" "$2"; then
    echo "stale artifact: $2 differs from a fresh build; run 'npm run policies:build' and commit" >&2
    status=1
  fi
}
check "$tmp/policy.wasm" "$here/build/policy.wasm"
check "$tmp/custom-policy.wasm" "$root/server/policy/fixtures/custom-policy.wasm"
[ "$status" -eq 0 ] && echo "policies: tests pass, artifacts up to date"
exit "$status"
