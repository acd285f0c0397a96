//! The annotation workflow end to end over stdio with the real binary:
//! decisions through codeAction -> executeCommand, the sidecar after each,
//! diagnostics and exports after each, re-anchoring, orphans, broken
//! sidecars, the CLI reading the same sidecar, and crash safety.

mod common;
#[path = "common/lsp_client.rs"]
mod lsp_client;

use lsp_client::{file_uri, lsp_range, Lsp};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::time::Duration;

const ARTICLE: &str = "新闻稿：京东计划投资200亿元，收入增长18.6%。\n另一家公司收入50亿元，预计明年上市。\nAcme Widgets paid $3 million on March 3, 2018.\n";

fn start(root: &Path) -> Lsp {
    let mut lsp = Lsp::start(&common::binary(), &[]);
    lsp.initialize(&["utf-8"], Some(root), json!({"debounceMs": 0}));
    lsp
}

fn span(text: &str, needle: &str) -> std::ops::Range<usize> {
    let s = text
        .find(needle)
        .unwrap_or_else(|| panic!("`{needle}` not in the test text"));
    s..s + needle.len()
}

fn sidecar_of(article: &Path) -> PathBuf {
    let name = article.file_name().unwrap().to_string_lossy().to_string();
    article.with_file_name(format!("{name}.article-lsp.json"))
}

fn read_sidecar(article: &Path) -> Value {
    let raw = std::fs::read_to_string(sidecar_of(article)).expect("sidecar written");
    let v: Value = serde_json::from_str(&raw).expect("sidecar is JSON");
    assert_eq!(v["schema"], "article-lsp/decisions");
    assert_eq!(v["version"], 1);
    v
}

/// The code actions at `range` of `text`.
fn actions(lsp: &mut Lsp, uri: &str, text: &str, r: &std::ops::Range<usize>) -> Vec<Value> {
    let v = lsp.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": lsp_range(text, r, true), "context": {"diagnostics": []}}),
    );
    v.as_array().cloned().unwrap_or_default()
}

/// Runs the code action whose title starts with `prefix` through
/// workspace/executeCommand, as an editor does; returns the result.
fn run_action(
    lsp: &mut Lsp,
    uri: &str,
    text: &str,
    r: &std::ops::Range<usize>,
    prefix: &str,
) -> Value {
    let all = actions(lsp, uri, text, r);
    let a = all
        .iter()
        .find(|a| a["title"].as_str().unwrap_or("").starts_with(prefix))
        .unwrap_or_else(|| {
            let titles: Vec<&str> = all.iter().filter_map(|a| a["title"].as_str()).collect();
            panic!("no action `{prefix}…` at {r:?}; offered: {titles:?}")
        });
    assert!(
        a["kind"] == "quickfix" || a["kind"].as_str().unwrap_or("").starts_with("refactor"),
        "{a}"
    );
    let cmd = &a["command"];
    lsp.request(
        "workspace/executeCommand",
        json!({"command": cmd["command"], "arguments": cmd["arguments"]}),
    )
}

/// Waits for diagnostics of `uri` satisfying `pred`; returns them.
fn diags_until(
    lsp: &mut Lsp,
    uri: &str,
    what: &str,
    pred: impl Fn(&[Value]) -> bool,
) -> Vec<Value> {
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    loop {
        let left = deadline.saturating_duration_since(std::time::Instant::now());
        let uri_s = uri.to_string();
        let msg = lsp.wait_for(
            |m| {
                m["method"] == "textDocument/publishDiagnostics"
                    && m["params"]["uri"] == uri_s.as_str()
            },
            left,
        );
        let Some(msg) = msg else {
            panic!("diagnostics never showed {what}\nstderr:\n{}", lsp.stderr());
        };
        let list = msg["params"]["diagnostics"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        if pred(&list) {
            return list;
        }
    }
}

fn find<'a>(list: &'a [Value], text: &str, code: &str) -> Option<&'a Value> {
    list.iter()
        .find(|d| d["data"]["text"] == text && d["code"] == code)
}

fn export_jsonl(lsp: &mut Lsp, uri: &str, dir: &Path) -> Vec<Value> {
    let r = lsp.request(
        "workspace/executeCommand",
        json!({"command": "articleLsp.export", "arguments": [{"uri": uri, "format": "jsonl", "path": "out/"}]}),
    );
    let path = r["paths"][0].as_str().expect("export path").to_string();
    assert!(Path::new(&path).starts_with(dir), "{path}");
    let raw = std::fs::read_to_string(&path).unwrap();
    let doc: Value = serde_json::from_str(raw.lines().next().unwrap()).unwrap();
    entities_of(&doc)
}

/// (kind, text, value) of a jsonl/json record's entities, however the
/// record spells them.
fn entities_of(doc: &Value) -> Vec<Value> {
    let list = doc["entities"]
        .as_array()
        .or_else(|| doc["spans"].as_array())
        .cloned()
        .unwrap_or_default();
    list.iter()
        .map(|e| {
            json!([
                e["kind"].as_str().or(e["label"].as_str()),
                e["text"],
                e["value"]
            ])
        })
        .collect()
}

fn has(list: &[Value], kind: &str, text: &str) -> bool {
    list.iter().any(|e| e[0] == kind && e[1] == text)
}

#[test]
fn every_decision_through_code_actions_reaches_sidecar_diagnostics_and_exports() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    let article = root.join("news.txt");
    std::fs::write(&article, ARTICLE).unwrap();
    let uri = file_uri(&article);
    let mut lsp = start(&root);
    lsp.open(&uri, "plaintext", 1, ARTICLE);
    let first = diags_until(&mut lsp, &uri, "the engine's money", |l| {
        find(l, "200亿元", "money").is_some()
    });
    assert!(find(&first, "50亿元", "money").is_some());
    assert_eq!(
        find(&first, "50亿元", "money").unwrap()["data"]["origin"],
        "engine"
    );
    let t = ARTICLE;

    // Reject: hidden from diagnostics and the export, kept in the sidecar.
    let r = run_action(&mut lsp, &uri, t, &span(t, "200亿元"), "Reject money");
    assert!(r["id"].as_u64().is_some(), "{r}");
    let sc = read_sidecar(&article);
    let d = &sc["decisions"][0];
    assert_eq!(d["action"], "reject");
    assert_eq!(d["text"], "200亿元");
    assert_eq!(d["kind"], "money");
    assert!(d["before"].as_str().unwrap().ends_with("投资"), "{d}");
    assert!(d["made_at"].as_str().unwrap().ends_with('Z'));
    diags_until(&mut lsp, &uri, "the rejected money gone", |l| {
        find(l, "200亿元", "money").is_none() && find(l, "50亿元", "money").is_some()
    });
    let exported = export_jsonl(&mut lsp, &uri, &root);
    assert!(!has(&exported, "money", "200亿元"), "{exported:?}");
    assert!(has(&exported, "money", "50亿元"), "{exported:?}");
    // Hover on the hidden entity tells the decision.
    let pos = lsp_range(t, &span(t, "200亿元"), true)["start"].clone();
    let h = lsp.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": pos}),
    );
    assert!(
        h["contents"]["value"]
            .as_str()
            .unwrap()
            .contains("rejected"),
        "{h}"
    );

    // Restore: back as the engine found it; the empty sidecar is removed.
    run_action(&mut lsp, &uri, t, &span(t, "200亿元"), "Restore money");
    assert!(!sidecar_of(&article).exists());
    diags_until(&mut lsp, &uri, "the restored money", |l| {
        find(l, "200亿元", "money").is_some_and(|d| d["data"]["origin"] == "engine")
    });

    // Accept: marked as accepted in diagnostics and hover.
    run_action(&mut lsp, &uri, t, &span(t, "50亿元"), "Accept money");
    let sc = read_sidecar(&article);
    assert_eq!(sc["decisions"][0]["action"], "accept");
    assert_eq!(sc["decisions"][0]["value"]["amount"], 5000000000u64);
    let l = diags_until(&mut lsp, &uri, "the accepted money", |l| {
        find(l, "50亿元", "money").is_some_and(|d| d["data"]["origin"] == "accepted")
    });
    let d = find(&l, "50亿元", "money").unwrap();
    assert!(
        d["message"].as_str().unwrap().ends_with(" · accepted"),
        "{d}"
    );
    let pos = lsp_range(t, &span(t, "50亿元"), true)["start"].clone();
    let h = lsp.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": pos}),
    );
    let hv = h["contents"]["value"].as_str().unwrap();
    assert!(hv.contains("accepted as money on 20"), "{hv}");

    // Relabel the kind (percent -> money), then the value, by command.
    run_action(
        &mut lsp,
        &uri,
        t,
        &span(t, "18.6%"),
        "Relabel `18.6%` as date",
    );
    let l = diags_until(&mut lsp, &uri, "the relabelled span", |l| {
        find(l, "18.6%", "date").is_some()
    });
    assert!(find(&l, "18.6%", "percent").is_none());
    let d = find(&l, "18.6%", "date").unwrap();
    assert_eq!(d["data"]["origin"], "relabelled");
    assert!(d["message"].as_str().unwrap().ends_with(" · relabelled"));
    run_action(
        &mut lsp,
        &uri,
        t,
        &span(t, "18.6%"),
        "Relabel `18.6%` as percent",
    );
    let fix = lsp.request(
        "workspace/executeCommand",
        json!({"command": "articleLsp.relabel", "arguments": [{"uri": uri, "range": lsp_range(t, &span(t, "18.6%"), true), "value": "19.6"}]}),
    );
    assert!(fix["id"].as_u64().is_some());
    let l = diags_until(&mut lsp, &uri, "the corrected value", |l| {
        find(l, "18.6%", "percent").is_some_and(|d| d["data"]["value"]["percent"] == 19.6)
    });
    assert_eq!(
        find(&l, "18.6%", "percent").unwrap()["data"]["origin"],
        "relabelled"
    );
    let sc = read_sidecar(&article);
    let relabels: Vec<&Value> = sc["decisions"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["action"] == "relabel")
        .collect();
    assert_eq!(relabels.len(), 1, "one decision per span: {sc}");
    assert_eq!(relabels[0]["from_kind"], "percent");

    // Mark a span the engine missed; the engine's value for that text.
    run_action(
        &mut lsp,
        &uri,
        t,
        &span(t, "Acme Widgets"),
        "Mark `Acme Widgets` as company",
    );
    let l = diags_until(&mut lsp, &uri, "the marked company", |l| {
        find(l, "Acme Widgets", "company").is_some()
    });
    let d = find(&l, "Acme Widgets", "company").unwrap();
    assert_eq!(d["data"]["origin"], "user");
    assert_eq!(d["data"]["value"]["canonical"], "Acme Widgets");
    assert!(d["message"].as_str().unwrap().ends_with(" · marked by you"));
    // Mark money on a selection with room around it: trimmed, valued.
    let sel = span(t, "paid $3 million ");
    run_action(
        &mut lsp,
        &uri,
        t,
        &(sel.start + 5..sel.end),
        "Mark `$3 million` as money",
    );
    let l = diags_until(&mut lsp, &uri, "the marked money", |l| {
        find(l, "$3 million", "money").is_some_and(|d| d["data"]["origin"] == "user")
    });
    assert_eq!(
        find(&l, "$3 million", "money").unwrap()["data"]["value"]["amount"],
        3000000
    );

    // The article date: stored in the sidecar, relative dates re-resolve.
    let r = lsp.request(
        "workspace/executeCommand",
        json!({"command": "articleLsp.setDate", "arguments": [{"uri": uri, "dct": "2020-05-01"}]}),
    );
    assert_eq!(r["saved"], true);
    assert_eq!(read_sidecar(&article)["dct"], "2020-05-01");
    diags_until(&mut lsp, &uri, "明年 against the new date", |l| {
        find(l, "明年", "date").is_some_and(|d| d["data"]["value"]["timex"] == "2021")
    });

    // Workspace-wide: never mark, always a company.
    let r = run_action(&mut lsp, &uri, t, &span(t, "March 3, 2018"), "Never mark");
    assert!(r["path"]
        .as_str()
        .unwrap()
        .ends_with("article-lsp.ignore.txt"));
    let ignore = std::fs::read_to_string(root.join("article-lsp.ignore.txt")).unwrap();
    assert!(ignore.lines().any(|l| l == "March 3, 2018"), "{ignore}");
    diags_until(&mut lsp, &uri, "the ignored date gone", |l| {
        find(l, "March 3, 2018", "date").is_none() && find(l, "50亿元", "money").is_some()
    });
    let r = run_action(&mut lsp, &uri, t, &span(t, "另一家公司"), "Always treat");
    assert!(r["path"]
        .as_str()
        .unwrap()
        .ends_with("article-lsp.companies.toml"));
    let toml = std::fs::read_to_string(root.join("article-lsp.companies.toml")).unwrap();
    assert!(
        toml.contains("[[company]]") && toml.contains("\"另一家公司\""),
        "{toml}"
    );
    let l = diags_until(&mut lsp, &uri, "the user gazetteer's company", |l| {
        find(l, "另一家公司", "company").is_some()
    });
    assert_eq!(
        find(&l, "另一家公司", "company").unwrap()["data"]["value"]["canonical"],
        "另一家公司"
    );
    // From a company entity: "always" with its canonical name.
    let r = run_action(
        &mut lsp,
        &uri,
        t,
        &span(t, "Acme Widgets"),
        "Always treat `Acme Widgets` as company Acme Widgets",
    );
    assert!(r["path"].as_str().is_some());

    // The export applies all of it.
    let exported = export_jsonl(&mut lsp, &uri, &root);
    assert!(has(&exported, "company", "Acme Widgets"), "{exported:?}");
    assert!(has(&exported, "percent", "18.6%"));
    assert!(!has(&exported, "date", "March 3, 2018"));
    let pct = exported.iter().find(|e| e[1] == "18.6%").unwrap();
    assert_eq!(pct[2]["percent"], 19.6);

    // The command line reads the same sidecar and lists: same entities.
    let out = std::process::Command::new(common::binary())
        .args(["annotate", "--format", "jsonl"])
        .arg(&article)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let cli: Value = serde_json::from_slice(
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .next()
            .unwrap()
            .as_bytes(),
    )
    .unwrap();
    assert_eq!(
        entities_of(&cli),
        exported,
        "the CLI and the editor disagree"
    );
    let raw = std::process::Command::new(common::binary())
        .args(["annotate", "--format", "jsonl", "--no-decisions"])
        .arg(&article)
        .output()
        .unwrap();
    let raw: Value = serde_json::from_slice(
        String::from_utf8_lossy(&raw.stdout)
            .lines()
            .next()
            .unwrap()
            .as_bytes(),
    )
    .unwrap();
    let raw = entities_of(&raw);
    assert!(has(&raw, "date", "March 3, 2018") && !has(&raw, "company", "Acme Widgets"));
    // And `export` of the folder too.
    let out_dir = root.join("cli-out");
    let st = std::process::Command::new(common::binary())
        .args(["export", "--format", "jsonl", "--out"])
        .arg(&out_dir)
        .arg(&article)
        .output()
        .unwrap();
    assert!(
        st.status.success(),
        "{}",
        String::from_utf8_lossy(&st.stderr)
    );
    let raw = std::fs::read_to_string(out_dir.join("export.jsonl")).unwrap();
    let doc: Value = serde_json::from_str(raw.lines().next().unwrap()).unwrap();
    assert_eq!(entities_of(&doc), exported);
    lsp.shutdown_and_exit();
}

fn change(lsp: &mut Lsp, uri: &str, version: i64, text: &str) {
    lsp.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": text}]}),
    );
}

#[test]
fn decisions_follow_edits_in_the_editor_and_on_disk_and_orphan_when_gone() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    let article = root.join("story.txt");
    std::fs::write(&article, ARTICLE).unwrap();
    let uri = file_uri(&article);
    let mut lsp = start(&root);
    lsp.open(&uri, "plaintext", 1, ARTICLE);
    diags_until(&mut lsp, &uri, "first", |l| {
        find(l, "200亿元", "money").is_some()
    });
    let t = ARTICLE;
    run_action(&mut lsp, &uri, t, &span(t, "200亿元"), "Reject money");
    run_action(&mut lsp, &uri, t, &span(t, "50亿元"), "Accept money");
    run_action(
        &mut lsp,
        &uri,
        t,
        &span(t, "Acme Widgets"),
        "Mark `Acme Widgets` as company",
    );
    let decided = |l: &[Value]| {
        find(l, "200亿元", "money").is_none()
            && find(l, "50亿元", "money").is_some_and(|d| d["data"]["origin"] == "accepted")
            && find(l, "Acme Widgets", "company").is_some()
            && !l.iter().any(|d| d["code"] == "orphaned-decision")
    };
    diags_until(&mut lsp, &uri, "the decisions", decided);

    // Edit before the decided spans: they move along.
    let t2 = format!("【快讯】{ARTICLE}");
    change(&mut lsp, &uri, 2, &t2);
    let l = diags_until(&mut lsp, &uri, "decisions after an edit before", decided);
    let acme = find(&l, "Acme Widgets", "company").unwrap();
    assert_eq!(
        acme["range"],
        lsp_range(&t2, &span(&t2, "Acme Widgets"), true)
    );
    // Edit after them: nothing changes.
    let t3 = format!("{t2}（完）\n");
    change(&mut lsp, &uri, 3, &t3);
    diags_until(&mut lsp, &uri, "decisions after an edit after", decided);
    // Edit inside the rejected span: its text is gone, so it is orphaned,
    // reported, and kept in the sidecar.
    let t4 = t3.replace("200亿元", "300亿元");
    change(&mut lsp, &uri, 4, &t4);
    let l = diags_until(&mut lsp, &uri, "an orphaned decision", |l| {
        l.iter().any(|d| d["code"] == "orphaned-decision")
    });
    let o = l.iter().find(|d| d["code"] == "orphaned-decision").unwrap();
    assert_eq!(o["severity"], 2);
    assert_eq!(o["data"]["text"], "200亿元");
    assert!(
        find(&l, "300亿元", "money").is_some(),
        "the new amount is the engine's again"
    );
    let h = lsp.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": o["range"]["start"]}),
    );
    let hv = h["contents"]["value"].as_str().unwrap_or("");
    // The orphan sits where its text was (the new amount starts there).
    assert_eq!(
        o["range"]["start"],
        lsp_range(&t4, &span(&t4, "300亿元"), true)["start"]
    );
    assert!(hv.contains("300亿元"), "{h}");
    assert_eq!(
        read_sidecar(&article)["decisions"]
            .as_array()
            .unwrap()
            .len(),
        3
    );
    // Undo the edit: the decision re-attaches.
    change(&mut lsp, &uri, 5, &t3);
    diags_until(&mut lsp, &uri, "the re-attached decision", decided);
    lsp.shutdown_and_exit();

    // Between sessions, the article changes on disk.
    let on_disk = format!(
        "编者按：本文有更新。\n\n{}",
        ARTICLE.replace("Acme Widgets paid", "Acme Widgets, a toolmaker, paid")
    );
    std::fs::write(&article, &on_disk).unwrap();
    let mut lsp = start(&root);
    lsp.open(&uri, "plaintext", 1, &on_disk);
    let l = diags_until(&mut lsp, &uri, "decisions in a new session", decided);
    assert_eq!(
        find(&l, "50亿元", "money").unwrap()["range"],
        lsp_range(&on_disk, &span(&on_disk, "50亿元"), true)
    );
    lsp.shutdown_and_exit();

    // A deleted span: orphaned in the next session, still in the sidecar.
    let gone = on_disk.replace("另一家公司收入50亿元，", "");
    std::fs::write(&article, &gone).unwrap();
    let mut lsp = start(&root);
    lsp.open(&uri, "plaintext", 1, &gone);
    let l = diags_until(&mut lsp, &uri, "the deleted span's orphan", |l| {
        l.iter().any(|d| d["code"] == "orphaned-decision")
    });
    let o = l.iter().find(|d| d["code"] == "orphaned-decision").unwrap();
    assert_eq!(o["data"]["text"], "50亿元");
    assert_eq!(o["data"]["action"], "accept");
    let h = lsp.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": o["range"]["start"]}),
    );
    let hv = h["contents"]["value"].as_str().unwrap_or("");
    assert!(
        hv.contains("orphaned decision") && hv.contains("accepted as money on 20"),
        "{h}"
    );
    // Dropping it is a code action on the orphan's diagnostic.
    let acts = lsp.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": o["range"], "context": {"diagnostics": [o]}}),
    );
    let drop_it = acts
        .as_array()
        .unwrap()
        .iter()
        .find(|a| {
            a["title"]
                .as_str()
                .unwrap()
                .starts_with("Drop orphaned decision")
        })
        .expect("a drop action")
        .clone();
    lsp.request(
        "workspace/executeCommand",
        json!({"command": drop_it["command"]["command"], "arguments": drop_it["command"]["arguments"]}),
    );
    let sc = read_sidecar(&article);
    assert!(sc["decisions"]
        .as_array()
        .unwrap()
        .iter()
        .all(|d| d["text"] != "50亿元"));
    lsp.shutdown_and_exit();
}

#[test]
fn a_broken_or_foreign_sidecar_is_reported_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    let article = root.join("a.txt");
    std::fs::write(&article, ARTICLE).unwrap();
    let broken = "{\"decisions\": [oops";
    std::fs::write(sidecar_of(&article), broken).unwrap();
    let uri = file_uri(&article);
    let mut lsp = start(&root);
    lsp.open(&uri, "plaintext", 1, ARTICLE);
    let l = diags_until(&mut lsp, &uri, "the sidecar problem", |l| {
        l.iter().any(|d| d["code"] == "sidecar") && find(l, "200亿元", "money").is_some()
    });
    let d = l.iter().find(|d| d["code"] == "sidecar").unwrap();
    assert_eq!(d["severity"], 1);
    assert!(
        d["message"].as_str().unwrap().contains("not valid JSON"),
        "{d}"
    );
    // A decision is refused rather than overwriting the file.
    let all = actions(&mut lsp, &uri, ARTICLE, &span(ARTICLE, "200亿元"));
    let reject = all
        .iter()
        .find(|a| a["title"].as_str().unwrap().starts_with("Reject"))
        .unwrap();
    let id = lsp.request_async(
        "workspace/executeCommand",
        json!({"command": reject["command"]["command"], "arguments": reject["command"]["arguments"]}),
    );
    let resp = lsp.response(id);
    assert!(resp.get("error").is_some(), "{resp}");
    assert_eq!(
        std::fs::read_to_string(sidecar_of(&article)).unwrap(),
        broken
    );
    // A foreign file, replaced on disk while the server runs: reported too.
    let foreign = "{\"schema\": \"someone-else\", \"items\": []}";
    std::fs::write(sidecar_of(&article), foreign).unwrap();
    lsp.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": file_uri(&sidecar_of(&article)), "type": 2}]}),
    );
    diags_until(&mut lsp, &uri, "the foreign sidecar", |l| {
        l.iter().any(|d| {
            d["code"] == "sidecar" && d["message"].as_str().unwrap().contains("someone-else")
        })
    });
    assert_eq!(
        std::fs::read_to_string(sidecar_of(&article)).unwrap(),
        foreign
    );
    // The CLI warns and uses the engine's output.
    let out = std::process::Command::new(common::binary())
        .args(["annotate", "--format", "jsonl"])
        .arg(&article)
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("not an article-lsp decisions file"));
    // A valid sidecar written by hand is picked up.
    std::fs::write(
        sidecar_of(&article),
        r#"{"schema": "article-lsp/decisions", "version": 1, "decisions": [
            {"id": 7, "action": "reject", "kind": "money", "text": "50亿元",
             "before": "", "after": "", "start": 0, "made_at": "2026-01-01T00:00:00Z"}]}"#,
    )
    .unwrap();
    lsp.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": file_uri(&sidecar_of(&article)), "type": 2}]}),
    );
    diags_until(&mut lsp, &uri, "the hand-written decision", |l| {
        find(l, "50亿元", "money").is_none()
            && find(l, "200亿元", "money").is_some()
            && !l.iter().any(|d| d["code"] == "sidecar")
    });
    lsp.shutdown_and_exit();
}

#[test]
fn killing_the_server_mid_burst_never_loses_an_acknowledged_decision() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    let article = root.join("burst.txt");
    let mut text = String::new();
    for i in 1..=40 {
        text.push_str(&format!("第{i}项投资{i}亿元。\n"));
    }
    std::fs::write(&article, &text).unwrap();
    let uri = file_uri(&article);
    let mut lsp = start(&root);
    lsp.open(&uri, "plaintext", 1, &text);
    diags_until(&mut lsp, &uri, "the amounts", |l| {
        l.iter().filter(|d| d["code"] == "money").count() >= 40
    });
    // Mark each line's ordinal as a percent (no engine entity there, so
    // every decision is a new one), all at once.
    let mut ids = Vec::new();
    for i in 1..=40 {
        let needle = format!("第{i}项");
        let r = if i == 1 {
            span(&text, &needle)
        } else {
            let r = span(&text, &format!("\n{needle}"));
            r.start + 1..r.end
        };
        let id = lsp.request_async(
            "workspace/executeCommand",
            json!({"command": "articleLsp.mark", "arguments": [{"uri": uri, "range": lsp_range(&text, &r, true), "kind": "percent", "value": i}]}),
        );
        ids.push((id, needle));
    }
    // Kill once some, not necessarily all, have been acknowledged.
    let mut acked = Vec::new();
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    while acked.len() < 10 && std::time::Instant::now() < deadline {
        let m = lsp.wait_for(
            |m| m.get("id").is_some() && m.get("method").is_none(),
            Duration::from_millis(200),
        );
        if let Some(m) = m {
            if m.get("result").is_some() {
                if let Some((_, needle)) = ids.iter().find(|(id, _)| m["id"] == *id) {
                    acked.push(needle.clone());
                }
            }
        }
    }
    let pid = lsp.pid();
    let st = std::process::Command::new("kill")
        .args(["-9", &pid.to_string()])
        .status()
        .unwrap();
    assert!(st.success());
    // Responses already in the pipe count as acknowledged too.
    lsp.drain(Duration::from_millis(300));
    for m in lsp.inbox.iter() {
        if m.get("result").is_some() && m.get("method").is_none() {
            if let Some((_, needle)) = ids.iter().find(|(id, _)| m["id"] == *id) {
                if !acked.contains(needle) {
                    acked.push(needle.clone());
                }
            }
        }
    }
    assert!(
        acked.len() >= 10,
        "only {} decisions acknowledged",
        acked.len()
    );
    let sc = read_sidecar(&article);
    let texts: Vec<&str> = sc["decisions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["text"].as_str().unwrap())
        .collect();
    for a in &acked {
        assert!(
            texts.contains(&a.as_str()),
            "acknowledged `{a}` lost: {texts:?}"
        );
    }
    eprintln!(
        "killed after {} acknowledged decisions; the sidecar holds {} of 40",
        acked.len(),
        texts.len()
    );
    // No temporary files left behind that could be mistaken for the sidecar.
    let sidecars = std::fs::read_dir(&root)
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| {
            e.file_name()
                .to_string_lossy()
                .ends_with(".article-lsp.json")
        })
        .count();
    assert_eq!(sidecars, 1);
}

#[test]
fn sidecar_directory_setting_workspace_export_and_cli_agree() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    std::fs::create_dir_all(root.join("2024")).unwrap();
    let open_one = root.join("2024/a.txt");
    let closed_one = root.join("b.txt");
    std::fs::write(&open_one, ARTICLE).unwrap();
    std::fs::write(&closed_one, ARTICLE).unwrap();
    let mut lsp = Lsp::start(&common::binary(), &[]);
    lsp.initialize(
        &["utf-8"],
        Some(&root),
        json!({"debounceMs": 0, "sidecar": {"directory": ".decisions"}}),
    );
    let uri = file_uri(&open_one);
    lsp.open(&uri, "plaintext", 1, ARTICLE);
    diags_until(&mut lsp, &uri, "first", |l| {
        find(l, "200亿元", "money").is_some()
    });
    let r = run_action(
        &mut lsp,
        &uri,
        ARTICLE,
        &span(ARTICLE, "200亿元"),
        "Reject money",
    );
    // Under the folder, keeping the article's path inside the workspace.
    let expected = root.join(".decisions/2024/a.txt.article-lsp.json");
    assert_eq!(r["sidecar"], expected.display().to_string());
    assert!(expected.is_file());
    assert!(!sidecar_of(&open_one).exists());
    // A closed article's sidecar (written by hand under the same folder)
    // is applied by the workspace export.
    std::fs::write(
        root.join(".decisions/b.txt.article-lsp.json"),
        r#"{"schema": "article-lsp/decisions", "version": 1, "decisions": [
            {"id": 1, "action": "reject", "kind": "money", "text": "50亿元",
             "before": "另一家公司收入", "after": "，预计", "start": 0, "made_at": "2026-01-01T00:00:00Z"}]}"#,
    )
    .unwrap();
    let r = lsp.request(
        "workspace/executeCommand",
        json!({"command": "articleLsp.export", "arguments": [{"uri": "workspace", "format": "jsonl", "path": "out/all.jsonl"}]}),
    );
    let path = r["paths"][0].as_str().unwrap().to_string();
    let raw = std::fs::read_to_string(&path).unwrap();
    let docs: Vec<Value> = raw
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let by_name = |n: &str| {
        let d = docs
            .iter()
            .find(|d| d["file"].as_str().unwrap_or("").ends_with(n))
            .unwrap_or_else(|| panic!("{n} not in {raw}"));
        entities_of(d)
    };
    let a = by_name("a.txt");
    let b = by_name("b.txt");
    assert!(
        !has(&a, "money", "200亿元") && has(&a, "money", "50亿元"),
        "{a:?}"
    );
    assert!(
        has(&b, "money", "200亿元") && !has(&b, "money", "50亿元"),
        "{b:?}"
    );
    lsp.shutdown_and_exit();
    // The CLI with the same folder finds the same sidecars.
    let out = std::process::Command::new(common::binary())
        .args([
            "annotate",
            "--format",
            "jsonl",
            "--sidecar-dir",
            ".decisions",
            "--workspace",
        ])
        .arg(&root)
        .arg(&open_one)
        .arg(&closed_one)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    let cli: Vec<Vec<Value>> = text
        .lines()
        .map(|l| entities_of(&serde_json::from_str(l).unwrap()))
        .collect();
    assert_eq!(cli, vec![a, b]);
}

#[test]
fn workspace_lists_edited_on_disk_are_picked_up() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    let article = root.join("w.txt");
    std::fs::write(&article, ARTICLE).unwrap();
    let uri = file_uri(&article);
    let mut lsp = start(&root);
    lsp.open(&uri, "plaintext", 1, ARTICLE);
    diags_until(&mut lsp, &uri, "first", |l| {
        find(l, "$3 million", "money").is_some() && find(l, "Acme Widgets", "company").is_none()
    });
    std::fs::write(root.join("article-lsp.ignore.txt"), "# mine\n$3 million\n").unwrap();
    std::fs::write(
        root.join("article-lsp.companies.toml"),
        "[[company]]\ncanonical = \"Acme Widgets Inc.\"\naliases = [\"Acme Widgets\"]\n",
    )
    .unwrap();
    lsp.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [
            {"uri": file_uri(&root.join("article-lsp.ignore.txt")), "type": 1},
            {"uri": file_uri(&root.join("article-lsp.companies.toml")), "type": 1}
        ]}),
    );
    let l = diags_until(&mut lsp, &uri, "the lists applied", |l| {
        find(l, "$3 million", "money").is_none() && find(l, "Acme Widgets", "company").is_some()
    });
    assert_eq!(
        find(&l, "Acme Widgets", "company").unwrap()["data"]["value"]["canonical"],
        "Acme Widgets Inc."
    );
    assert_eq!(
        find(&l, "Acme Widgets", "company").unwrap()["data"]["origin"],
        "engine"
    );
    lsp.shutdown_and_exit();
}

#[test]
fn bad_decision_arguments_are_errors_and_the_server_keeps_working() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    let article = root.join("x.txt");
    std::fs::write(&article, ARTICLE).unwrap();
    let uri = file_uri(&article);
    let mut lsp = start(&root);
    lsp.open(&uri, "plaintext", 1, ARTICLE);
    diags_until(&mut lsp, &uri, "first", |l| {
        find(l, "200亿元", "money").is_some()
    });
    let far = json!({"start": {"line": 99, "character": 5}, "end": {"line": 120, "character": 0}});
    let zero = json!({"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}});
    let bad = [
        json!({"command": "articleLsp.accept", "arguments": []}),
        json!({"command": "articleLsp.accept", "arguments": [{"uri": uri}]}),
        json!({"command": "articleLsp.reject", "arguments": [{"uri": uri, "range": far}]}),
        json!({"command": "articleLsp.mark", "arguments": [{"uri": uri, "range": zero, "kind": "money"}]}),
        json!({"command": "articleLsp.mark", "arguments": [{"uri": uri, "range": far, "kind": "nonsense"}]}),
        json!({"command": "articleLsp.relabel", "arguments": [{"uri": uri, "range": lsp_range(ARTICLE, &span(ARTICLE, "50亿元"), true), "value": {"percent": "x"}}]}),
        json!({"command": "articleLsp.relabel", "arguments": [{"uri": uri, "range": lsp_range(ARTICLE, &span(ARTICLE, "50亿元"), true), "value": "not money"}]}),
        json!({"command": "articleLsp.restore", "arguments": [{"uri": uri, "id": 12345}]}),
        json!({"command": "articleLsp.accept", "arguments": [{"uri": "file:///nowhere/else.txt", "range": zero}]}),
        json!({"command": "articleLsp.neverMark", "arguments": [{"uri": uri, "text": "  "}]}),
        json!({"command": "articleLsp.alwaysCompany", "arguments": [{"uri": uri, "text": "a\nb"}]}),
    ];
    for b in bad {
        let id = lsp.request_async("workspace/executeCommand", b.clone());
        let resp = lsp.response(id);
        assert!(resp.get("error").is_some(), "{b} -> {resp}");
    }
    assert!(!sidecar_of(&article).exists(), "nothing was decided");
    // Still serving, and a good decision still works.
    run_action(
        &mut lsp,
        &uri,
        ARTICLE,
        &span(ARTICLE, "50亿元"),
        "Accept money",
    );
    assert_eq!(
        read_sidecar(&article)["decisions"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    assert_eq!(lsp.shutdown_and_exit(), Some(0));
}
