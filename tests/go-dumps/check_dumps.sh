#!/usr/bin/env bash
# ctest go-dumps-regenerate-and-read: builds and runs every Go program under
# tests/go-dumps with the `go` on PATH, and checks that `locklab dump --go`
# reads each fresh dump as it reads the checked-in one: every line of
# <name>/expect.txt (goroutine and group counts, the pattern named) appears
# in its output, with no warning. Exit 77 (skipped) without `go`. A SIGQUIT
# dump's runtime goroutines vary from run to run (goroutine 0 [idle] is
# there or not), so rlock-submit's expect.txt counts only its own.
#
# Usage: check_dumps.sh LOCKLAB OUT
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
locklab=${1:?usage: check_dumps.sh LOCKLAB OUT}
out=${2:?usage: check_dumps.sh LOCKLAB OUT}
if ! command -v go >/dev/null; then
  echo "skipped: no 'go' on PATH (scripts/setup installs golang-go); the checked-in dumps are read by locklab-tests-cli"
  exit 77
fi
echo "$(go version)"
rm -rf "$out" && mkdir -p "$out"
"$here/generate.sh" "$out" || { echo "FAIL: generating the dumps"; exit 1; }
fail=0
for exp in "$here"/*/expect.txt; do
  name=$(basename "$(dirname "$exp")")
  dump=$out/$name/dump.txt
  text=$("$locklab" dump --go "$dump" 2>"$out/$name/stderr.txt")
  rc=$?
  if ((rc != 0)) || [[ -s $out/$name/stderr.txt ]]; then
    echo "FAIL $name: exit $rc, stderr: $(cat "$out/$name/stderr.txt")"
    fail=1
    continue
  fi
  bad=0
  while IFS= read -r want; do
    [[ -z $want ]] && continue
    if ! grep -qF -- "$want" <<<"$text"; then
      echo "FAIL $name: no line holding '$want' in:"
      head -20 <<<"$text"
      bad=1
    fi
  done <"$exp"
  ((bad)) && fail=1
  ((bad)) || echo "ok $name: $(head -1 <<<"$text" | sed 's/.*: //')"
done
# The same dump read from stdin ("-") reads the same, but for its name.
name=recursive-rlock
if [[ -f $out/$name/dump.txt ]]; then
  from_file=$("$locklab" dump --go "$out/$name/dump.txt" 2>&1 | sed 1d)
  from_stdin=$("$locklab" dump --go - <"$out/$name/dump.txt" 2>&1 | sed 1d)
  if [[ "$from_file" != "$from_stdin" ]]; then
    echo "FAIL: 'dump --go -' on stdin reads $name otherwise than the file"
    fail=1
  else
    echo "ok $name from stdin"
  fi
fi
exit $fail
