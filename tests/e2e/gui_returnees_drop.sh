#!/usr/bin/env bash
# Returnees imported from the GUI: the demo's returnees.csv dropped on the window with
# --drop-role returnees (the dialog's Import button with the detected columns) brings back the
# 829 records (21 from Wuhan), and the personal columns never reach the workspace. Fails
# without xvfb-run.
set -euo pipefail
build=$1
command -v xvfb-run >/dev/null || { echo "FAIL: xvfb-run is not installed (bash .ci/cordon test installs it)"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export LIBGL_ALWAYS_SOFTWARE=1
check="python3 $2/tests/e2e/png_check.py"
json() { python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print($2)" "$1"; }
fail() { echo "FAIL: $*"; exit 1; }

"$build/cordon" demo "$tmp/demo" >/dev/null 2>&1
ws="$tmp/ws.gpkg"
cp "$tmp/demo/demo.gpkg" "$ws"
"$build/cordon" returnees "$ws" --remove returnees.csv >/dev/null
"$build/cordon" returnees "$ws" --list --json > "$tmp/empty.json"
[ "$(json "$tmp/empty.json" 'd["total"]')" = 0 ] || fail "the demo batch was not removed"

xvfb-run -a -n $((100 + RANDOM % 1000 * 4)) -s '-screen 0 1920x1080x24' "$build/cordon" "$ws" --lang en --drop "$tmp/demo/returnees.csv" \
  --drop-role returnees --screenshot "$tmp/imported.png"

"$build/cordon" returnees "$ws" --list --json > "$tmp/list.json"
[ "$(json "$tmp/list.json" 'd["total"]')" = 829 ] || fail "expected 829 records, got $(cat "$tmp/list.json")"
[ "$(json "$tmp/list.json" 'd["batches"][0]["name"]')" = returnees.csv ] || fail "batch not named after the file"
"$build/cordon" analyze "$ws" --json > "$tmp/analyze.json"
[ "$(json "$tmp/analyze.json" 'd["returnees_by_origin"]["武汉"]')" = 21 ] || fail "expected 21 returnees from Wuhan"

# Personal values of the dropped file are not in the workspace.
for value in $(python3 - "$tmp/demo/returnees.csv" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding='utf-8-sig')))
cols = [i for i, h in enumerate(rows[0]) if any(k in h for k in ('姓名', '电话', '手机', '身份证', '住址'))]
print(' '.join(rows[r][c] for r in (1, 2) for c in cols if rows[r][c]))
PY
); do
  ! grep -qaF "$value" "$ws" || fail "personal value '$value' reached the workspace"
done

test -s "$tmp/imported.png" || fail "no screenshot written"
colours=$($check colours "$tmp/imported.png")
[ "$colours" -gt 20 ] || fail "only $colours colours: the screenshot looks blank"

# The same drop without a role opens the dialog (a screenshot of it is taken, then the window exits).
xvfb-run -a -n $((100 + RANDOM % 1000 * 4)) -s '-screen 0 1920x1080x24' "$build/cordon" "$ws" --lang en --drop "$tmp/demo/returnees.csv" \
  --screenshot "$tmp/dialog.png"
test -s "$tmp/dialog.png" || fail "no screenshot of the dialog"
echo "ok: 829 records back, 21 from Wuhan, $colours colours"
