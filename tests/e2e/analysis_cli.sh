#!/usr/bin/env bash
# analyze and suggest from the command line on the demo township: stable JSON keys, exact
# returnee counts, suggestions written as new scenarios that leave the source untouched.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
cli_init "$@"
demo_ws
cordon=$CORDON work=$T ws=$WS

# No scenario yet: an empty plan, every key present, nothing guarded.
"$cordon" analyze "$ws" --json > "$work/empty.json"
keys=$(json "$work/empty.json" '",".join(d.keys())')
[ "$keys" = "checkpoints,closures,staff_required,staff_available,entries_total,entries_guarded,unguarded,near_entries,returnees_total,returnees_by_origin,districts,checkpoint_load" ] \
    || fail "keys: $keys"
total=$(json "$work/empty.json" 'd["entries_total"]')
[ "$total" -ge 30 ] && [ "$total" -le 45 ] || fail "entries_total $total"
[ "$(json "$work/empty.json" 'len(d["unguarded"])')" = "$total" ] || fail "unguarded list"
[ "$(json "$work/empty.json" 'sorted(d["unguarded"][0].keys())')" = "['class', 'lat', 'lon', 'road']" ] || fail "unguarded keys"
[ "$(json "$work/empty.json" 'd["unguarded"][0]["class"]')" = "national" ] || fail "most important first"
[ "$(json "$work/empty.json" 'len(d["districts"])')" = 5 ] || fail "districts"
[ "$(json "$work/empty.json" 'all(sorted(e.keys()) == ["class", "gap_m", "lat", "lon", "road"] and 5 < e["gap_m"] <= 300 for e in d["near_entries"])')" = True ] \
    || fail "near entry keys"
# A wider entry gap never loses an entry, and takes near entries in.
"$cordon" analyze "$ws" --entry-gap 300 --json > "$work/wide.json"
[ "$(json "$work/wide.json" 'd["entries_total"] >= '"$total"' and all(e["gap_m"] > 300 for e in d["near_entries"])')" = True ] \
    || fail "--entry-gap 300"

# District-boundary entries on request: one extra key at the end, the others unchanged.
"$cordon" analyze "$ws" --district-entries --json > "$work/districts.json"
keys=$(json "$work/districts.json" '",".join(d.keys())')
[ "$keys" = "checkpoints,closures,staff_required,staff_available,entries_total,entries_guarded,unguarded,near_entries,returnees_total,returnees_by_origin,districts,checkpoint_load,district_entries" ] \
    || fail "keys with --district-entries: $keys"
[ "$(json "$work/districts.json" 'len(d["district_entries"]) > 0')" = True ] || fail "no district entries on the demo"
[ "$(json "$work/districts.json" 'sorted(d["district_entries"][0].keys())')" = "['class', 'from', 'guarded', 'lat', 'lon', 'road', 'to']" ] \
    || fail "district entry keys"
[ "$(json "$work/districts.json" 'all(e["from"] != e["to"] and not e["guarded"] for e in d["district_entries"])')" = True ] \
    || fail "district entries: two districts, none guarded by an empty plan"
"$cordon" analyze "$ws" --district-entries > "$work/districts.txt"
grep -q '^district entries 0 guarded of ' "$work/districts.txt" || fail "district entries text"

# Returnees and a scenario: exact counts by origin; the first scenario is the default.
"$cordon" returnees "$ws" --csv "$work/demo/returnees.csv" >/dev/null
"$cordon" scenario "$ws" create base >/dev/null
"$cordon" analyze "$ws" --json > "$work/base.json"
[ "$(json "$work/base.json" 'd["returnees_total"]')" = 829 ] || fail "returnees_total"
[ "$(json "$work/base.json" 'd["returnees_by_origin"]["武汉"]')" = 21 ] || fail "returnees from Wuhan"
[ "$(json "$work/base.json" 'sum(d["returnees_by_origin"].values())')" = 829 ] || fail "origins sum"

# Seal: a new scenario; the source keeps its (empty) plan.
"$cordon" suggest "$ws" --from base --into sealed --mode seal --json > "$work/seal.json"
n=$(json "$work/seal.json" 'len(d["suggested"])')
[ "$n" -gt 0 ] || fail "seal suggested nothing"
[ "$(json "$work/seal.json" 'd["entries_guarded"] == d["entries_total"] and d["staff_available"] == 120')" = True ] \
    || fail "a seal guards every entry"
"$cordon" analyze "$ws" --scenario sealed --json > "$work/sealed.json"
[ "$(json "$work/sealed.json" 'd["checkpoints"]')" = "$n" ] || fail "sealed scenario holds $n checkpoints"
[ "$(json "$work/sealed.json" 'd["entries_guarded"] == d["entries_total"]')" = True ] || fail "analyze counts the seal guarded"
[ "$(json "$work/sealed.json" 'len(d["checkpoint_load"])')" = "$n" ] || fail "load per checkpoint"
[ "$(json "$work/sealed.json" 'sum(c["returnees"] for c in d["checkpoint_load"]) <= d["returnees_total"]')" = True ] || fail "load sum"
"$cordon" analyze "$ws" --scenario base --json > "$work/base2.json"
[ "$(json "$work/base2.json" 'd["checkpoints"]')" = 0 ] || fail "source scenario changed"

# Budget: exactly N picks, each with its gain.
"$cordon" suggest "$ws" --from base --into five --mode budget --checkpoints 5 --json > "$work/five.json"
[ "$(json "$work/five.json" 'len(d["suggested"])')" = 5 ] || fail "budget of 5"
[ "$(json "$work/five.json" 'all(s["gain"] > 0 for s in d["suggested"])')" = True ] || fail "gains"
# A budget above what guarding everything takes is the seal, and says so.
"$cordon" suggest "$ws" --from base --into ample --mode budget --checkpoints 1000 > "$work/ample.txt"
grep -q "^$n checkpoint(s) suffice to guard every entry" "$work/ample.txt" || fail "budget: $n suffice"

# Bad input: exit status 2 with a one-line reason.
set +e
"$cordon" suggest "$ws" --from base --into x --mode nonsense 2>/dev/null; [ $? -eq 2 ] || fail "bad mode"
"$cordon" suggest "$ws" --from base --into sealed --mode seal 2>/dev/null; [ $? -eq 2 ] || fail "existing --into"
"$cordon" analyze "$ws" --scenario nope 2>/dev/null; [ $? -eq 2 ] || fail "unknown scenario"
"$cordon" analyze "$ws" --entry-gap -5 2>/dev/null; [ $? -eq 2 ] || fail "negative entry gap"
"$cordon" analyze "$ws" --entry-gap far 2>/dev/null; [ $? -eq 2 ] || fail "entry gap not a number"
set -e
echo "ok: $total entries, seal $n checkpoints"
