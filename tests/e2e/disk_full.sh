#!/usr/bin/env bash
# Import onto a full disk (a small tmpfs): refused as "disk full", no partial file, an existing workspace unchanged.
# usage: disk_full.sh BUILD_DIR SOURCE_DIR   (needs permission to mount a tmpfs: root, as in CI; 77 = skipped)
set -uo pipefail
build=$(cd "$1" && pwd)
cordon=$build/cordon
[ -x "$cordon" ] || { echo "FAIL: no $cordon"; exit 1; }
work=$(mktemp -d)
disk=$work/disk
mkdir "$disk"
cleanup() {
  mountpoint -q "$disk" && umount "$disk"
  rm -rf "$work"
}
trap cleanup EXIT
if ! mount -t tmpfs -o size=1m tmpfs "$disk" 2>/dev/null; then
  echo "skipped: cannot mount a tmpfs here (needs root)"
  exit 77
fi
cd "$work"
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

"$cordon" demo demo >/dev/null 2>&1 || { echo "FAIL: cordon demo"; exit 1; }
import() { timeout 120 "$cordon" import "$1" --boundary demo/boundary.shp --districts demo/districts.shp \
  --roads demo/roads.shp --villages demo/villages.shp "${@:2}"; }

# A workspace that fits, then a disk filled up to a few kilobytes.
import "$disk/ws.gpkg" >/dev/null 2>stderr.txt || { echo "FAIL: first import: $(cat stderr.txt)"; exit 1; }
before=$(sha256sum "$disk/ws.gpkg" | cut -d' ' -f1)
dd if=/dev/zero of="$disk/filler" bs=4k 2>/dev/null
truncate -s -16k "$disk/filler"

expect_disk_full() {  # LABEL TARGET [import options]
  local label=$1 target=$2
  shift 2
  import "$target" "$@" >stdout.txt 2>stderr.txt
  local rc=$?
  [ "$rc" -eq 2 ] || fail "$label: exit $rc, expected 2"
  [ "$(wc -l <stderr.txt)" -eq 1 ] || { fail "$label: not one stderr line:"; cat stderr.txt; }
  grep -q "disk full" stderr.txt || fail "$label: no 'disk full' in: $(cat stderr.txt)"
  grep -qF "$(basename "$target")" stderr.txt || fail "$label: the message does not name the workspace: $(cat stderr.txt)"
  echo "ok   $label: $(cat stderr.txt)"
}
expect_disk_full "new workspace on a full disk" "$disk/new.gpkg"
expect_disk_full "replacing a workspace on a full disk" "$disk/ws.gpkg" --replace

# Nothing partial: only the first workspace and the filler remain, and the workspace is as it was.
left=$(cd "$disk" && ls -A | sort | tr '\n' ' ')
[ "$left" = "filler ws.gpkg " ] || fail "left on the disk: $left"
[ "$(sha256sum "$disk/ws.gpkg" | cut -d' ' -f1)" = "$before" ] || fail "the existing workspace changed"
"$cordon" info "$disk/ws.gpkg" >/dev/null 2>stderr.txt || fail "the existing workspace no longer reads: $(cat stderr.txt)"

# With the space back, the same import succeeds.
rm -f "$disk/filler"
import "$disk/ws.gpkg" --replace >/dev/null 2>stderr.txt || fail "import after freeing space: $(cat stderr.txt)"

[ "$failures" -eq 0 ] || { echo "$failures failures"; exit 1; }
echo "full disk refused cleanly"
