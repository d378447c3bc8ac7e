#!/usr/bin/env bash
# Every command given --json prints exactly one JSON document on stdout, and nothing else there.
set -euo pipefail
build=$1
cordon=$build/cordon
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$cordon" demo "$tmp/demo" --json > "$tmp/out.json"
python3 -c "import json,sys; json.load(open(sys.argv[1]))" "$tmp/out.json"
ws=$tmp/demo/demo.gpkg
check() {
  "$@" > "$tmp/out.json"
  python3 - "$tmp/out.json" "$*" <<'PY'
import json, sys
text = open(sys.argv[1], encoding="utf-8").read()
try:
    doc, end = json.JSONDecoder().raw_decode(text)
except ValueError as e:
    sys.exit("not JSON (%s): %s: %r" % (e, sys.argv[2], text[:200]))
if text[end:].strip():
    sys.exit("more than one document: %s" % sys.argv[2])
PY
}
check "$cordon" info "$tmp/demo/roads.shp" --json
check "$cordon" scenario "$ws" create 方案一 --json
check "$cordon" scenario "$ws" copy 方案一 方案二 --json
check "$cordon" scenario "$ws" rename 方案二 方案三 --json
check "$cordon" scenario "$ws" list --json
check "$cordon" checkpoint "$ws" --scenario 方案一 add --at 111.70,35.20 --json
check "$cordon" checkpoint "$ws" --scenario 方案一 set 1 --shifts 2 --json
check "$cordon" checkpoint "$ws" --scenario 方案一 move 1 --at 111.70,35.20 --json
check "$cordon" checkpoint "$ws" --scenario 方案一 list --json
check "$cordon" analyze "$ws" --json
check "$cordon" returnees "$ws" --list --json
check "$cordon" suggest "$ws" --from 方案一 --into 封控 --mode seal --json
check "$cordon" checkpoint "$ws" --scenario 方案一 delete 1 --json
check "$cordon" scenario "$ws" delete 方案三 --json
check "$cordon" import "$tmp/ws2.gpkg" --boundary "$tmp/demo/boundary.shp" --roads "$tmp/demo/roads.shp" --json
echo "json output: ok"
