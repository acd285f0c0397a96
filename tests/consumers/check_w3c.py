"""pyld (JSON-LD processor) as the consumer of our W3C Web Annotation export,
with the Web Annotation context served from the copy in this repository:
any other remote document is refused, so nothing goes to the network.

usage: check_w3c.py EXPORT_DIR CONTEXT_FILE [EXPECTED_JSON]

* jsonld.expand succeeds and keeps every property (none silently dropped
  as an undefined term): each annotation expands to oa:Annotation with
  oa:hasBody, oa:hasTarget, oa:hasSource, oa:hasSelector, oa:start/oa:end
  (xsd:nonNegativeInteger), oa:exact; our `als:` terms expand to IRIs;
* jsonld.to_rdf gives N-Quads;
* the TextPositionSelector's code points cut exactly the TextQuoteSelector
  exact from the document text.
"""

import json
import sys
from pathlib import Path

from pyld import jsonld

from common import exported_text_of_uri, expect, fail, load_expected

ANNO = "http://www.w3.org/ns/anno.jsonld"
OA = "http://www.w3.org/ns/oa#"
root, context_file = Path(sys.argv[1]), Path(sys.argv[2])
expected = load_expected(sys.argv[3] if len(sys.argv) > 3 else None)
local_context = json.loads(context_file.read_text(encoding="utf-8"))


def loader(url, options=None):
    if url.rstrip("/") == ANNO:
        return {"contextUrl": None, "documentUrl": url, "document": local_context}
    fail(f"refused to fetch {url} (no network)")


jsonld.set_document_loader(loader)

pages = sorted(root.glob("*.jsonld"))
expect(pages, "no .jsonld pages")
n_ann = n_quads = 0
for path in pages:
    page = json.loads(path.read_text(encoding="utf-8"))
    expanded = jsonld.expand(page)
    expect(len(expanded) == 1, "one page node")
    node = expanded[0]
    expect("http://www.w3.org/ns/activitystreams#OrderedCollectionPage" in node["@type"], "page type")
    items = node["http://www.w3.org/ns/activitystreams#items"][0]["@list"]
    expect(len(items) == len(page["items"]), "items kept")
    doc_id = page["als:docId"]
    if expected is not None:
        text = expected[doc_id]["text"]
    elif page["items"]:
        text = exported_text_of_uri(page["items"][0]["target"]["source"])
    else:
        text = ""
    for compact, ann in zip(page["items"], items):
        expect(OA + "Annotation" in ann["@type"], "annotation type")
        bodies = ann[OA + "hasBody"]
        expect(len(bodies) == len(compact["body"]), "bodies kept")
        for cb, eb in zip(compact["body"], bodies):
            for key in cb:
                if key.startswith("als:"):
                    expect("urn:article-lsp:ns:" + key[4:] in eb, f"{key} expanded")
        target = ann[OA + "hasTarget"][0]
        expect(OA + "hasSource" in target, "target source")
        sels = target[OA + "hasSelector"]
        pos = next(s for s in sels if OA + "TextPositionSelector" in s["@type"])
        quote = next(s for s in sels if OA + "TextQuoteSelector" in s["@type"])
        start = pos[OA + "start"][0]
        end = pos[OA + "end"][0]
        for v in (start, end):
            expect(v.get("@type") == "http://www.w3.org/2001/XMLSchema#nonNegativeInteger", f"typed offset {v}")
        s, e = int(start["@value"]), int(end["@value"])
        exact = quote[OA + "exact"][0]["@value"]
        expect(text[s:e] == exact, f"{doc_id}: {text[s:e]!r} != {exact!r}")
        if OA + "prefix" in quote:
            expect(text[:s].endswith(quote[OA + "prefix"][0]["@value"]), "prefix")
        n_ann += 1
    if expected is not None:
        got = [(a["target"]["selector"][0]["start"], a["target"]["selector"][0]["end"]) for a in page["items"]]
        exp = [(x["start"], x["end"]) for x in expected[doc_id]["entities"]]
        expect(got == exp, f"{doc_id}: {got} != {exp}")
    quads = jsonld.to_rdf(page, {"format": "application/n-quads"})
    n_quads += len(quads.splitlines())
print(f"pyld {jsonld.__version__ if hasattr(jsonld, '__version__') else ''}: {len(pages)} pages, {n_ann} annotations "
      f"expanded with the local context (no network), {n_quads} N-Quads; positions cut the quotes in code points")
