# End-to-end: `cordon returnees` on the demo workspace: import, bad rows, batches, encodings, privacy.
set -u
. "$(dirname "$0")/lib.sh"
cli_init "$@"

expect_rc 0 "demo" "$CORDON" demo "$TMP/demo"
WS="$TMP/demo/demo.gpkg"

# The demo carries its returnees already; names and phone numbers never reach the file.
expect_rc 0 "list" "$CORDON" returnees "$WS" --list
grep -q "829 returnees" "$TMP/out" || fail "demo workspace does not hold 829 returnees"
for value in 居民0001 居民0417 居民0829 13900000001 13900000417 13900000829; do
    grep -q "$value" "$TMP/demo/returnees.csv" || fail "fixture lacks $value"
    if grep -aq "$value" "$WS"; then fail "workspace holds personal value $value"; fi
done

# Re-importing the same file replaces its batch; the report names the personal columns dropped.
expect_rc 0 "reimport" "$CORDON" returnees "$WS" --csv "$TMP/demo/returnees.csv"
grep -q "(replaced)" "$TMP/out" || fail "same batch name did not replace"
grep -q "personal columns among them: 姓名, 联系电话" "$TMP/out" || fail "personal columns not reported"
expect_rc 0 "json" "$CORDON" returnees "$WS" --csv "$TMP/demo/returnees.csv" --batch copy --json
grep -q '"武汉":21' "$TMP/out" || fail "json report lacks 21 from Wuhan"
expect_rc 0 "list2" "$CORDON" returnees "$WS" --list
grep -q "1658 returnees" "$TMP/out" || fail "a second batch did not add up"
expect_rc 0 "remove" "$CORDON" returnees "$WS" --remove copy
expect_rc 2 "remove unknown" "$CORDON" returnees "$WS" --remove copy
[ "$(wc -l <"$TMP/err")" = 1 ] || fail "remove of an unknown batch should print one line"

# Bad rows: listed with line numbers, exit 2 and nothing written; --skip-bad imports the rest.
printf '村,返乡日期,来源地\r\n王茅村,2020-01-23,武汉\r\n不存在村,2020-01-23,武汉\r\n\r\n东垣,,省外\r\n"西垣村",2020/1/24,"省外"\r\n' >"$TMP/bad.csv"
expect_rc 2 "bad rows" "$CORDON" returnees "$WS" --csv "$TMP/bad.csv" --village-field 村
grep -q "line 3: unknown village '不存在村'" "$TMP/out" || fail "unknown village not reported on line 3"
grep -q "line 5: missing date" "$TMP/out" || fail "missing date not reported on line 5"
grep -q "nothing imported" "$TMP/err" || fail "no one-line reason on stderr"
expect_rc 0 "list3" "$CORDON" returnees "$WS" --list
grep -q "bad.csv" "$TMP/out" && fail "a refused import left a batch"
expect_rc 0 "skip bad" "$CORDON" returnees "$WS" --csv "$TMP/bad.csv" --village-field 村 --skip-bad
grep -q "imported 2 returnees" "$TMP/out" || fail "--skip-bad did not import the 2 good rows"

# GBK with full-width digits and dates without a year.
if command -v iconv >/dev/null; then
    printf '姓名,村,日期,来源\n张三,王茅,１月２３日,武汉\n李四,东垣村,1月24日,省内\n' | iconv -f UTF-8 -t GBK >"$TMP/gbk.csv"
    expect_rc 2 "no year" "$CORDON" returnees "$WS" --csv "$TMP/gbk.csv"
    grep -q "has no year" "$TMP/out" || fail "missing year not explained"
    expect_rc 0 "gbk" "$CORDON" returnees "$WS" --csv "$TMP/gbk.csv" --year 2020
    grep -q "GB18030" "$TMP/out" || fail "GBK not detected"
    grep -q "imported 2 returnees" "$TMP/out" || fail "GBK rows not imported"
    if grep -aq "张三" "$WS"; then fail "workspace holds a name from the GBK file"; fi
fi

# Usage errors: exit 2 with one line.
expect_rc 2 "lon without lat" "$CORDON" returnees "$WS" --csv "$TMP/bad.csv" --lon-field 经度
expect_rc 2 "no mode" "$CORDON" returnees "$WS"
printf '姓名,村,日期\n张三,王茅,2020-01-23\n' >"$TMP/personal.csv"
expect_rc 2 "personal field" "$CORDON" returnees "$WS" --csv "$TMP/personal.csv" --origin-field 姓名
grep -q "looks personal" "$TMP/err" || fail "choosing a personal column was not refused"
expect_rc 0 "help" "$CORDON" returnees --help

# A township imported without a boundary: returnees need one and say so as analyze does, in one
# line; the daily report, the map and the roster work without it.
NB="$TMP/noboundary.gpkg"
expect_rc 0 "import without a boundary" "$CORDON" import "$NB" --no-boundary --roads "$TMP/demo/roads.shp" --villages "$TMP/demo/villages.shp"
refused "the township has no boundary yet; draw it in the map window" "$CORDON" returnees "$NB" --csv "$TMP/demo/returnees.csv"
if grep -q "no layer" "$TMP/err"; then fail "returnees print the raw missing layer: $(cat "$TMP/err")"; fi
analyzeLine=$("$CORDON" analyze "$NB" 2>&1 >/dev/null | sed 's/^analyze: //')
[ "$(sed 's/^returnees: //' "$TMP/err")" = "$analyzeLine" ] || fail "returnees and analyze say it differently: $(cat "$TMP/err") / $analyzeLine"
expect_rc 0 "scenario without a boundary" "$CORDON" scenario "$NB" create plan
expect_rc 0 "checkpoint without a boundary" "$CORDON" checkpoint "$NB" add --scenario plan --at 111.7,35.2 --name 东口
expect_rc 0 "daily report without a boundary" "$CORDON" report "$NB" --scenario plan --date 2020-02-01 --json
expect_rc 0 "render without a boundary" "$CORDON" render "$NB" --scenario plan --out "$TMP/nb.png" --size 800x600 --engine cpu
expect_rc 0 "export without a boundary" "$CORDON" export "$NB" --scenario plan --format csv --out "$TMP/nb.csv"
echo "returnees CLI: all checks passed"
