#!/usr/bin/env bash
# Plans on the command line: scenario settings (set/show), checkpoints by the number planners
# see, closures without staff, staffing by road class, refusals far outside the township, and
# plans kept by `import --replace`.
# usage: plans_cli.sh BUILD_DIR SOURCE_DIR
set -u
. "$(dirname "$0")/lib.sh"
cli_init "$@"
json() { python3 -c "import json,sys; d=json.load(sys.stdin); print(eval(sys.argv[1]))" "$1"; }

"$CORDON" demo "$T/demo" >/dev/null || fail "demo"
WS="$T/demo/demo.gpkg"
"$CORDON" scenario "$WS" create 方案A >/dev/null || fail "create A"
"$CORDON" scenario "$WS" create 方案B >/dev/null || fail "create B"

# Scenario settings: set changes what is given, show prints them.
"$CORDON" scenario "$WS" set 方案A --staff-available 96 --shifts 2 --guard-distance 800 --threshold 3 >/dev/null || fail "set"
show=$("$CORDON" scenario "$WS" show 方案A --json) || fail "show --json"
[ "$(json "d['staff_available'],d['shifts'],d['guard_distance_m'],d['small_count_threshold']" <<<"$show")" = "(96, 2, 800.0, 3)" ] ||
    fail "show does not give the settings: $show"
"$CORDON" scenario "$WS" set 方案A --staff-available 100 >/dev/null || fail "set one"
[ "$("$CORDON" scenario "$WS" show 方案A --json | json "d['staff_available'],d['shifts']")" = "(100, 2)" ] || fail "set changed others"
"$CORDON" scenario "$WS" show 方案A | grep -q 'staff available 100' || fail "show text"
refused "at least one" "$CORDON" scenario "$WS" set 方案A
refused "between 1 and 24" "$CORDON" scenario "$WS" set 方案A --shifts 0
refused "no scenario '方案X'" "$CORDON" scenario "$WS" show 方案X

# A checkpoint on the national road gets a national road's staff, as a suggested one would.
"$CORDON" checkpoint "$WS" --scenario 方案A add --at 111.7433,35.2317 --name 北口 >"$T/add" || fail "add 1"
grep -q '^added checkpoint #1 北口' "$T/add" || fail "add does not say #1: $(cat "$T/add")"
list=$("$CORDON" checkpoint "$WS" --scenario 方案A list --json)
[ "$(json "d[0]['number'],d[0]['class'],d[0]['staff_per_shift'],d[0]['shifts']" <<<"$list")" = "(1, 'national', 4, 2)" ] ||
    fail "a hand-added national-road checkpoint is not staffed by class: $list"

# Numbers run per scenario while ids run across the file.
"$CORDON" checkpoint "$WS" --scenario 方案B add --at 111.7433,35.2317 >/dev/null || fail "add B1"
"$CORDON" checkpoint "$WS" --scenario 方案A add --at 111.7545,35.2357 --name 东垣村口 >/dev/null || fail "add 2"
"$CORDON" checkpoint "$WS" --scenario 方案A add --at 111.7592,35.2387 --kind road_closure --name 封路 >/dev/null || fail "add 3"
list=$("$CORDON" checkpoint "$WS" --scenario 方案A list --json)
[ "$(json "[c['number'] for c in d]" <<<"$list")" = "[1, 2, 3]" ] || fail "numbers are not 1..3: $list"
[ "$(json "[c['id'] for c in d]" <<<"$list")" = "[1, 3, 4]" ] || fail "ids: $list"
# A closure has no staff: setting some is refused, and it lists as a closure.
refused "封路" "$CORDON" checkpoint "$WS" --scenario 方案A set '#3' --staff-per-shift 3
"$CORDON" checkpoint "$WS" --scenario 方案A list | grep '^ *#3 ' | grep -q 'closure, no staff' || fail "closure listed with staff"
[ "$(json "d[2]['staff_per_shift'],d[2]['staff_required']" <<<"$list")" = "(0, 0)" ] || fail "closure staff: $list"
# By number ('#3', --number 3, or a plain 2 that only the number matches: id 2 is 方案B's); by id with --id.
"$CORDON" checkpoint "$WS" --scenario 方案A set --number 2 --shifts 1 >/dev/null || fail "set --number"
"$CORDON" checkpoint "$WS" --scenario 方案A set 2 --name 东垣村口二 >/dev/null || fail "set 2 (the number)"
"$CORDON" checkpoint "$WS" --scenario 方案A set --id 4 --name 封路一 >/dev/null || fail "set --id"
list=$("$CORDON" checkpoint "$WS" --scenario 方案A list --json)
[ "$(json "d[1]['shifts'],d[1]['name'],d[2]['name'],d[2]['id']" <<<"$list")" = "(1, '东垣村口二', '封路一', 4)" ] ||
    fail "edits by number: $list"
# A plain 3 names id 3 (#2) and #3 (id 4): ambiguous, refused.
refused "ambiguous" "$CORDON" checkpoint "$WS" --scenario 方案A delete 3
"$CORDON" checkpoint "$WS" --scenario 方案A add --at 111.7433,35.2317 >/dev/null || fail "add 4"
# Deleting renumbers nothing; a copy keeps the numbers.
"$CORDON" checkpoint "$WS" --scenario 方案A delete '#2' >/dev/null || fail "delete #2"
"$CORDON" scenario "$WS" copy 方案A 方案C >/dev/null || fail "copy"
[ "$("$CORDON" checkpoint "$WS" --scenario 方案C list --json | json "[c['number'] for c in d]")" = "[1, 3, 4]" ] || fail "copy renumbered"
refused "no checkpoint #2" "$CORDON" checkpoint "$WS" --scenario 方案C move '#2' --at 111.7433,35.2317

# Far outside the township (more than the 800 m guard distance): refused unless --outside.
refused "outside the township" "$CORDON" checkpoint "$WS" --scenario 方案A add --at 111.70,35.40 --off-road
"$CORDON" checkpoint "$WS" --scenario 方案A add --at 111.70,35.40 --off-road --outside >/dev/null || fail "--outside"

# Re-import to add villages: the plans stay, each checkpoint re-snapped.
D="$T/demo"
"$CORDON" import "$T/ws.gpkg" --boundary "$D/boundary.shp" --roads "$D/roads.shp" --road-class-field 道路等级 >/dev/null || fail "import"
"$CORDON" scenario "$T/ws.gpkg" create 方案A >/dev/null || fail "create in ws"
"$CORDON" checkpoint "$T/ws.gpkg" --scenario 方案A add --at 111.7433,35.2317 >/dev/null || fail "add in ws"
"$CORDON" import "$T/ws.gpkg" --boundary "$D/boundary.shp" --roads "$D/roads.shp" --road-class-field 道路等级 \
    --villages "$D/villages.shp" --replace >"$T/reimport" || fail "re-import"
grep -q '^plans: 1 scenario(s), 1 checkpoint(s) kept' "$T/reimport" || fail "re-import does not report the plans: $(cat "$T/reimport")"
[ "$("$CORDON" checkpoint "$T/ws.gpkg" --scenario 方案A list --json | json "len(d), d[0]['number'], d[0]['class']")" = "(1, 1, 'national')" ] ||
    fail "the plan did not survive the re-import"
"$CORDON" import "$T/ws.gpkg" --boundary "$D/boundary.shp" --roads "$D/roads.shp" --replace --drop-plans --json >"$T/drop.json" ||
    fail "--drop-plans"
[ "$(json "d['plans']['dropped']" <"$T/drop.json")" = "True" ] || fail "--drop-plans not reported"
refused "no scenarios yet" "$CORDON" checkpoint "$T/ws.gpkg" list
refused "goes with --replace" "$CORDON" import "$T/ws3.gpkg" --boundary "$D/boundary.shp" --roads "$D/roads.shp" --drop-plans
# Web-map offsets are per layer: asked of the lon/lat boundary only, the roads stay as surveyed.
"$CORDON" import "$T/ws4.gpkg" --boundary "$D/boundary.shp" --boundary-coords gcj02 --roads "$D/roads.shp" >/dev/null ||
    fail "--boundary-coords"
echo "plans_cli: ok"
