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

# Returnee tables: UTF-8 with BOM, GBK, quoted newlines, CR-only lines, tabs, ragged rows.
csv = {
    "utf8-bom.csv": "\ufeff序号,姓名,村名,返乡日期,来源地,经度,纬度\n1,张三,王茅村,2020-01-23,武汉,111.70,35.20\n"
                    "2,李四,东垣村,2020/1/24,北京,111.71,35.21\n".encode("utf-8"),
    "gbk.csv": "序号,村名,返乡日期,人数\r\n1,王茅村,2020年1月23日,３\r\n2,\"东垣村, 南\",1月25日,１２\r\n".encode("gbk"),
    "quoted.csv": b'id,note,date\n1,"line one\nline two",20200123\n2,"say ""hi""",43853\n\n3,,2020.1.23 08:30\n',
    "tab.tsv": b"id\tvillage\tdate\n1\tA\t1-23\n2\tB\t2020-02-30\n",
    "cr-only.csv": b'a,b\r1,2\r3,"4\r5"\r',
    "ragged.csv": b'a,b,c\n1\n1,2,3,4,5\n"unterminated,6\n',
}
for name, data in csv.items():
    put("csv", name, data)

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

    # The same workspace with a plan and triggers and views Cordon did not make: one named like an
    # R-tree trigger that deletes the other scenario's checkpoints and copies phones out, one hidden
    # behind quotes, a comment and brackets, and a view with an INSTEAD OF trigger.
    subprocess.run(["sqlite3", ws], check=True, input=b"""
INSERT INTO cordon_scenarios(name) VALUES ('A'), ('B');
INSERT INTO checkpoints(geom, scenario_id, scenario, name, kind, staff_per_shift, shifts, staff_required)
  SELECT NULL, id, name, 'b1', 'road_checkpoint', 2, 3, 6 FROM cordon_scenarios WHERE name = 'B';
CREATE TABLE loot(v);
CREATE TRIGGER rtree_checkpoints_geom_insert AFTER INSERT ON checkpoints BEGIN
  DELETE FROM checkpoints WHERE scenario_id != NEW.scenario_id; INSERT INTO loot SELECT phone FROM checkpoints; END;
CREATE TRIGGER "sneaky" BEFORE INSERT ON cordon_scenarios BEGIN UPDATE/**/[checkpoints] SET name = 'x'; END;
CREATE VIEW leak AS SELECT leader, phone FROM checkpoints;
CREATE TRIGGER leak_write INSTEAD OF INSERT ON leak BEGIN DELETE FROM cordon_meta; END;
PRAGMA page_size=512; VACUUM;
""")
    put("workspace", "triggers.gpkg", open(ws, "rb").read())
finally:
    shutil.rmtree(tmp)
