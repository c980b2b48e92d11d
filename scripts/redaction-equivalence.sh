#!/usr/bin/env bash
# Compares the `redact --jsonl` output of two redactor builds, byte for byte, with and without
# --explain: on every corpus file under runtime/src/test/resources/.../redaction/corpus and on a
# seeded random fuzz of command lines (scripts/redaction-fuzz.py).
#
#   scripts/redaction-equivalence.sh OLD_CLASSES NEW_CLASSES [SEED] [LINES]
#
# OLD_CLASSES and NEW_CLASSES are runtime class folders or jars (e.g. a copy of
# runtime/target/classes made before a change, and runtime/target/classes after); the rest of
# the class path comes from benchmarks/target/benchmarks.jar (build it first). Exit code 1 on
# any difference, with the first differing lines shown.
set -euo pipefail
old=$1
new=$2
seed=${3:-12}
lines=${4:-20000}
root=$(cd "$(dirname "$0")/.." && pwd)
jar=$root/benchmarks/target/benchmarks.jar
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 "$root/scripts/redaction-fuzz.py" --seed "$seed" --lines "$lines" >"$work/fuzz.jsonl"
inputs=("$work/fuzz.jsonl")
while IFS= read -r f; do
  inputs+=("$f")
done < <(find "$root/runtime/src/test/resources/dev/airflowmcp/runtime/redaction/corpus" \
  -name '*.jsonl' | sort)
status=0
for f in "${inputs[@]}"; do
  for explain in "" "--explain"; do
    # shellcheck disable=SC2086
    java -cp "$old:$jar" dev.airflowmcp.runtime.Main redact --jsonl $explain <"$f" >"$work/a" 2>/dev/null
    # shellcheck disable=SC2086
    java -cp "$new:$jar" dev.airflowmcp.runtime.Main redact --jsonl $explain <"$f" >"$work/b" 2>/dev/null
    n=$(wc -l <"$work/a")
    if cmp -s "$work/a" "$work/b"; then
      echo "same      $n lines  ${explain:-plain}  ${f#"$root"/}"
    else
      echo "DIFFERENT $n lines  ${explain:-plain}  ${f#"$root"/}"
      diff "$work/a" "$work/b" | head -6
      status=1
    fi
  done
done
exit $status
