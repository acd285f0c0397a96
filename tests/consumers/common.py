"""Shared helpers for the consumer checks: expectations and source texts."""

import json
import sys
from pathlib import Path
from urllib.parse import unquote, urlparse


def fail(msg):
    print(f"FAIL: {msg}", file=sys.stderr)
    sys.exit(1)


def expect(cond, msg):
    if not cond:
        fail(msg)


def load_expected(path):
    """{doc_id: {"text", "lang", "entities": [{"label", "text", "start", "end"}]}}
    (offsets in code points) or None when no expectations were given."""
    if not path:
        return None
    return {d["doc_id"]: d for d in json.loads(Path(path).read_text(encoding="utf-8"))}


def exported_text_of_uri(uri):
    """The text an export's offsets count in: the file read as UTF-8 with a
    leading BOM removed and line ends as LF (Python's universal newlines)."""
    path = Path(unquote(urlparse(uri).path))
    with open(path, encoding="utf-8-sig") as f:  # newline=None: CRLF/CR -> LF
        return f.read()
