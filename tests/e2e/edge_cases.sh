#!/usr/bin/env bash
# `cordon info` and `cordon import` on every GDAL edge-case source: success with a report that adds
# up, or exit 2 with one stderr line naming the file; never a crash or hang, never a file left behind.
# usage: edge_cases.sh BUILD_DIR SOURCE_DIR
set -uo pipefail
. "$(dirname "$0")/lib.sh"
cli_init "$@"
needs python3
cordon=$CORDON work=$T
edge=$SRC/tests/data/realdata/gdal-edge-cases
[ -d "$edge" ] || { echo "FAIL: no $edge"; exit 1; }
cd "$work"
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
"$cordon" demo demo >/dev/null 2>&1 || { echo "FAIL: cordon demo"; exit 1; }

# run LABEL FILE -- ARGS: exit 0, or exit 2 with one line naming FILE; nothing but ws.gpkg left in out/.
run() {
  local label=$1 named=$2
  shift 3
  rm -rf out && mkdir out
  timeout 120 "$cordon" "$@" >stdout.txt 2>stderr.txt
  local rc=$?
  case $rc in
    0) ;;
    2)
      [ "$(wc -l <stderr.txt)" -eq 1 ] || { fail "$label: not one stderr line:"; cat stderr.txt; }
      grep -qF -- "$named" stderr.txt || fail "$label: message does not name $named: $(cat stderr.txt)"
      ;;
    124) fail "$label: hung (killed after 120 s)" ;;
    *) fail "$label: exit $rc: $(tail -3 stderr.txt)" ;;
  esac
  local left
  left=$(cd out && ls -A | grep -v '^ws\.gpkg$' | head -3)
  [ -z "$left" ] || fail "$label: left behind: $left"
  [ $rc -ne 0 ] || [ "$1" != import ] || [ -f out/ws.gpkg ] || fail "$label: import succeeded without a workspace"
  return $rc
}

# Every layer report from --json adds up: kept plus every reason skipped equals read.
check_report() {
  python3 - "$1" <<'EOF' || fail "$2: the report does not add up"
import json, sys
report = json.load(open(sys.argv[1]))
for layer in report["layers"]:
    skipped = sum(layer["skipped"].values())
    if layer["features_kept"] + skipped != layer["features_read"]:
        print(layer); sys.exit(1)
EOF
}

count=0
while IFS= read -r -d '' src; do
  name=$(basename "$src")
  # A .dbf beside its .shp opens the same layer; try it alone only where the .shp is missing.
  case $name in *.dbf) [ -f "${src%.dbf}.shp" ] && continue ;; esac
  count=$((count + 1))
  run "info $name" "$name" -- info "$src"
  if run "import roads=$name" "$name" -- import out/ws.gpkg --boundary demo/boundary.shp --roads "$src" --json; then
    cp stdout.txt report.json && check_report report.json "import roads=$name"
  fi
  run "import boundary=$name" "$name" -- import out/ws.gpkg --boundary "$src" --roads demo/roads.shp
done < <(find "$edge" -type f \( -name '*.shp' -o -name '*.dbf' -o -name '*.zip' -o -name '*.tar' -o -name '*.tar.gz' -o -name '*.vrt' \) -print0 | sort -z)

[ "$count" -gt 50 ] || fail "only $count sources found in $edge"
[ "$failures" -eq 0 ] || { echo "$failures failures"; exit 1; }
echo "$count edge-case sources: each read or refused cleanly"
