"""A brat reader from PyPI (pybrat) as the consumer of our brat export,
plus the rules brat's own server enforces on load.

usage: check_brat.py BRAT_DIR [EXPECTED_JSON]

* pybrat's BratParser(error="raise") parses every .txt/.ann pair;
* every fragment's code point offsets cut the .txt, and the fragments
  joined by one space equal the surface field (brat rejects a mismatch);
* fragments of one entity do not overlap; ids are unique per letter;
* entity types and attribute values are declared in annotation.conf,
  normalization DBs in tools.conf; N lines match brat's `\\S+ \\S+ \\S+?:\\S+`.
"""

import re
import sys
from pathlib import Path

from pybrat.parser import BratParser

from common import expect, load_expected

root = Path(sys.argv[1])
expected = load_expected(sys.argv[2] if len(sys.argv) > 2 else None)
conf = (root / "annotation.conf").read_text(encoding="utf-8")
tools = (root / "tools.conf").read_text(encoding="utf-8")
section, types, attrs = None, set(), {}
for line in conf.splitlines():
    if line.startswith("#") or not line.strip():
        continue
    if line.startswith("["):
        section = line.strip("[]")
    elif section == "entities":
        types.add(line.strip())
    elif section == "attributes":
        name, rest = line.split("\t", 1)
        values = rest.split("Value:", 1)[1].split("|") if "Value:" in rest else []
        attrs[name] = set(values)
dbs = {l.split("\t")[0] for l in tools.splitlines()[1:] if l.strip()}

examples = BratParser(error="raise").parse(root)
n_ent = 0
for ex in examples:
    text = ex.text
    expect(not text.startswith("\ufeff") and "\r" not in text, f"{ex.id}: BOM or CR in .txt")
    got = []
    for ent in ex.entities:
        expect(ent.type in types, f"{ex.id}: type {ent.type} not in annotation.conf")
        frags = [text[s.start:s.end] for s in ent.spans]
        expect(" ".join(frags) == ent.mention, f"{ex.id} {ent.id}: {frags} != {ent.mention!r}")
        spans = sorted((s.start, s.end) for s in ent.spans)
        expect(all(a[1] <= b[0] for a, b in zip(spans, spans[1:])), "fragments overlap")
        got.append((spans[0][0], spans[-1][1], text[spans[0][0]:spans[-1][1]], ent.type))
        n_ent += 1
    ann = (root / f"{ex.id}.ann").read_text(encoding="utf-8")
    ids = set()
    for line in ann.splitlines():
        id_ = line.split("\t", 1)[0]
        expect(id_ not in ids, f"{ex.id}: duplicate id {id_}")
        ids.add(id_)
        if line.startswith("A"):
            name, _target, value = line.split("\t")[1].split(" ")
            expect(value in attrs.get(name, ()), f"{ex.id}: {name}={value} not declared")
        if line.startswith("N"):
            body = line.split("\t")[1]
            expect(re.fullmatch(r"\S+ \S+ \S+?:\S+", body), f"N line {body!r}")
            expect(body.split(" ")[2].split(":")[0] in dbs, f"DB of {body!r} not in tools.conf")
    if expected is not None:
        want = expected[ex.id]
        expect(text.rstrip("\n") == want["text"].rstrip("\n"), f"{ex.id}: .txt differs from the source")
        got.sort(key=lambda g: (g[0], -g[1]))
        exp = [(e["start"], e["end"], e["text"], e["label"]) for e in want["entities"]]
        expect(got == exp, f"{ex.id}: {got} != {exp}")
print(f"pybrat: {len(examples)} documents, {n_ent} entities; every fragment cuts its surface "
      f"in code points; types, attribute values and DBs declared")
