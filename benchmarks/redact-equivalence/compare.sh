#!/usr/bin/env bash
# Old-vs-new byte equivalence of `redact --jsonl` (with and without --explain) on every corpus
# file under runtime/src/test/resources/.../redaction/corpus and on two random fuzzes (mixed lines,
# fuzz_lines.py; command lines of the window rules, fuzz_commands.py).
#
#   benchmarks/redact-equivalence/compare.sh OLD_CP NEW_CP [FUZZ_COUNT] [SEED]
#
# OLD_CP / NEW_CP: class paths that run dev.airflowmcp.runtime.Main (a server jar, the
# benchmarks jar, or "runtime/target/classes:benchmarks/target/benchmarks.jar" to put a freshly
# compiled runtime first). Exit status 0 when every output is byte-identical.
set -euo pipefail
old=$1
new=$2
count=${3:-20000}
seed=${4:-20261207}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
corpus="$root/runtime/src/test/resources/dev/airflowmcp/runtime/redaction/corpus"
python3 "$here/fuzz_lines.py" "$count" "$seed" > "$work/fuzz.jsonl"
# Command lines built from the window rules' own anchors, flags and value shapes.
python3 "$here/fuzz_commands.py" --seed "$seed" --lines "$count" > "$work/fuzz-commands.jsonl"
inputs=("$work/fuzz.jsonl" "$work/fuzz-commands.jsonl")
while IFS= read -r f; do inputs+=("$f"); done < <(find "$corpus" -name '*.jsonl' | sort)
# One process per build and mode over all inputs concatenated (lines are independent requests),
# then the answers are split back per input by line counts.
cat "${inputs[@]}" > "$work/all.jsonl"
fail=0
for mode in plain explain; do
  flags=(redact --jsonl)
  [[ $mode == explain ]] && flags+=(--explain)
  java -cp "$old" dev.airflowmcp.runtime.Main "${flags[@]}" < "$work/all.jsonl" > "$work/old.$mode" 2>/dev/null
  java -cp "$new" dev.airflowmcp.runtime.Main "${flags[@]}" < "$work/all.jsonl" > "$work/new.$mode" 2>/dev/null
  lines=$(wc -l < "$work/all.jsonl")
  got=$(wc -l < "$work/new.$mode")
  if [[ $lines != "$got" ]]; then
    echo "$mode: $got answers for $lines requests"
    fail=1
  fi
  start=1
  for f in "${inputs[@]}"; do
    n=$(wc -l < "$f")
    d=$(diff <(sed -n "${start},$((start + n - 1))p" "$work/old.$mode") \
             <(sed -n "${start},$((start + n - 1))p" "$work/new.$mode") | grep -c '^<' || true)
    if [[ $d != 0 ]]; then
      echo "$mode: ${f#$root/}: $d of $n lines differ"
      fail=1
    fi
    start=$((start + n))
  done
  echo "$mode: $(cmp -s "$work/old.$mode" "$work/new.$mode" && echo identical || echo DIFFERENT) ($lines lines, ${#inputs[@]} inputs)"
done
if [[ $fail != 0 && -n ${KEEP_DIFF:-} ]]; then
  cp "$work"/old.* "$work"/new.* "$work/all.jsonl" "$KEEP_DIFF"/
fi
exit $fail
