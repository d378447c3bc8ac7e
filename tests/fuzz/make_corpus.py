#!/usr/bin/env python3
"""Writes the fuzz seed corpus (tests/fuzz/corpus/<target>/): small WKB, GeoJSON, shapefile and
workspace inputs. usage: make_corpus.py CORDON_BINARY  (needs ogr2ogr and sqlite3 on PATH)"""
import json, os, shutil, struct, subprocess, sys, tempfile

here = os.path.dirname(os.path.abspath(__file__))
cordon = os.path.abspath(sys.argv[1])
corpus = os.path.join(here, "corpus")


def put(target, name, data):
    d = os.path.join(corpus, target)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)


# WKB: every type Cordon reads, both byte orders, Z/M, and GeoPackage blobs.
def pts(coords, dims=2):
    return b"".join(struct.pack("<" + "d" * dims, *c[:dims]) for c in coords)

def wkb(t, body, little=True):
    return (b"\x01" + struct.pack("<I", t) if little else b"\x00" + struct.pack(">I", t)) + body

square = [(0, 0), (10, 0), (10, 10), (0, 10), (0, 0)]
hole = [(2, 2), (4, 2), (4, 4), (2, 4), (2, 2)]
point = wkb(1, pts([(1.5, 2.5)]))
line = wkb(2, struct.pack("<I", 3) + pts([(0, 0), (1, 1), (2, 0)]))
poly = wkb(3, struct.pack("<I", 2) + struct.pack("<I", 5) + pts(square) + struct.pack("<I", 5) + pts(hole))
samples = {
    "point": point,
    "point-be": b"\x00" + struct.pack(">I", 1) + struct.pack(">dd", 1.5, 2.5),
    "point-z": wkb(1001, pts([(1, 2, 3)], 3)),
    "point-zm": wkb(3001, pts([(1, 2, 3, 4)], 4)),
    "point-empty": wkb(1, struct.pack("<dd", float("nan"), float("nan"))),
    "line": line,
    "line-m": wkb(2002, struct.pack("<I", 2) + pts([(0, 0, 7), (1, 1, 8)], 3)),
    "polygon-hole": poly,
    "multipoint": wkb(4, struct.pack("<I", 2) + point + point),
    "multiline": wkb(5, struct.pack("<I", 2) + line + line),
    "multipolygon": wkb(6, struct.pack("<I", 2) + poly + poly),
    "collection": wkb(7, struct.pack("<I", 3) + point + line + poly),
}
for name, blob in samples.items():
    put("wkb", name + ".wkb", blob)
# GeoPackage blobs: no envelope, and an XY envelope.
put("wkb", "gpkg-point.blob", b"GP\x00\x01" + struct.pack("<i", 4326) + point)
put("wkb", "gpkg-polygon-env.blob", b"GP\x00\x03" + struct.pack("<i", 4326) + struct.pack("<dddd", 0, 10, 0, 10) + poly)

# GeoJSON: small collections of every kind, with a null and an empty geometry.
def fc(features, crs=None):
    d = {"type": "FeatureCollection", "features": features}
    if crs:
        d["crs"] = {"type": "name", "properties": {"name": crs}}
    return json.dumps(d, ensure_ascii=False).encode()

def feat(geom, **props):
    return {"type": "Feature", "properties": props, "geometry": geom}

ring = [[111.70, 35.20], [111.71, 35.20], [111.71, 35.21], [111.70, 35.21], [111.70, 35.20]]
geo = {
    "roads": fc([feat({"type": "LineString", "coordinates": [[111.70, 35.20], [111.72, 35.22]]}, name="村道", highway="residential"),
                 feat({"type": "MultiLineString", "coordinates": [[[111.7, 35.2], [111.8, 35.3]], [[111.8, 35.3], [111.9, 35.3]]]}),
                 feat(None, name="none")]),
    "boundary": fc([feat({"type": "Polygon", "coordinates": [ring]}, 名称="王茅镇"),
                    feat({"type": "MultiPolygon", "coordinates": [[ring], [[[111.8, 35.2], [111.81, 35.2], [111.8, 35.21], [111.8, 35.2]]]]}),
                    feat({"type": "Polygon", "coordinates": []})]),
    "points": fc([feat({"type": "Point", "coordinates": [111.7, 35.2]}, n=1), feat({"type": "MultiPoint", "coordinates": [[111.7, 35.2]]})]),
    "mixed": fc([feat({"type": "GeometryCollection", "geometries": [{"type": "Point", "coordinates": [1, 2]},
                                                                   {"type": "LineString", "coordinates": [[1, 2], [3, 4]]}]})]),
    "projected": fc([feat({"type": "LineString", "coordinates": [[570000, 3900000], [571000, 3901000]]})], "urn:ogc:def:crs:EPSG::4546"),
}
for name, data in geo.items():
    put("geojson", name + ".geojson", data)

tmp = tempfile.mkdtemp()
try:
    # Shapefiles written by GDAL from the GeoJSON above, one per geometry kind.
    for name, kind in (("roads", "LINESTRING"), ("boundary", "POLYGON"), ("points", "POINT")):
        src = os.path.join(tmp, name + ".geojson")
        open(src, "wb").write(geo[name])
        out = os.path.join(tmp, name + ".shp")
        subprocess.run(["ogr2ogr", "-f", "ESRI Shapefile", "-nlt", "PROMOTE_TO_MULTI" if kind != "POINT" else kind,
                        "-lco", "ENCODING=CP936", out, src], check=True, stderr=subprocess.DEVNULL)
        parts = [open(os.path.join(tmp, name + ext), "rb").read() for ext in (".shp", ".shx", ".dbf")]
        put("shapefile", name + ".bundle", struct.pack("<II", len(parts[0]), len(parts[1])) + b"".join(parts))

    # A tiny workspace, vacuumed with small pages so the seed stays small.
    for name in ("roads", "boundary"):
        open(os.path.join(tmp, name + ".geojson"), "wb").write(geo[name])
    ws = os.path.join(tmp, "ws.gpkg")
    subprocess.run([cordon, "import", ws, "--boundary", os.path.join(tmp, "boundary.geojson"),
                    "--roads", os.path.join(tmp, "roads.geojson")], check=True, stdout=subprocess.DEVNULL)
    subprocess.run(["sqlite3", ws, "PRAGMA page_size=512; VACUUM;"], check=True)
    put("workspace", "tiny.gpkg", open(ws, "rb").read())
finally:
    shutil.rmtree(tmp)
