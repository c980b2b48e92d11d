#!/usr/bin/env bash
# Builds the server jar twice from clean and checks that the jar and its SBOM are byte-identical.
# Usage: scripts/check-reproducible.sh [extra Maven flags]
# Runs online: the CycloneDX makeBom goal skips itself in offline mode (-o).
# Note: it cleans the target/ folders of generated-example and the modules it is built from.
set -euo pipefail
cd "$(dirname "$0")/.."

artifacts=(
  generated-example/target/airflow-mcp-server.jar
  generated-example/target/bom.json
  generated-example/target/bom.xml
)
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

build() {
  ./mvnw -B -q -ntp "$@" -DskipTests clean package -pl generated-example -am \
    > "$work/build.log" 2>&1 || { cat "$work/build.log" >&2; echo "reproducibility check: build failed" >&2; exit 2; }
}

for run in 1 2; do
  build "$@"
  mkdir -p "$work/$run"
  for f in "${artifacts[@]}"; do
    [ -f "$f" ] || { echo "reproducibility check: $f was not built" >&2; exit 2; }
    cp "$f" "$work/$run/"
  done
  # Let the clock move on, so that a timestamp that leaks into an archive shows up.
  sleep 2
done

status=0
for f in "${artifacts[@]}"; do
  name="$(basename "$f")"
  a="$(sha256sum "$work/1/$name" | cut -d' ' -f1)"
  b="$(sha256sum "$work/2/$name" | cut -d' ' -f1)"
  if [ "$a" = "$b" ]; then
    echo "reproducible: $name sha256 $a"
  else
    echo "NOT reproducible: $name differs between two clean builds ($a vs $b)" >&2
    status=1
  fi
done
exit "$status"
