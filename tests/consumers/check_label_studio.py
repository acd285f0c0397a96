"""The Label Studio SDK as the consumer of our Label Studio export.

usage: check_label_studio.py TASKS_JSON CONFIG_XML [EXPECTED_JSON]

* LabelInterface(config).validate(): the config passes Label Studio's own
  schema, unique-name and toName checks;
* every task has the data key the config's <Text value="$text"> needs;
* validate_prediction(prediction, return_errors=True) is empty for every
  prediction: from_name/to_name/type match the config, labels are declared;
* every region's code point offsets cut value.text from data.text;
  each textarea region shares the id of a labels region (per-region value).
"""

import json
import sys
from pathlib import Path

from label_studio_sdk.label_interface import LabelInterface

from common import expect, load_expected

tasks = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
config = Path(sys.argv[2]).read_text(encoding="utf-8")
expected = load_expected(sys.argv[3] if len(sys.argv) > 3 else None)

li = LabelInterface(config)
li.validate()
n_regions = 0
for task in tasks:
    data = task["data"]
    for obj in li.objects:
        expect(obj.value_is_variable and obj.value_name in data, f"task lacks ${obj.value_name}")
    text = data["text"]
    for pred in task["predictions"]:
        errors = li.validate_prediction(pred, return_errors=True)
        expect(errors == [], f"{data['doc_id']}: {errors[:5]}")
        label_ids = {r["id"] for r in pred["result"] if r["type"] == "labels"}
        got = []
        for r in pred["result"]:
            v = r["value"]
            if r["type"] == "labels":
                expect(text[v["start"]:v["end"]] == v["text"], f"{data['doc_id']} {r['id']}: offsets")
                got.append((v["start"], v["end"], v["text"], v["labels"][0]))
                n_regions += 1
            else:
                expect(r["id"] in label_ids, f"textarea {r['id']} has no region")
        if expected is not None:
            want = expected[data["doc_id"]]
            expect(text == want["text"], f"{data['doc_id']}: text differs")
            exp = [(e["start"], e["end"], e["text"], e["label"]) for e in want["entities"]]
            expect(got == exp, f"{data['doc_id']}: {got} != {exp}")
print(f"label-studio-sdk LabelInterface: config valid; {len(tasks)} tasks, {n_regions} regions "
      f"validated against the config; offsets cut value.text in code points")
