#!/usr/bin/env bash
# Builds and runs every Go program tests/go-dumps/<name>/main.go and keeps
# the goroutine dump it prints (a fatal "all goroutines are asleep", a
# SIGQUIT or runtime.Stack, on stdout or stderr) as OUT/<name>/dump.txt.
# With OUT = this folder the checked-in fixtures are rewritten.
#
# Usage: tests/go-dumps/generate.sh OUT [NAME ...]
# Needs `go`; GOTRACEBACK=all so every goroutine is printed.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=${1:?usage: generate.sh OUT [NAME ...]}
shift
names=("$@")
if ((${#names[@]} == 0)); then
  for d in "$here"/*/; do [[ -f $d/main.go ]] && names+=("$(basename "$d")"); done
fi
export GOCACHE=${GOCACHE:-$out/.gocache} GOPATH=${GOPATH:-$out/.gopath} GOFLAGS=-mod=mod GO111MODULE=off
mkdir -p "$out"
for n in "${names[@]}"; do
  mkdir -p "$out/$n"
  # -trimpath: the dump names files as ./main.go and runtime/sema.go, not
  # this machine's folders.
  (cd "$here/$n" && go build -trimpath -o "$out/$n/program" main.go)
  # The programs end in a deadlock or SIGQUIT (exit 2), or print and exit 0.
  (cd "$here/$n" && GOTRACEBACK=all timeout 20 "$out/$n/program" >"$out/$n/dump.txt" 2>&1) || true
  rm -f "$out/$n/program"
  echo "$n: $(grep -c '^goroutine ' "$out/$n/dump.txt") goroutines in $out/$n/dump.txt"
done
