//! The language server end to end: the real binary, JSON-RPC over stdio.

mod common;
#[path = "common/lsp_client.rs"]
mod lsp_client;

use article_lsp::extract::{Engine, Entity, Kind, Options};
use lsp_client::{file_uri, lsp_range, position, Lsp};
use serde_json::{json, Value};
use std::path::Path;
use std::time::Duration;

/// Our own test article: emoji (astral characters, a skin-tone sequence)
/// before entities, CRLF line ends, Chinese and English.
const ARTICLE: &str = "🚀 京东集团（JD.com）2017年11月宣布，计划在未来三年投资超过200亿元。\r\n\
昨日，阿里巴巴集团股价上涨5.2%，腾讯控股亦计划投资US$3 billion。👍🏽 京东表示收入增长18.6%。\r\n\
\r\n\
Alibaba Group said on March 3, 2018 that revenue rose 12% to $1.2 billion, and JD.com paid RMB 800 million.\r\n";

const URI: &str = "file:///tmp/article-lsp-test/news.txt";

fn engine_entities(text: &str, markdown: bool) -> Vec<Entity> {
    let entities = Engine::new()
        .analyze(
            text,
            &Options {
                dct: None,
                markdown,
            },
        )
        .entities;
    assert!(
        !entities.is_empty(),
        "the engine finds nothing in the test text; the LSP checks need entities"
    );
    entities
}

fn start(encodings: &[&str], root: Option<&Path>, options: Value) -> (Lsp, Value) {
    let mut lsp = Lsp::start(&common::binary(), &[]);
    let init = lsp.initialize(encodings, root, options);
    (lsp, init)
}

/// (range, code) pairs of published diagnostics, sorted.
fn published(diags: &Value) -> Vec<(String, String)> {
    let mut v: Vec<(String, String)> = diags["diagnostics"]
        .as_array()
        .expect("diagnostics array")
        .iter()
        .map(|d| {
            (
                d["range"].to_string(),
                d["code"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    v.sort();
    v
}

fn expected(
    text: &str,
    entities: &[Entity],
    utf8: bool,
    shown: impl Fn(Kind) -> bool,
) -> Vec<(String, String)> {
    let lines = lsp_client::Lines::new(text);
    let mut v: Vec<(String, String)> = entities
        .iter()
        .filter(|e| shown(e.kind))
        .map(|e| {
            (
                lines.range(&e.range, utf8).to_string(),
                e.kind.as_str().to_string(),
            )
        })
        .collect();
    v.sort();
    v
}

fn pos_json(text: &str, byte: usize, utf8: bool) -> Value {
    let (l, c) = position(text, byte, utf8);
    json!({"line": l, "character": c})
}

#[test]
fn utf16_diagnostics_match_the_engine_on_emoji_and_crlf_lines() {
    let entities = engine_entities(ARTICLE, false);
    let (mut lsp, init) = start(&["utf-16"], None, json!({}));
    assert_eq!(init["capabilities"]["positionEncoding"], "utf-16");
    assert_eq!(init["capabilities"]["textDocumentSync"]["change"], 2);
    lsp.open(URI, "plaintext", 1, ARTICLE);
    let diags = lsp.diagnostics(URI, Some(1));
    assert_eq!(diags["version"], 1);
    assert_eq!(
        published(&diags),
        expected(ARTICLE, &entities, false, |_| true)
    );
    // An entity after the emoji on a CRLF line is where the engine says.
    assert!(entities
        .iter()
        .any(|e| position(ARTICLE, e.range.start, false).0 > 0));
    for d in diags["diagnostics"].as_array().unwrap() {
        assert_eq!(d["source"], "article-lsp");
        assert_eq!(d["severity"], 3, "information by default");
        let code = d["code"].as_str().unwrap();
        assert!(
            d["message"]
                .as_str()
                .unwrap()
                .starts_with(&format!("{code} · ")),
            "{d}"
        );
        let e = entities
            .iter()
            .find(|e| lsp_range(ARTICLE, &e.range, false) == d["range"] && e.kind.as_str() == code)
            .expect("matching entity");
        assert_eq!(d["data"]["value"], serde_json::to_value(&e.value).unwrap());
        assert_eq!(d["data"]["text"], e.text.as_str());
    }
    // Pull diagnostics agree with the pushed ones.
    let pulled = lsp.request(
        "textDocument/diagnostic",
        json!({"textDocument": {"uri": URI}}),
    );
    assert_eq!(pulled["kind"], "full");
    assert_eq!(
        published(&json!({"diagnostics": pulled["items"]})),
        published(&diags)
    );
    assert_eq!(lsp.shutdown_and_exit(), Some(0));
}

#[test]
fn utf8_is_used_when_the_client_offers_it() {
    let entities = engine_entities(ARTICLE, false);
    let (mut lsp, init) = start(&["utf-8", "utf-16"], None, json!({}));
    assert_eq!(init["capabilities"]["positionEncoding"], "utf-8");
    lsp.open(URI, "text", 3, ARTICLE);
    let diags = lsp.diagnostics(URI, Some(3));
    assert_eq!(
        published(&diags),
        expected(ARTICLE, &entities, true, |_| true)
    );
    // Hover by a byte column.
    let e = &entities[entities.len() / 2];
    let hover = lsp.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": URI}, "position": pos_json(ARTICLE, e.range.start, true)}),
    );
    assert_eq!(hover["range"], lsp_range(ARTICLE, &e.range, true));
    assert_eq!(lsp.shutdown_and_exit(), Some(0));
}

#[test]
fn seed_articles_from_examples_match_the_engine() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let (mut lsp, _) = start(&["utf-16"], Some(&dir), json!({}));
    for (name, lang, markdown) in [
        ("zh-hans-logistics.txt", "plaintext", false),
        ("en-energy.txt", "article", false),
        ("mixed-fintech.md", "markdown", true),
    ] {
        let path = dir.join(name);
        let text = std::fs::read_to_string(&path).unwrap();
        let entities = engine_entities(&text, markdown);
        let uri = file_uri(&path);
        lsp.open(&uri, lang, 7, &text);
        let diags = lsp.diagnostics(&uri, Some(7));
        assert_eq!(
            published(&diags),
            expected(&text, &entities, false, |_| true),
            "{name}"
        );
        if markdown {
            // Nothing inside the code block or the link target.
            let code_line = text.lines().position(|l| l.contains("999")).unwrap() as u64;
            for d in diags["diagnostics"].as_array().unwrap() {
                assert_ne!(d["range"]["start"]["line"], code_line, "{d}");
                assert!(
                    !d["message"].as_str().unwrap().contains("50,000,000,000"),
                    "{d}"
                );
            }
        }
    }
    assert_eq!(lsp.shutdown_and_exit(), Some(0));
}

#[test]
fn hover_tokens_and_inlay_hints() {
    let entities = engine_entities(ARTICLE, false);
    let (mut lsp, init) = start(&["utf-16"], None, json!({}));
    let legend = init["capabilities"]["semanticTokensProvider"]["legend"]["tokenTypes"]
        .as_array()
        .unwrap()
        .clone();
    lsp.open(URI, "plaintext", 1, ARTICLE);
    lsp.diagnostics(URI, Some(1));

    // Hover: kind, exact text, a count of mentions.
    for e in &entities {
        let mid = e
            .text
            .char_indices()
            .nth(e.text.chars().count() / 2)
            .unwrap()
            .0;
        let hover = lsp.request(
            "textDocument/hover",
            json!({"textDocument": {"uri": URI}, "position": pos_json(ARTICLE, e.range.start + mid, false)}),
        );
        let md = hover["contents"]["value"]
            .as_str()
            .unwrap_or_else(|| panic!("no hover on {e:?}"));
        assert_eq!(hover["contents"]["kind"], "markdown");
        assert!(md.contains("Mentioned "), "{md}");
        if hover["range"] == lsp_range(ARTICLE, &e.range, false) {
            assert!(md.contains(&format!("**{}**", e.kind)), "{md}");
            if e.kind == Kind::Money {
                assert!(md.contains("amount: **"), "{md}");
            }
            if e.kind == Kind::Date {
                assert!(md.contains("resolved against"), "{md}");
            }
        }
    }
    let blank = ARTICLE.find("\r\n\r\n").unwrap() + 2;
    let hover = lsp.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": URI}, "position": pos_json(ARTICLE, blank, false)}),
    );
    assert!(hover.is_null(), "{hover}");

    // Semantic tokens decode to the entities (first of any overlap).
    let tokens = lsp.request(
        "textDocument/semanticTokens/full",
        json!({"textDocument": {"uri": URI}}),
    );
    let data: Vec<u64> = tokens["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_u64().unwrap())
        .collect();
    assert_eq!(data.len() % 5, 0);
    let (mut line, mut col) = (0, 0);
    let mut decoded = Vec::new();
    for t in data.chunks(5) {
        if t[0] > 0 {
            line += t[0];
            col = t[1];
        } else {
            col += t[1];
        }
        decoded.push((
            line,
            col,
            t[2],
            legend[t[3] as usize].as_str().unwrap().to_string(),
        ));
    }
    let mut want = Vec::new();
    let mut last_end = 0;
    for e in &entities {
        if e.range.start < last_end {
            continue;
        }
        last_end = e.range.end;
        let (l, c) = position(ARTICLE, e.range.start, false);
        let ty = match e.kind {
            Kind::Company => "class",
            Kind::Money => "number",
            Kind::Percent => "enumMember",
            Kind::Date => "string",
        };
        want.push((l, c, e.text.encode_utf16().count() as u64, ty.to_string()));
    }
    assert_eq!(decoded, want);

    // Delta after an edit that adds a money mention at the top.
    let id = tokens["resultId"].as_str().unwrap().to_string();
    lsp.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": URI, "version": 2},
               "contentChanges": [{"range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}, "text": "US$5 million. "}]}),
    );
    lsp.diagnostics(URI, Some(2));
    let delta = lsp.request(
        "textDocument/semanticTokens/full/delta",
        json!({"textDocument": {"uri": URI}, "previousResultId": id}),
    );
    assert!(delta["edits"].is_array(), "{delta}");
    assert_ne!(delta["resultId"], json!(id));
    let edits = delta["edits"].as_array().unwrap();
    assert!(!edits.is_empty());
    for e in edits {
        assert_eq!(e["start"].as_u64().unwrap() % 5, 0);
    }

    // Inlay hints after money: `= <amount> <currency>`.
    let hints = lsp.request(
        "textDocument/inlayHint",
        json!({"textDocument": {"uri": URI}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 99, "character": 0}}}),
    );
    let text2 = format!("US$5 million. {ARTICLE}");
    let engine2 = engine_entities(&text2, false);
    let money_count = engine2
        .iter()
        .filter(|e| e.kind == Kind::Money && e.value.is_some())
        .count();
    let labels: Vec<&str> = hints
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["label"].as_str().unwrap())
        .collect();
    assert!(labels.iter().all(|l| l.starts_with("= ")), "{labels:?}");
    assert!(labels.len() >= money_count, "{labels:?}");
    for e in engine2
        .iter()
        .filter(|e| e.kind == Kind::Money && e.value.is_some())
    {
        let p = pos_json(&text2, e.range.end, false);
        assert!(
            hints.as_array().unwrap().iter().any(|h| h["position"] == p),
            "no hint after {e:?}"
        );
    }
    // Off by configuration.
    lsp.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"articleLsp": {"inlayHints": false}}}),
    );
    lsp.diagnostics(URI, Some(2));
    let hints = lsp.request(
        "textDocument/inlayHint",
        json!({"textDocument": {"uri": URI}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 99, "character": 0}}}),
    );
    assert_eq!(hints, json!([]));
    assert_eq!(lsp.shutdown_and_exit(), Some(0));
}

#[test]
fn symbols_and_references_cover_the_document_and_the_workspace() {
    let entities = engine_entities(ARTICLE, false);
    // A company when the engine finds one, else an amount (references
    // work on both: the same company, the same value).
    let company = entities
        .iter()
        .find(|e| e.kind == Kind::Company)
        .or_else(|| {
            entities
                .iter()
                .find(|e| e.kind == Kind::Money && e.value.is_some())
        })
        .expect("a company or an amount in the test text");
    let key = article_lsp::lsp::format::key(company);
    let same_in_doc = entities
        .iter()
        .filter(|e| article_lsp::lsp::format::key(e) == key)
        .count();

    let ws = tempfile::tempdir().unwrap();
    let other_text = format!("第二篇：{}昨日再次宣布扩张。\n", company.text);
    std::fs::write(ws.path().join("other.txt"), &other_text).unwrap();
    std::fs::write(ws.path().join("ignored.rs"), &other_text).unwrap();
    let other_same = Engine::new()
        .analyze(&other_text, &Options::default())
        .entities
        .iter()
        .filter(|e| article_lsp::lsp::format::key(e) == key)
        .count();
    assert!(other_same > 0);
    let path = ws.path().join("news.txt");
    std::fs::write(&path, ARTICLE).unwrap();
    let uri = file_uri(&path.canonicalize().unwrap());

    let (mut lsp, _) = start(
        &["utf-16"],
        Some(&ws.path().canonicalize().unwrap()),
        json!({}),
    );
    lsp.open(&uri, "plaintext", 1, ARTICLE);
    lsp.diagnostics(&uri, Some(1));

    let symbols = lsp.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": uri}}),
    );
    let groups = symbols.as_array().unwrap();
    let total: usize = groups
        .iter()
        .map(|g| g["children"].as_array().unwrap().len())
        .sum();
    assert_eq!(total, entities.len());
    for kind in Kind::ALL {
        let n = entities.iter().filter(|e| e.kind == kind).count();
        if n > 0 {
            let g = groups
                .iter()
                .find(|g| {
                    g["children"][0]["name"].is_string()
                        && g["name"].as_str().unwrap().ends_with(&format!("({n})"))
                })
                .unwrap_or_else(|| panic!("no group of {n} for {kind}: {symbols}"));
            assert!(g["children"].as_array().unwrap().len() == n);
        }
    }

    let refs = lsp.request(
        "textDocument/references",
        json!({"textDocument": {"uri": uri}, "position": pos_json(ARTICLE, company.range.start, false), "context": {"includeDeclaration": true}}),
    );
    let refs = refs.as_array().unwrap();
    let here = refs.iter().filter(|l| l["uri"] == uri.as_str()).count();
    let there = refs
        .iter()
        .filter(|l| l["uri"].as_str().unwrap().ends_with("/other.txt"))
        .count();
    assert_eq!(here, same_in_doc, "{refs:?}");
    assert_eq!(there, other_same, "{refs:?}");
    assert!(refs
        .iter()
        .all(|l| !l["uri"].as_str().unwrap().ends_with(".rs")));

    if company.kind != Kind::Company {
        // Workspace symbols are companies: none found, none listed.
        let ws_symbols = lsp.request("workspace/symbol", json!({"query": ""}));
        assert_eq!(ws_symbols, json!([]));
        assert_eq!(lsp.shutdown_and_exit(), Some(0));
        return;
    }
    let canonical = match &company.value {
        Some(article_lsp::extract::Value::Company(c)) => c.canonical.to_string(),
        _ => company.text.to_string(),
    };
    let ws_symbols = lsp.request(
        "workspace/symbol",
        json!({"query": canonical.to_lowercase()}),
    );
    let files: Vec<&str> = ws_symbols
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["location"]["uri"].as_str().unwrap())
        .collect();
    assert!(
        files.iter().any(|f| f.ends_with("/other.txt")),
        "{ws_symbols}"
    );
    assert!(
        files.iter().any(|f| f.ends_with("/news.txt")),
        "{ws_symbols}"
    );
    assert!(ws_symbols
        .as_array()
        .unwrap()
        .iter()
        .all(|s| s["kind"] == 5));
    assert_eq!(lsp.shutdown_and_exit(), Some(0));
}

#[test]
fn code_actions_and_exports() {
    let ws = tempfile::tempdir().unwrap();
    let root = ws.path().canonicalize().unwrap();
    let path = root.join("news.txt");
    std::fs::write(&path, ARTICLE).unwrap();
    std::fs::write(
        root.join("second.md"),
        "# 标题\n\n京东集团宣布投资200亿元。\n",
    )
    .unwrap();
    let uri = file_uri(&path);
    let (mut lsp, init) = start(
        &["utf-16"],
        Some(&root),
        json!({"export": {"directory": "exports"}}),
    );
    assert_eq!(
        init["capabilities"]["executeCommandProvider"]["commands"],
        json!([
            "articleLsp.export",
            "articleLsp.setDate",
            "articleLsp.accept",
            "articleLsp.reject",
            "articleLsp.restore",
            "articleLsp.relabel",
            "articleLsp.mark",
            "articleLsp.alwaysCompany",
            "articleLsp.neverMark"
        ])
    );
    lsp.open(&uri, "plaintext", 1, ARTICLE);
    lsp.diagnostics(&uri, Some(1));

    let actions = lsp.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": {"start": {"line": 1, "character": 2}, "end": {"line": 1, "character": 2}}, "context": {"diagnostics": []}}),
    );
    let titles: Vec<&str> = actions
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["title"].as_str().unwrap())
        .collect();
    for f in article_lsp::export::Format::ALL {
        assert!(
            titles.contains(&format!("Export annotations as {}", f.name()).as_str()),
            "{titles:?}"
        );
    }
    // Decision actions (quickfix/refactor, tests/workflow_lsp.rs) may come
    // too; every source action is an export.
    for a in actions.as_array().unwrap() {
        if a["kind"] == "source" {
            assert_eq!(a["command"]["command"], "articleLsp.export");
        }
    }
    let only_quickfix = lsp.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}, "context": {"diagnostics": [], "only": ["quickfix"]}}),
    );
    assert_eq!(only_quickfix, json!([]));

    // Run the first action's command as the editor would.
    let jsonl = actions
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["title"] == "Export annotations as jsonl")
        .unwrap();
    let result = lsp.request(
        "workspace/executeCommand",
        json!({"command": jsonl["command"]["command"], "arguments": jsonl["command"]["arguments"]}),
    );
    let paths = result["paths"].as_array().unwrap();
    assert_eq!(paths.len(), 1);
    let written = Path::new(paths[0].as_str().unwrap());
    assert!(written.starts_with(root.join("exports")), "{written:?}");
    let line: Value = serde_json::from_str(
        std::fs::read_to_string(written)
            .unwrap()
            .lines()
            .next()
            .unwrap(),
    )
    .unwrap();
    assert_eq!(
        line["entities"].as_array().unwrap().len(),
        engine_entities(ARTICLE, false).len()
    );
    let show = lsp
        .wait_for(
            |m| m["method"] == "window/showDocument",
            Duration::from_secs(5),
        )
        .expect("the server asks to open the export");
    assert!(show["params"]["uri"].as_str().unwrap().ends_with(".jsonl"));

    // An explicit path inside the workspace, one outside.
    let result = lsp.request(
        "workspace/executeCommand",
        json!({"command": "articleLsp.export", "arguments": [{"uri": uri, "format": "json", "path": "out/mine.json"}]}),
    );
    assert_eq!(
        result["paths"][0],
        root.join("out/mine.json").display().to_string()
    );
    let id = lsp.request_async(
        "workspace/executeCommand",
        json!({"command": "articleLsp.export", "arguments": [{"uri": uri, "path": "../escape.jsonl"}]}),
    );
    let err = lsp.response(id);
    assert!(
        err["error"]["message"]
            .as_str()
            .unwrap()
            .contains("leaves the workspace"),
        "{err}"
    );
    assert!(!root.parent().unwrap().join("escape.jsonl").exists());
    let id = lsp.request_async(
        "workspace/executeCommand",
        json!({"command": "articleLsp.export", "arguments": [{"uri": uri, "format": "docx"}]}),
    );
    assert!(lsp.response(id)["error"]["message"]
        .as_str()
        .unwrap()
        .contains("unknown export format"));

    // Workspace export with progress.
    let result = lsp.request(
        "workspace/executeCommand",
        json!({"command": "articleLsp.export", "arguments": [{"uri": "workspace", "format": "jsonl"}], "workDoneToken": "tok-1"}),
    );
    let written = std::fs::read_to_string(result["paths"][0].as_str().unwrap()).unwrap();
    assert_eq!(written.lines().count(), 2, "{written}");
    let mut kinds = Vec::new();
    while let Some(p) = lsp.wait_for(
        |m| m["method"] == "$/progress" && m["params"]["token"] == "tok-1",
        Duration::from_millis(500),
    ) {
        kinds.push(p["params"]["value"]["kind"].as_str().unwrap().to_string());
    }
    assert_eq!(kinds.first().map(String::as_str), Some("begin"));
    assert_eq!(kinds.last().map(String::as_str), Some("end"));
    assert!(kinds.iter().any(|k| k == "report"));
    assert_eq!(lsp.shutdown_and_exit(), Some(0));
}

/// A deterministic pseudo-random sequence.
struct Lcg(u64);
impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % n.max(1)
    }
}

fn char_boundary(text: &str, mut b: usize) -> usize {
    b = b.min(text.len());
    while !text.is_char_boundary(b) {
        b -= 1;
    }
    // Never split a CRLF.
    if b > 0 && text.as_bytes()[b - 1] == b'\r' && text.as_bytes().get(b) == Some(&b'\n') {
        b -= 1;
    }
    b
}

fn burst(debounce: u64, encodings: &[&str]) {
    let utf8 = encodings[0] == "utf-8";
    let (mut lsp, _) = start(encodings, None, json!({"debounceMs": debounce}));
    let mut text = ARTICLE.repeat(3);
    lsp.open(URI, "plaintext", 1, &text);
    let inserts = [
        "5",
        "亿元",
        "🚀",
        "\r\n",
        "京东",
        " 12% ",
        "x",
        "2018年",
        "$3 million ",
    ];
    let mut rng = Lcg(7);
    let mut version = 1;
    let mut edits = 0;
    while edits < 200 {
        let n = 1 + rng.next(3);
        let mut changes = Vec::new();
        for _ in 0..n {
            let a = char_boundary(&text, rng.next(text.len() + 1));
            let del = if rng.next(3) == 0 { rng.next(6) } else { 0 };
            let b = char_boundary(&text, a + del).max(a);
            let ins = inserts[rng.next(inserts.len())];
            changes.push(json!({"range": {"start": pos_json(&text, a, utf8), "end": pos_json(&text, b, utf8)}, "text": ins}));
            text.replace_range(a..b, ins);
            edits += 1;
        }
        version += 1;
        lsp.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": URI, "version": version}, "contentChanges": changes}),
        );
    }
    let last = lsp.diagnostics(URI, Some(version));
    let before: Vec<i64> = lsp
        .inbox
        .iter()
        .filter(|m| m["method"] == "textDocument/publishDiagnostics")
        .map(|m| m["params"]["version"].as_i64().unwrap())
        .collect();
    assert!(
        before.windows(2).all(|w| w[0] < w[1]),
        "versions go back or repeat: {before:?}\n{}",
        lsp.stderr()
    );
    lsp.inbox.clear();
    let entities = Engine::new().analyze(&text, &Options::default()).entities;
    assert_eq!(published(&last), expected(&text, &entities, utf8, |_| true));
    // Nothing older is published after it, and versions never go back.
    lsp.drain(Duration::from_millis(debounce + 300));
    let versions: Vec<i64> = lsp
        .inbox
        .iter()
        .filter(|m| m["method"] == "textDocument/publishDiagnostics")
        .map(|m| m["params"]["version"].as_i64().unwrap())
        .collect();
    assert!(
        versions.iter().all(|v| *v == version),
        "published after the final version: {versions:?}"
    );
    // The server's text is the client's: a full-text check through hover-free means,
    // the pull diagnostics of the final text.
    let pulled = lsp.request(
        "textDocument/diagnostic",
        json!({"textDocument": {"uri": URI}}),
    );
    assert_eq!(
        published(&json!({"diagnostics": pulled["items"]})),
        published(&last)
    );
    assert_eq!(lsp.shutdown_and_exit(), Some(0));
}

#[test]
fn a_burst_of_200_edits_ends_with_the_final_texts_diagnostics() {
    burst(0, &["utf-16"]);
}

#[test]
fn a_burst_of_200_edits_debounced_in_utf8() {
    burst(150, &["utf-8"]);
}

#[test]
fn configuration_changes_republish_open_documents() {
    let entities = engine_entities(ARTICLE, false);
    let (mut lsp, _) = start(
        &["utf-16"],
        None,
        json!({"articleLsp": {"kinds": {"company": "error"}}}),
    );
    lsp.open(URI, "plaintext", 1, ARTICLE);
    let diags = lsp.diagnostics(URI, Some(1));
    for d in diags["diagnostics"].as_array().unwrap() {
        let want = if d["code"] == "company" { 1 } else { 3 };
        assert_eq!(d["severity"], want, "{d}");
    }
    // Push model: the settings come with the notification.
    let hidden = entities.iter().map(|e| e.kind).next().unwrap();
    lsp.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"articleLsp": {"kinds": {hidden.as_str(): "off"}}}}),
    );
    let diags = lsp.diagnostics(URI, Some(1));
    assert_eq!(
        published(&diags),
        expected(ARTICLE, &entities, false, |k| k != hidden)
    );
    // Pull model: empty settings make the server ask (workspace/configuration).
    *lsp.configuration.lock().unwrap() = json!({"kinds": {hidden.as_str(): "warning"}});
    lsp.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": null}),
    );
    lsp.wait_for(
        |m| m["method"] == "workspace/configuration",
        Duration::from_secs(5),
    )
    .expect("the server pulls its section");
    let diags = lsp.diagnostics(URI, Some(1));
    assert_eq!(
        published(&diags),
        expected(ARTICLE, &entities, false, |_| true)
    );
    assert!(diags["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .any(|d| d["code"] == hidden.as_str() && d["severity"] == 2));
    assert_eq!(lsp.shutdown_and_exit(), Some(0));
}

#[test]
fn set_date_reanalyses_with_the_given_article_date() {
    let entities = engine_entities(ARTICLE, false);
    let (mut lsp, _) = start(&["utf-16"], None, json!({}));
    lsp.open(URI, "plaintext", 1, ARTICLE);
    lsp.diagnostics(URI, Some(1));
    let r = lsp.request(
        "workspace/executeCommand",
        json!({"command": "articleLsp.setDate", "arguments": [{"uri": URI, "dct": "2018-01-17"}]}),
    );
    assert_eq!(r["dct"], "2018-01-17");
    let diags = lsp.diagnostics(URI, Some(1));
    let with_dct = Engine::new()
        .analyze(
            ARTICLE,
            &Options {
                dct: article_lsp::extract::Dct::parse(
                    "2018-01-17",
                    article_lsp::extract::DctSource::Given,
                ),
                markdown: false,
            },
        )
        .entities;
    assert_eq!(
        published(&diags),
        expected(ARTICLE, &with_dct, false, |_| true)
    );
    if let Some(date) = entities.iter().find(|e| e.kind == Kind::Date) {
        let hover = lsp.request(
            "textDocument/hover",
            json!({"textDocument": {"uri": URI}, "position": pos_json(ARTICLE, date.range.start, false)}),
        );
        let md = hover["contents"]["value"].as_str().unwrap();
        assert!(md.contains("`2018-01-17`, given"), "{md}");
    }
    let id = lsp.request_async(
        "workspace/executeCommand",
        json!({"command": "articleLsp.setDate", "arguments": [{"uri": URI, "dct": "yesterday"}]}),
    );
    assert!(lsp.response(id)["error"].is_object());
    assert_eq!(lsp.shutdown_and_exit(), Some(0));
}

#[test]
fn malformed_unknown_and_out_of_range_messages_leave_it_running() {
    let (mut lsp, _) = start(&["utf-16"], None, json!({}));
    lsp.open(URI, "plaintext", 1, ARTICLE);
    lsp.diagnostics(URI, Some(1));
    // Broken JSON in a well-formed frame.
    lsp.send_raw(b"Content-Length: 11\r\n\r\n{\"jsonrpc\":");
    let err = lsp
        .wait_for(|m| m["error"]["code"] == -32700, Duration::from_secs(5))
        .expect("a parse error response");
    assert!(err["id"].is_null());
    // Valid JSON, not a message.
    lsp.send(&json!({"jsonrpc": "2.0", "id": 77}));
    assert_eq!(lsp.response(77)["error"]["code"], -32600);
    // An unknown request and an unknown notification.
    let id = lsp.request_async("article/unknownThing", json!({}));
    assert_eq!(lsp.response(id)["error"]["code"], -32601);
    lsp.notify("article/unknownNotification", json!({"x": 1}));
    // Out-of-range positions: hover far away, an edit past the end.
    let hover = lsp.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": URI}, "position": {"line": 9999, "character": 9999}}),
    );
    assert!(hover.is_null() || hover["contents"].is_object());
    lsp.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": URI, "version": 2},
               "contentChanges": [{"range": {"start": {"line": 0, "character": 5000}, "end": {"line": 500, "character": 1}}, "text": " 追加"}]}),
    );
    let diags = lsp.diagnostics(URI, Some(2));
    assert!(diags["diagnostics"].is_array());
    // Bad parameters for a request and for a notification.
    let id = lsp.request_async("textDocument/hover", json!({"nope": true}));
    assert!(lsp.response(id)["error"].is_object());
    lsp.notify("textDocument/didChange", json!({"textDocument": 5}));
    // A change for a document that is not open.
    lsp.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": "file:///nowhere.txt", "version": 2}, "contentChanges": [{"text": "x"}]}),
    );
    // Still alive and answering.
    let symbols = lsp.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": URI}}),
    );
    assert!(symbols.is_array());
    assert!(lsp.is_running());
    assert!(
        lsp.stderr().contains("clamped"),
        "out-of-range edits are logged"
    );
    assert_eq!(lsp.shutdown_and_exit(), Some(0));
}

#[test]
fn exit_without_shutdown_is_status_1() {
    let (mut lsp, _) = start(&["utf-16"], None, json!({}));
    lsp.notify("exit", Value::Null);
    let status = lsp
        .wait_exit(Duration::from_secs(10))
        .expect("the server exits");
    assert_eq!(status.code(), Some(1));
}

#[test]
fn serve_argument_and_closed_stdin_end_the_server() {
    let mut lsp = Lsp::start(&common::binary(), &["serve"]);
    lsp.initialize(&["utf-16"], None, json!({}));
    lsp.close_stdin();
    let status = lsp
        .wait_exit(Duration::from_secs(10))
        .expect("the server exits when stdin closes");
    assert_eq!(
        status.code(),
        Some(1),
        "closing stdin without shutdown is not a clean exit"
    );
    // Logs went to stderr (stdout carried only protocol, or the client
    // would have failed to read it).
    let deadline = std::time::Instant::now() + Duration::from_secs(2);
    while !lsp.stderr().contains("initialize") && std::time::Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(lsp.stderr().contains("initialize"), "{}", lsp.stderr());
}

#[test]
fn log_messages_reach_the_client() {
    let (mut lsp, _) = start(&["utf-16"], None, json!({"debounceMs": "soon"}));
    let msg = lsp
        .wait_for(
            |m| {
                m["method"] == "window/logMessage"
                    && m["params"]["message"]
                        .as_str()
                        .unwrap_or("")
                        .contains("debounceMs")
            },
            Duration::from_secs(5),
        )
        .expect("a bad setting is reported to the client");
    assert_eq!(msg["params"]["type"], 2);
    assert_eq!(lsp.shutdown_and_exit(), Some(0));
}

#[test]
fn a_workspace_export_can_be_cancelled() {
    let ws = tempfile::tempdir().unwrap();
    let root = ws.path().canonicalize().unwrap();
    for i in 0..1500 {
        std::fs::write(root.join(format!("a{i:04}.txt")), ARTICLE).unwrap();
    }
    let (mut lsp, _) = start(&["utf-16"], Some(&root), json!({}));
    let id = lsp.request_async(
        "workspace/executeCommand",
        json!({"command": "articleLsp.export", "arguments": [{"uri": "workspace"}], "workDoneToken": 42}),
    );
    lsp.wait_for(
        |m| m["method"] == "$/progress" && m["params"]["value"]["kind"] == "begin",
        Duration::from_secs(10),
    )
    .expect("progress begins");
    lsp.notify("window/workDoneProgress/cancel", json!({"token": 42}));
    let resp = lsp.response(id);
    assert_eq!(resp["error"]["code"], -32800, "{resp}");
    let end = lsp
        .wait_for(
            |m| m["method"] == "$/progress" && m["params"]["value"]["kind"] == "end",
            Duration::from_secs(5),
        )
        .expect("progress ends");
    assert_eq!(end["params"]["value"]["message"], "cancelled");
    assert!(!root
        .join(format!(
            "{}.jsonl",
            root.file_name().unwrap().to_string_lossy()
        ))
        .exists());
    assert_eq!(lsp.shutdown_and_exit(), Some(0));
}

#[test]
fn large_documents_settle_on_the_full_analysis() {
    // Big enough for line-by-line re-analysis while typing.
    let mut text = String::new();
    while text.len() < 100 * 1024 {
        text += ARTICLE;
    }
    let (mut lsp, _) = start(&["utf-16"], None, json!({"debounceMs": 0}));
    lsp.open(URI, "plaintext", 1, &text);
    let first = lsp.diagnostics(URI, Some(1));
    assert_eq!(
        published(&first),
        expected(&text, &engine_entities(&text, false), false, |_| true)
    );
    let mut version = 1;
    for (i, ins) in ["增长12%，", "\r\n京东集团投资超过200亿元。", "x"]
        .iter()
        .enumerate()
    {
        let at = char_boundary(&text, text.len() / 3 + i * 997);
        version += 1;
        lsp.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": URI, "version": version},
                   "contentChanges": [{"range": {"start": pos_json(&text, at, false), "end": pos_json(&text, at, false)}, "text": ins}]}),
        );
        text.insert_str(at, ins);
        lsp.diagnostics(URI, Some(version));
    }
    // Whatever the quick pass published, the last word for the final
    // version is the full analysis.
    lsp.drain(Duration::from_millis(1500));
    let last = lsp
        .inbox
        .iter()
        .rev()
        .find(|m| m["method"] == "textDocument/publishDiagnostics")
        .map(|m| m["params"].clone());
    let want = expected(
        &text,
        &Engine::new().analyze(&text, &Options::default()).entities,
        false,
        |_| true,
    );
    match last {
        Some(p) => {
            assert_eq!(p["version"], version);
            assert_eq!(published(&p), want);
        }
        None => {
            let pulled = lsp.request(
                "textDocument/diagnostic",
                json!({"textDocument": {"uri": URI}}),
            );
            assert_eq!(published(&json!({"diagnostics": pulled["items"]})), want);
        }
    }
    assert_eq!(lsp.shutdown_and_exit(), Some(0));
}

#[test]
fn closing_a_document_clears_its_diagnostics_and_reopening_starts_over() {
    let (mut lsp, _) = start(&["utf-16"], None, json!({"debounceMs": 0}));
    lsp.open(URI, "plaintext", 1, ARTICLE);
    let first = lsp.diagnostics(URI, Some(1));
    assert!(!first["diagnostics"].as_array().unwrap().is_empty());
    lsp.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": URI}}),
    );
    let cleared = lsp.diagnostics(URI, None);
    assert_eq!(cleared["diagnostics"], json!([]));
    // Requests on a closed document answer nothing rather than fail.
    let hover = lsp.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": URI}, "position": {"line": 0, "character": 3}}),
    );
    assert!(hover.is_null());
    // Reopened with other text and a lower version: analysed afresh.
    lsp.open(URI, "markdown", 1, "`200亿元` only code here\n");
    let again = lsp.diagnostics(URI, Some(1));
    assert_eq!(again["diagnostics"], json!([]));
    assert_eq!(lsp.shutdown_and_exit(), Some(0));
}
