#!/usr/bin/env bash
# A checkpoint edit on a full disk is refused with a message, and the workspace keeps every
# earlier edit and passes integrity_check. Needs a small tmpfs (mount); skipped where that is denied.
# usage: full_disk_edit.sh BUILD_DIR SOURCE_DIR
set -u
. "$(dirname "$0")/lib.sh"
cli_init "$@"
needs sqlite3
MNT="$T/small"
demo_ws
size=$(( $(stat -c %s "$T/demo/demo.gpkg") / 1024 + 512 ))
mkdir -p "$MNT"
mount -t tmpfs -o size=${size}k tmpfs "$MNT" 2>/dev/null || { echo "skip: cannot mount a tmpfs here"; exit 77; }
mounted=1
WS="$MNT/ws.gpkg"
cp "$T/demo/demo.gpkg" "$WS"
"$CORDON" scenario "$WS" create A >/dev/null || fail "create scenario"
"$CORDON" checkpoint "$WS" --scenario A add --at 111.7433,35.2317 --name 甲 >/dev/null || fail "first add"
dd if=/dev/zero of="$MNT/filler" bs=1k 2>/dev/null   # fill what is left
refused=0
for i in $(seq 1 20); do
    "$CORDON" checkpoint "$WS" --scenario A add --at 111.7545,35.2357 --name "x$i" >/dev/null 2>"$T/err"
    rc=$?
    if [ $rc != 0 ]; then
        [ $rc = 2 ] || fail "add on a full disk exited $rc"
        grep -qi 'disk full\|full' "$T/err" || fail "unclear message: $(cat "$T/err")"
        refused=1
        break
    fi
done
[ $refused = 1 ] || fail "20 adds on a full disk all succeeded"
rm -f "$MNT/filler"
[ "$(sqlite3 "$WS" 'PRAGMA integrity_check')" = ok ] || fail "integrity_check after the refused edit"
sqlite3 "$WS" 'SELECT name FROM checkpoints' | grep -qx 甲 || fail "an earlier edit was lost"
"$CORDON" checkpoint "$WS" --scenario A add --at 111.7545,35.2357 --name 乙 >/dev/null || fail "add once space is back"
echo "full disk: edit refused with '$(cat "$T/err")'; workspace intact"
