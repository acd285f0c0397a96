#!/usr/bin/env python3
"""Builds tests/heldout/{articles,gold} from the hand-annotated sources in
tests/heldout/annotated/*.ann.

An .ann file is the article text with every entity written inline as
    ⟦K VALUE|TEXT⟧      (K: c company, m money, p percent, d date; K? = optional)
  c  canonical name (empty: the text itself)
  m  AMOUNT CURRENCY [per=UNIT] [q=QUALIFIER]   (CURRENCY '-' = null)
  p  PERCENT [q=QUALIFIER]
  d  TYPE TIMEX [mod=MOD]
The first lines are headers: `#lang: zh-Hans`, `#dct: 2025-11-12`, optionally
`#dct_note: ...` and `#ext: md` (the article is Markdown; default txt).
Offsets are computed here (code points, end exclusive) and every entity's
text is checked against its slice; the annotation itself is by hand.
"""
import json, pathlib, re, sys

HERE = pathlib.Path(__file__).resolve().parent
MARK = re.compile(r"⟦([cmpd])(\?)? ?([^|⟦⟧]*)\|([^⟦⟧]*)⟧")
QUALS = {"more_than", "less_than", "about", "at_least", "at_most", "over"}


def num(s):
    v = float(s)
    return int(v) if v == int(v) and abs(v) < 1e15 else v


def parse_value(kind, val, text):
    parts = val.split()
    opts = dict(p.split("=", 1) for p in parts if "=" in p)
    pos = [p for p in parts if "=" not in p]
    q = opts.get("q")
    if q is not None and q not in QUALS:
        raise ValueError(f"bad qualifier {q}")
    if kind == "c":
        return {"canonical": val.strip() or text}, None
    if kind == "m":
        v = {"amount": num(pos[0]), "currency": None if pos[1] == "-" else pos[1]}
        if "per" in opts:
            v["per"] = opts["per"]
        return v, q
    if kind == "p":
        return {"percent": num(pos[0])}, q
    if kind == "d":
        assert pos[0] in ("date", "time", "duration", "set"), pos
        v = {"type": pos[0], "timex": pos[1]}
        if "mod" in opts:
            v["mod"] = opts["mod"]
        return v, q
    raise ValueError(kind)


KINDS = {"c": "company", "m": "money", "p": "percent", "d": "date"}


def build(path):
    raw = path.read_text(encoding="utf-8")
    lines = raw.split("\n")
    headers = {}
    while lines and lines[0].startswith("#"):
        k, v = lines.pop(0)[1:].split(":", 1)
        headers[k.strip()] = v.strip()
    src = "\n".join(lines)
    out, ents, pos = [], [], 0
    cur = 0  # code points emitted so far
    for m in MARK.finditer(src):
        chunk = src[pos : m.start()]
        out.append(chunk)
        cur += len(chunk)
        kind, opt, val, text = m.groups()
        value, q = parse_value(kind, val, text)
        e = {"kind": KINDS[kind], "start": cur, "end": cur + len(text), "text": text, "value": value}
        if q:
            e["qualifier"] = q
        if opt:
            e["optional"] = True
        ents.append(e)
        out.append(text)
        cur += len(text)
        pos = m.end()
    out.append(src[pos:])
    article = "".join(out)
    assert "⟦" not in article and "⟧" not in article, f"{path}: unclosed mark"
    for e in ents:
        assert article[e["start"] : e["end"]] == e["text"], e
    name = path.stem + "." + headers.get("ext", "txt")
    gold = {"file": name, "lang": headers["lang"], "dct": headers.get("dct"), "entities": ents}
    if headers.get("dct_note"):
        gold["dct_note"] = headers["dct_note"]
    (HERE / "articles" / name).write_text(article, encoding="utf-8")
    (HERE / "gold" / (path.stem + ".gold.json")).write_text(
        json.dumps(gold, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    return article, ents


def main():
    for p in sorted((HERE / "annotated").glob("*.ann")):
        article, ents = build(p)
        counts = {}
        for e in ents:
            if not e.get("optional"):
                counts[e["kind"]] = counts.get(e["kind"], 0) + 1
        print(f"{p.stem}: {len(article)} chars, {counts}")
        # Review aid: a marked string that also occurs unmarked elsewhere.
        covered = [False] * len(article)
        for e in ents:
            for i in range(e["start"], e["end"]):
                covered[i] = True
        for t in sorted({e["text"] for e in ents if len(e["text"]) >= 2}):
            i = article.find(t)
            while i >= 0:
                if not any(covered[i : i + len(t)]):
                    print(f"  unmarked occurrence of {t!r} at {i}")
                i = article.find(t, i + 1)


def check():
    """Independent check of the files on disk: every gold entity's text is
    the code-point slice of its article, kinds and values are well formed,
    and no two entities of one kind overlap."""
    bad = 0
    for g in sorted((HERE / "gold").glob("*.gold.json")):
        gold = json.loads(g.read_text(encoding="utf-8"))
        text = (HERE / "articles" / gold["file"]).read_text(encoding="utf-8")
        spans = {}
        for e in gold["entities"]:
            if text[e["start"] : e["end"]] != e["text"]:
                print(f"{g.name}: {e} != {text[e['start']:e['end']]!r}")
                bad += 1
            assert e["kind"] in KINDS.values()
            spans.setdefault(e["kind"], []).append((e["start"], e["end"]))
        for kind, ss in spans.items():
            ss.sort()
            for a, b in zip(ss, ss[1:]):
                if b[0] < a[1]:
                    print(f"{g.name}: overlapping {kind} spans {a} {b}")
                    bad += 1
    print("check:", "OK" if bad == 0 else f"{bad} problems")
    return 1 if bad else 0


if __name__ == "__main__":
    if sys.argv[1:] != ["--check"]:
        main()
    sys.exit(check())
