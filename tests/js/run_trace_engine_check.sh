#!/usr/bin/env bash
# ctest's export-trace-engine-reads-a-deadlock: runs recursive-rlock's buggy
# variant to a deadlock, exports its trace, and has Chrome DevTools' trace
# engine read the export (trace_engine_check.mjs ... deadlock); then the same
# for a contended run with wake arrows (lock-held-across-io, 300 ms: ...
# arrows). The engine comes from npm
# into WORK/node_modules (this folder's package.json and package-lock.json,
# `npm ci`), once; nothing is vendored. Without node or npm, or when npm
# cannot fetch the package (no network), the test is skipped (exit 77,
# ctest's SKIP_RETURN_CODE) with a line saying why.
# Usage: run_trace_engine_check.sh LOCKLAB WORK
set -uo pipefail
locklab=$1
work=$2
here=$(cd "$(dirname "$0")" && pwd)
skip() { echo "SKIP: $*"; exit 77; }

command -v node >/dev/null || skip "node is not installed (the DevTools trace engine runs on Node.js)"
mkdir -p "$work"
engine="$work/node_modules/@paulirish/trace_engine/package.json"
if [ ! -f "$engine" ] || ! cmp -s "$here/package-lock.json" "$work/package-lock.json"; then
  command -v npm >/dev/null || skip "npm is not installed (it fetches @paulirish/trace_engine)"
  cp "$here/package.json" "$here/package-lock.json" "$work/"
  echo "installing @paulirish/trace_engine into $work (npm ci)"
  if ! (cd "$work" && timeout 240 npm ci --no-audit --no-fund --fetch-retries=1 --fetch-timeout=30000 \
        > npm-ci.log 2>&1); then
    tail -n 5 "$work/npm-ci.log"
    skip "npm could not install @paulirish/trace_engine (no network?); see $work/npm-ci.log"
  fi
fi

# ES modules resolve packages from the script's own folder: run a copy beside node_modules.
cp "$here/trace_engine_check.mjs" "$work/"
rm -f "$work"/rr.lltrace "$work"/rr.json "$work"/io.lltrace "$work"/io.json.gz

# The buggy variant deadlocks on its own (the catalogue's oracle says so);
# a loaded machine gets three tries before that counts as a failure.
for try in 1 2 3; do
  "$locklab" run recursive-rlock --variant buggy --trace "$work/rr.lltrace" > "$work/run.txt" 2>&1
  grep -q "verdict    deadlock" "$work/run.txt" && break
  [ "$try" = 3 ] && { cat "$work/run.txt"; echo "FAIL: recursive-rlock did not deadlock in 3 runs"; exit 1; }
done
"$locklab" export "$work/rr.lltrace" --out "$work/rr.json" || { echo "FAIL: export failed"; exit 1; }
node "$work/trace_engine_check.mjs" "$work/rr.json" deadlock || exit 1

"$locklab" run lock-held-across-io --variant buggy --duration 300 --trace "$work/io.lltrace" > /dev/null 2>&1
"$locklab" export "$work/io.lltrace" --out "$work/io.json.gz" || { echo "FAIL: export failed"; exit 1; }
node "$work/trace_engine_check.mjs" "$work/io.json.gz" arrows
