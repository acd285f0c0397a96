"""spaCy as the consumer of our spaCy JSONL and CoNLL exports.

usage: check_spacy.py [--lenient-en] SPACY_JSONL CONLL_FILE [EXPECTED_JSON]

With --lenient-en (used on the engine's own output, whose English span
boundaries can fall inside a spaCy token, e.g. `2023` in `2023/24`), an
English span that does not align strictly is counted and reported, and must
still align with alignment_mode="expand" around exactly its text; Chinese
spans are always strict.

* every `entities` and `spans.sc` offset gives a non-None
  `Doc.char_span(..., alignment_mode="strict")` on `spacy.blank("zh")`
  (Chinese and mixed text) or `spacy.blank("en")`, whose text is the slice;
* `doc.ents` accepts the `entities` set and `offsets_to_biluo_tags` marks
  nothing as misaligned; the docs go into a DocBin;
* `python -m spacy convert -c ner` accepts the CoNLL file and yields the
  expected documents and entities.
"""

import json
import subprocess
import sys
import tempfile
from pathlib import Path

import spacy
from spacy.tokens import DocBin
from spacy.training import offsets_to_biluo_tags

from common import expect, fail, load_expected

args = sys.argv[1:]
lenient_en = "--lenient-en" in args
args = [a for a in args if a != "--lenient-en"]
jsonl, conll = Path(args[0]), Path(args[1])
expected = load_expected(args[2] if len(args) > 2 else None)
misaligned = []


def char_span(doc, s, e, lang, **kw):
    span = doc.char_span(s, e, alignment_mode="strict", **kw)
    if span is None and lenient_en and lang == "en":
        wide = doc.char_span(s, e, alignment_mode="expand", **kw)
        expect(wide is not None and wide.start_char <= s and e <= wide.end_char, "expand")
        misaligned.append(doc.text[s:e])
        return None
    return span
nlps = {"zh": spacy.blank("zh"), "en": spacy.blank("en")}

lines = [json.loads(l) for l in jsonl.read_text(encoding="utf-8").splitlines()]
db = DocBin(store_user_data=True)
n_spans = n_ents = 0
flat_surfaces = []
for rec in lines:
    text, meta = rec["text"], rec["meta"]
    expect(meta["offset_unit"] == "codepoint", "offset unit")
    nlp = nlps["en" if meta["lang"] == "en" else "zh"]
    doc = nlp(text)
    ents = []
    lang = "en" if meta["lang"] == "en" else "zh"
    strict_ents = []
    for s, e, label in rec["entities"]:
        flat_surfaces.append("".join(text[s:e].split()))
        span = char_span(doc, s, e, lang, label=label)
        if span is None and lenient_en and lang == "en":
            continue
        expect(span is not None, f"{meta['doc_id']}: entity {s}-{e} {text[s:e]!r} does not align with spaCy tokens")
        expect(span.text == text[s:e], "span text")
        ents.append(span)
        strict_ents.append((s, e, label))
    doc.ents = ents
    tags = offsets_to_biluo_tags(doc, strict_ents)
    expect("-" not in tags, f"{meta['doc_id']}: misaligned entity in BILUO tags")
    group = []
    for s, e, label, kb in rec["spans"]["sc"]:
        span = char_span(doc, s, e, lang, label=label, kb_id=kb)
        if span is None and lenient_en and lang == "en":
            continue
        expect(span is not None, f"{meta['doc_id']}: span {s}-{e} {text[s:e]!r} does not align")
        group.append(span)
    doc.spans["sc"] = group
    n_ents += len(ents)
    n_spans += len(group)
    for n in meta["norm"]:
        expect(isinstance(n["value"], str), "norm values are strings")
    if expected is not None:
        want = expected[meta["doc_id"]]
        expect(text == want["text"], f"{meta['doc_id']}: text differs from the source")
        got = [(sp.start_char, sp.end_char, sp.text) for sp in group]
        exp = [(x["start"], x["end"], x["text"]) for x in want["entities"]]
        expect(got == exp, f"{meta['doc_id']}: spans {got} != {exp}")
    db.add(doc)
with tempfile.TemporaryDirectory() as tmp:
    db.to_disk(Path(tmp) / "all.spacy")
    back = list(DocBin().from_disk(Path(tmp) / "all.spacy").get_docs(nlps["zh"].vocab))
    expect(len(back) == len(lines), "DocBin round trip")

    # `spacy convert` on the CoNLL file.
    run = subprocess.run(
        [sys.executable, "-m", "spacy", "convert", str(conll), tmp, "-c", "ner", "-n", "1"],
        capture_output=True, text=True,
    )
    if run.returncode != 0:
        fail(f"spacy convert failed:\n{run.stdout}\n{run.stderr}")
    out = list(Path(tmp).glob("*.spacy"))
    out = [p for p in out if p.name != "all.spacy"]
    expect(len(out) == 1, f"spacy convert wrote {out}")
    docs = list(DocBin().from_disk(out[0]).get_docs(nlps["zh"].vocab))
    conv = ["".join(t.text for t in ent) for d in docs for ent in d.ents]
    expect(conv == flat_surfaces, f"spacy convert entities {conv[:8]}... != {flat_surfaces[:8]}...")
    n_docstart = conll.read_text(encoding="utf-8").count("-DOCSTART- -X- O O")
    expect(n_docstart == (len(lines) if len(lines) > 1 else 0), "DOCSTART per document")

note = f"; {len(misaligned)} English spans only align with expand: {misaligned[:5]}" if misaligned else ""
print(f"spaCy {spacy.__version__}: {len(lines)} docs, {n_ents} entities + {n_spans} spans aligned "
      f"(char_span strict); spacy convert -c ner read {len(docs)} docs / {len(conv)} entities{note}")
