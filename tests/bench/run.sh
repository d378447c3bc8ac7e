#!/usr/bin/env bash
# Cordon's benchmark suite: prints one table, figures as medians over RUNS with peak memory.
#   bash tests/bench/run.sh [SIZES]      SIZES (road segments of `cordon demo --roads N`)
#                                        default "10k 100k 1M"
# env: RUNS=3  BENCHDATA=/tmp/benchdata  BUILD=build  PEERS=1 (0 skips Mapnik/QGIS)  GUI_FRAMES=1200
#      SEAL_TIMEOUT=300 (s)  PEER_SIZES="10k 100k" (road features of the peers' township: about
#      11 vertices each, so 10k features = 100k segments and 100k features = 1M segments)
# Needs: build/cordon (bash .ci/cordon test builds it), gdal-bin, python3-gdal; for peers
# python3-mapnik mapnik-utils python3-qgis qgis-providers (installed on first run when PEERS=1).
set -uo pipefail
here=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${BUILD:-$here/build}
CORDON=$BUILD/cordon
RUNS=${RUNS:-3}
DATA=${BENCHDATA:-/tmp/benchdata}
PEERS_DIR=$here/../shared/bench/peers
SIZES=${*:-10k 100k 1M}
GUI_FRAMES=${GUI_FRAMES:-1200}  # about 20 s at the empty map's frame rate
mkdir -p "$DATA"
[ -x "$CORDON" ] || { echo "build first: bash .ci/cordon test" >&2; exit 2; }

if [ "${PEERS:-1}" = 1 ] && ! /usr/bin/python3 -c "import mapnik, qgis.core" 2>/dev/null; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo=sudo
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends gdal-bin python3-gdal \
    python3-mapnik mapnik-utils python3-qgis qgis-providers xvfb xauth >/dev/null
fi

count() { case "$1" in *[kK]) echo $(( ${1%[kK]} * 1000 ));; *[mM]) echo $(( ${1%[mM]} * 1000000 ));; *) echo "$1";; esac; }

# measure NAME CMD...: runs RUNS times, prints "NAME median_s peak_MB"
measure() {
  local name=$1; shift
  local times=() peak=0 t rss
  for _ in $(seq 1 "$RUNS"); do
    /usr/bin/time -f "%e %M" -o "$DATA/.time" bash -c "$*" >"$DATA/.out" 2>"$DATA/.err"
    local rc=$?
    if [ $rc -ne 0 ]; then printf "%-44s FAILED rc=%s: %s\n" "$name" "$rc" "$(tail -1 "$DATA/.err")"; return 1; fi
    read -r t rss < <(tail -1 "$DATA/.time")
    times+=("$t"); [ "$rss" -gt "$peak" ] && peak=$rss
  done
  local med
  med=$(printf "%s\n" "${times[@]}" | sort -g | awk '{a[NR]=$1} END{print (NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2}')
  printf "%-44s %9.3f s %9.1f MB\n" "$name" "$med" "$(echo "$peak/1024" | bc -l)"
}

echo "# Cordon benchmarks  $(date -Is)  host=$(hostname) cores=$(nproc) $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "# cordon $(git -C "$here" rev-parse --short HEAD 2>/dev/null)  runs=$RUNS"
printf "%-44s %11s %12s\n" figure median peak_memory

for size in $SIZES; do
  n=$(count "$size")
  src=$DATA/demo_seg_$n
  if [ ! -s "$src/roads.shp" ]; then "$CORDON" demo "$src" --roads "$n" >/dev/null || exit 1; fi
  ws=$src/bench.gpkg

  # 1. import against ogr2ogr of the same layers; opening against GDAL's columnar read.
  measure "import $size: cordon import" "rm -f $ws; $CORDON import $ws --boundary $src/boundary.shp --districts $src/districts.shp --villages $src/villages.shp --roads $src/roads.shp"
  measure "import $size: ogr2ogr -f GPKG (same layers)" "rm -f $DATA/ogr.gpkg; for l in roads boundary districts villages; do ogr2ogr -f GPKG -update -append $DATA/ogr.gpkg $src/\$l.shp -nln \$l || exit 1; done"
  if "$CORDON" analyze --help >/dev/null 2>&1; then
    measure "open $size: cordon analyze" "$CORDON analyze $ws --json"
  fi
  measure "open $size: GDAL Arrow stream read" "/usr/bin/python3 -c \"
from osgeo import ogr
ds = ogr.Open('$ws')
for name in ['boundary','districts','villages','roads']:
    lyr = ds.GetLayerByName(name)
    for b in lyr.GetArrowStreamAsNumPy(options=['USE_MASKED_ARRAYS=NO','MAX_FEATURES_IN_BATCH=65536']): pass
\""
  # 4. analysis.
  if "$CORDON" suggest --help >/dev/null 2>&1; then
    "$CORDON" scenario "$ws" create bench >/dev/null 2>&1
    measure "seal $size: cordon suggest --mode seal" "$CORDON scenario $ws delete sealed >/dev/null 2>&1; timeout ${SEAL_TIMEOUT:-300} $CORDON suggest $ws --from bench --into sealed --mode seal"
  fi
  # 2. snapshot of the workspace at 4K.
  if "$CORDON" render --help >/dev/null 2>&1; then
    measure "render $size: cordon render 3840x2160" "$CORDON render $ws --out $DATA/render_$n.png --size 3840x2160"
  fi
done

# 5. plan storage: 10,000 checkpoints saved and loaded, single edits committed.
if [ -x "$BUILD/tests/plan_bench" ]; then
  echo "# plan storage (tests/bench/plan_bench.cpp, workspace on $(df --output=fstype "${TMPDIR:-/tmp}" | tail -1))"
  "$BUILD/tests/plan_bench" 10 | grep -v '^snap index' | sed 's/^/  /'
fi

# 2. snapshot against Mapnik and QGIS on the peers' synthetic township (imported first).
if [ "${PEERS:-1}" = 1 ] && [ -d "$PEERS_DIR" ] && "$CORDON" render --help >/dev/null 2>&1; then
  for size in ${PEER_SIZES:-10k 100k}; do
    n=$(count "$size")
    gpkg=$DATA/township_$n.gpkg
    [ -s "$gpkg" ] || BENCHDATA=$DATA /usr/bin/python3 "$PEERS_DIR/gen_synthetic.py" --roads "$n" --out "$gpkg" >/dev/null
    ws=$DATA/peers_ws_$n.gpkg
    "$CORDON" import "$ws" --replace --boundary "$gpkg" --boundary-layer township --districts "$gpkg" --districts-layer districts \
      --villages "$gpkg" --villages-layer villages --roads "$gpkg" --roads-layer roads --road-class-field class >/dev/null || continue
    { echo "cordon_cpu  $CORDON render $ws --engine cpu --out {OUT} --size {W}x{H}"
      echo "cordon_gl  $CORDON render $ws --engine gl --out {OUT} --size {W}x{H}"; } > "$DATA/extra_peers.txt"
    segs=$(/usr/bin/python3 -c "import json;m=json.load(open('$gpkg.json'));print(m['road_vertices']-m['counts']['roads'])" 2>/dev/null)
    echo "# peers at $size road features ($segs segments; run_peers.sh; cordon renders the workspace imported from the same file)"
    EXTRA_PEERS=$DATA/extra_peers.txt BENCHDATA=$DATA RUNS=$RUNS bash "$PEERS_DIR/run_peers.sh" "$size" gdal_arrow mapnik qgis_parallel cordon_cpu cordon_gl 2>&1 | grep -v '^# data'
    # Where Cordon's time goes at this size with each engine: `render --timings`, each stage's median over the runs.
    for engine in cpu gl; do
    for r in $(seq 1 "$RUNS"); do
      "$CORDON" render "$ws" --engine $engine --out "$DATA/timed_$n.png" --size 3840x2160 --force --timings 2>&1 >/dev/null | grep '^stage_s'
    done | ENGINE=$engine python3 -c '
import os, statistics, sys
stages = {}
for line in sys.stdin:
    _, name, seconds = line.rstrip("\n").split("\t")
    stages.setdefault(name, []).append(float(seconds))
print("  cordon %s stages (median s):" % os.environ["ENGINE"], " ".join("%s %.3f" % (k, statistics.median(v)) for k, v in stages.items()))'
    done
  done
fi

# 3. GUI frame times under Xvfb: the 1M-segment workspace against an empty one (the boundary
# and a single road) and the plain demo, same scripted camera, same run.
if command -v xvfb-run >/dev/null && "$CORDON" --help 2>/dev/null | grep -q -- "--frame-log"; then
  big=$DATA/demo_seg_1000000/bench.gpkg
  small=$DATA/cordon_0/bench.gpkg
  empty=$DATA/empty/bench.gpkg
  [ -s "$small" ] || { "$CORDON" demo "$DATA/cordon_0" >/dev/null && cp "$DATA/cordon_0/demo.gpkg" "$small"; }
  if [ ! -s "$empty" ]; then
    mkdir -p "$DATA/empty"
    ogr2ogr -lco ENCODING=UTF-8 -where "FID = 0" "$DATA/empty/one_road.shp" "$DATA/cordon_0/roads.shp" 2>/dev/null
    "$CORDON" import "$empty" --boundary "$DATA/cordon_0/boundary.shp" --roads "$DATA/empty/one_road.shp" >/dev/null 2>&1
  fi
  for ws in "$empty" "$small" "$big"; do
    [ -s "$ws" ] || continue
    log=$DATA/frames_$(basename "$(dirname "$ws")").log
    LIBGL_ALWAYS_SOFTWARE=1 timeout 300 xvfb-run -a -s '-screen 0 1920x1080x24' \
      "$CORDON" "$ws" --frame-log "$log" --camera-script pan-zoom --frames "$GUI_FRAMES" --size 1920x1080 >/dev/null 2>&1
    [ -s "$log" ] && sort -g "$log" | awk -v name="frames $(basename "$(dirname "$ws")")" \
      '{a[NR]=$1} END{printf "%-44s median %.2f ms  p95 %.2f ms  p99 %.2f ms  (%d frames)\n", name, a[int(NR*0.5)+1], a[int(NR*0.95)+1], a[int(NR*0.99)+1], NR}'
  done
fi

# 6. basemaps: a 1 GB tiled GeoTIFF with overviews (Web Mercator over the demo township, made here
# from a generated pattern) linked under the demo; render at 4K and GUI frames with and without it.
if [ "${BASEMAP:-1}" = 1 ] && command -v gdal_translate >/dev/null && "$CORDON" basemap --help >/dev/null 2>&1; then
  bm=$DATA/basemap
  mkdir -p "$bm"
  if [ ! -s "$bm/big.tif" ]; then
    /usr/bin/python3 -c "
import math
w = h = 1024
rows = bytearray()
for y in range(h):
    for x in range(w):
        rows += bytes(((x * 7 + y * 3) % 256, int(128 + 127 * math.sin(x / 37.0) * math.cos(y / 53.0)), (x ^ y) & 255))
open('$bm/pattern.ppm', 'wb').write(b'P6 %d %d 255\\n' % (w, h) + rows)"
    gdal_translate -q -a_srs EPSG:3857 -a_ullr 12410000 4215000 12457000 4170000 -outsize 18600 18600 -r bilinear \
      -co TILED=YES -co BIGTIFF=YES "$bm/pattern.ppm" "$bm/big.tif" && gdaladdo -q -r average "$bm/big.tif" 2 4 8 16 32 64
  fi
  rm -rf "$bm/demo" && "$CORDON" demo "$bm/demo" >/dev/null
  cp "$bm/demo/demo.gpkg" "$bm/plain.gpkg"
  cp "$bm/demo/demo.gpkg" "$bm/based.gpkg"
  "$CORDON" basemap "$bm/based.gpkg" add "$bm/big.tif" --link >/dev/null
  # One 256-pixel tile as the map window's workers warp it (files kept open) and with the file opened anew.
  [ -x "$BUILD/tests/basemap_bench" ] && "$BUILD/tests/basemap_bench" "$bm/based.gpkg" 300 | sed 's/^/  /'
  measure "render demo: cordon render 3840x2160" "$CORDON render $bm/plain.gpkg --out $bm/plain.png --size 3840x2160 --force"
  measure "render demo + 1 GB GeoTIFF basemap: cordon render 3840x2160" "$CORDON render $bm/based.gpkg --out $bm/based.png --size 3840x2160 --force"
  if command -v xvfb-run >/dev/null; then
    for ws in plain based; do
      log=$bm/frames_$ws.log
      LIBGL_ALWAYS_SOFTWARE=1 timeout 300 xvfb-run -a -s '-screen 0 1920x1080x24' \
        "$CORDON" "$bm/$ws.gpkg" --frame-log "$log" --camera-script pan-zoom --frames "$GUI_FRAMES" --size 1920x1080 >/dev/null 2>&1
      [ -s "$log" ] && sort -g "$log" | awk -v name="frames demo ($ws)" \
        '{a[NR]=$1} END{printf "%-44s median %.2f ms  p95 %.2f ms  p99 %.2f ms  max %.2f ms  (%d frames)\n", name, a[int(NR*0.5)+1], a[int(NR*0.95)+1], a[int(NR*0.99)+1], a[NR], NR}'
    done
    # The basemap's cost per frame: each percentile with it over the same without it (target: at most 1.5).
    if [ -s "$bm/frames_plain.log" ] && [ -s "$bm/frames_based.log" ]; then
      paste <(sort -g "$bm/frames_plain.log") <(sort -g "$bm/frames_based.log") | awk '
        {p[NR]=$1; b[NR]=$2} END{n=NR; printf "basemap / no basemap frame time               median %.2f  p95 %.2f  p99 %.2f  max %.2f\n",
          b[int(n*0.5)+1]/p[int(n*0.5)+1], b[int(n*0.95)+1]/p[int(n*0.95)+1], b[int(n*0.99)+1]/p[int(n*0.99)+1], b[n]/p[n]}'
    fi
  fi
fi
