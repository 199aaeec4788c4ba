#!/usr/bin/env bash
# Compiles the platform Rego (policies/aegis) to policies/build/policy.wasm and the example
# bring-your-own policy to server/policy/fixtures/custom-policy.wasm.
#
# Reproducible by construction: a pinned opa version, relative paths (the wasm would otherwise
# embed the checkout's absolute path), and only the wasm is kept (the bundle tarball's gzip and
# manifest are not needed at runtime). CI rebuilds with policies/check.sh and diffs the bytes.
#
# Usage: bash policies/build.sh [out-dir]   (out-dir gets policy.wasm and custom-policy.wasm)
set -euo pipefail

OPA_VERSION="1.4.2"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"

opa_bin="${OPA:-opa}"
if ! command -v "$opa_bin" >/dev/null 2>&1; then opa_bin=/root/go/bin/opa; fi
if ! command -v "$opa_bin" >/dev/null 2>&1; then
  echo "opa not found: set OPA=/path/to/opa or 'go install github.com/open-policy-agent/opa@v$OPA_VERSION'" >&2
  exit 1
fi
found="$("$opa_bin" version | sed -n 's/^Version: //p')"
if [ "$found" != "$OPA_VERSION" ]; then
  echo "opa $found found, $OPA_VERSION required (the wasm differs between versions)" >&2
  exit 1
fi

platform_out="${1:-$here/build}"
fixture_out="${1:-$root/server/policy/fixtures}"
mkdir -p "$platform_out" "$fixture_out"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# build <entrypoints, comma-separated> <dir relative to policies/> <dest file>
build() {
  local entrypoints=()
  IFS=, read -ra names <<<"$1"
  for name in "${names[@]}"; do entrypoints+=(-e "$name"); done
  (cd "$here" && "$opa_bin" build -t wasm "${entrypoints[@]}" \
    --capabilities opa-wasm-capabilities.json --ignore '*_test.rego' \
    -o "$tmp/bundle.tar.gz" "$2")
  tar -xzf "$tmp/bundle.tar.gz" -C "$tmp" /policy.wasm 2>/dev/null
  mv "$tmp/policy.wasm" "$3"
  chmod 644 "$3"
  rm -f "$tmp/bundle.tar.gz"
}

# aegis/main is the readable decision (opa eval, the reference path); the engine evaluates
# aegis/compact (same decision, tenant rules as indexes) and asks aegis/glob/match about globs
# (server/policy/engine.ts, match-rules.ts).
build aegis/main,aegis/compact,aegis/glob/match aegis "$platform_out/policy.wasm"
build aegis/decision examples/custom "$fixture_out/custom-policy.wasm"
echo "built $platform_out/policy.wasm and $fixture_out/custom-policy.wasm"
