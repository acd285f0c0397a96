//! Golden tests for every export format: each export is read back and every
//! span must cut out exactly its entity text in the format's own offset unit
//! (code points, UTF-16 units, or tokens), for the §1.5 running example and
//! its variants (emoji, CJK Extension-B, CRLF, traditional, English), a
//! crafted text with BOM + CRLF + emoji + Ext-B + overlaps, and the example
//! articles; for one document and for many.

mod export_fixtures;

use article_lsp::export::{self, ExportDoc, Format};
use export_fixtures::{all, crafted, english, running, Fixture};
use serde_json::Value;
use std::collections::BTreeMap;

fn cp_slice(text: &str, start: usize, end: usize) -> String {
    text.chars().skip(start).take(end - start).collect()
}

fn u16_slice(text: &str, start: usize, end: usize) -> String {
    let units: Vec<u16> = text.encode_utf16().collect();
    String::from_utf16(&units[start..end]).expect("a UTF-16 range never splits a surrogate pair")
}

fn docs(fixtures: &[Fixture]) -> Vec<ExportDoc<'_>> {
    fixtures.iter().map(Fixture::doc).collect()
}

fn render(format: Format, fixtures: &[Fixture]) -> Vec<u8> {
    export::render(format, &docs(fixtures)).expect("render")
}

fn utf8(bytes: Vec<u8>) -> String {
    String::from_utf8(bytes).expect("exports are UTF-8")
}

fn lines_json(bytes: Vec<u8>) -> Vec<Value> {
    let s = utf8(bytes);
    assert!(!s.starts_with('\u{FEFF}'), "no BOM in JSON lines");
    s.lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect()
}

/// Checks one fixture set in one go and one document at a time.
fn each_way(check: impl Fn(&[Fixture])) {
    let fixtures = all();
    check(&fixtures);
    for f in fixtures {
        check(std::slice::from_ref(&f));
    }
}

#[test]
fn our_json_counts_code_points_of_the_original_text() {
    each_way(|fx| {
        let out = lines_json(render(Format::Jsonl, fx));
        assert_eq!(out.len(), fx.len());
        for (f, rec) in fx.iter().zip(&out) {
            assert_eq!(rec["offset_unit"], "codepoint");
            let ents = rec["entities"].as_array().unwrap();
            assert_eq!(ents.len(), f.entities.len());
            for e in ents {
                let (s, en) = (e["start"].as_u64().unwrap(), e["end"].as_u64().unwrap());
                assert_eq!(
                    cp_slice(&f.text, s as usize, en as usize),
                    e["text"].as_str().unwrap()
                );
            }
        }
        let json: Value = serde_json::from_slice(&render(Format::Json, fx)).unwrap();
        assert_eq!(json.is_array(), fx.len() > 1);
    });
}

#[test]
fn spacy_jsonl_spans_cut_their_text_in_code_points() {
    each_way(|fx| {
        let out = lines_json(render(Format::Spacy, fx));
        assert_eq!(out.len(), fx.len());
        for (f, line) in fx.iter().zip(&out) {
            let text = line["text"].as_str().unwrap();
            assert_eq!(text, f.exported_text());
            let spans = line["spans"]["sc"].as_array().unwrap();
            let got: Vec<String> = spans
                .iter()
                .map(|s| {
                    cp_slice(
                        text,
                        s[0].as_u64().unwrap() as usize,
                        s[1].as_u64().unwrap() as usize,
                    )
                })
                .collect();
            assert_eq!(got, f.surfaces(), "{}", f.name);
            // `entities` never overlap and use OntoNotes labels.
            let mut last = 0;
            for e in line["entities"].as_array().unwrap() {
                assert!(e[0].as_u64().unwrap() >= last);
                last = e[1].as_u64().unwrap();
                assert!(["ORG", "MONEY", "PERCENT", "DATE"].contains(&e[2].as_str().unwrap()));
            }
            assert_eq!(line["meta"]["offset_unit"], "codepoint");
            for n in line["meta"]["norm"].as_array().unwrap() {
                assert!(n["value"].is_string(), "values are strings: {n}");
            }
        }
    });
}

#[test]
fn doccano_counts_utf16_units_with_one_key_set() {
    each_way(|fx| {
        let out = lines_json(render(Format::Doccano, fx));
        let keys: Vec<Vec<String>> = out
            .iter()
            .map(|l| l.as_object().unwrap().keys().cloned().collect())
            .collect();
        assert!(
            keys.windows(2).all(|w| w[0] == w[1]),
            "same key set on every line"
        );
        assert!(!keys[0].contains(&"id".to_string()));
        for (f, line) in fx.iter().zip(&out) {
            let text = line["text"].as_str().unwrap();
            let got: Vec<String> = line["label"]
                .as_array()
                .unwrap()
                .iter()
                .map(|s| {
                    u16_slice(
                        text,
                        s[0].as_u64().unwrap() as usize,
                        s[1].as_u64().unwrap() as usize,
                    )
                })
                .collect();
            assert_eq!(got, f.surfaces(), "{}", f.name);
            assert!(line["doc_id"].as_str().is_some());
            assert_eq!(line["offset_unit"], "utf16");
        }
    });
}

/// A small RFC 4180 reader (quotes, doubled quotes, CRLF or LF).
fn read_csv(s: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut cell = String::new();
    let mut quoted = false;
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                cell.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => cell.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut cell)),
            (false, '\r') if chars.peek() == Some(&'\n') => {}
            (false, '\n') => {
                row.push(std::mem::take(&mut cell));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => cell.push(c),
        }
    }
    rows
}

#[test]
fn csv_rows_cut_their_text_in_code_points() {
    each_way(|fx| {
        let s = utf8(render(Format::Csv, fx));
        assert!(!s.starts_with('\u{FEFF}') && !s.contains("\r\n"));
        let rows = read_csv(&s);
        let header = &rows[0];
        assert_eq!(
            header,
            &export::csv::HEADER
                .iter()
                .map(|h| h.to_string())
                .collect::<Vec<_>>()
        );
        let col = |name: &str| header.iter().position(|h| h == name).unwrap();
        let mut by_doc: BTreeMap<String, Vec<&Vec<String>>> = BTreeMap::new();
        for r in &rows[1..] {
            assert_eq!(r.len(), header.len());
            assert_eq!(r[col("offset_unit")], "codepoint");
            by_doc.entry(r[col("doc_id")].clone()).or_default().push(r);
        }
        assert_eq!(
            rows.len() - 1,
            fx.iter().map(|f| f.entities.len()).sum::<usize>()
        );
        for f in fx {
            let id = export::model::IdMaker::default().id_for(&f.name);
            let text = f.exported_text();
            let rows = by_doc.get(&id).map(Vec::as_slice).unwrap_or(&[]);
            let got: Vec<String> = rows
                .iter()
                .map(|r| {
                    let cut = cp_slice(
                        &text,
                        r[col("start")].parse().unwrap(),
                        r[col("end")].parse().unwrap(),
                    );
                    assert_eq!(cut, r[col("text")]);
                    assert!(r[col("sentence")].contains(&cut));
                    cut
                })
                .collect();
            assert_eq!(got, f.surfaces(), "{}", f.name);
        }
    });
}

#[test]
fn csv_for_excel_has_bom_crlf_and_guards_formulas() {
    let fx = vec![crafted()];
    let s = utf8(render(Format::CsvExcel, &fx));
    assert!(s.starts_with('\u{FEFF}'));
    let records: Vec<&str> = s.split('\n').collect();
    assert_eq!(records.last(), Some(&""));
    assert!(
        records[..records.len() - 1]
            .iter()
            .all(|l| l.ends_with('\r')),
        "CRLF record ends"
    );
    let rows = read_csv(&s['\u{FEFF}'.len_utf8()..]);
    for r in &rows {
        for cell in r {
            assert!(
                !cell.starts_with(['=', '+', '-', '@']),
                "unguarded cell {cell:?}"
            );
        }
    }
    // The crafted text has `=SUM(A1)` in a sentence and `-5%` as an entity.
    assert!(rows.iter().any(|r| r.iter().any(|c| c == "'-5%")));
    assert!(rows
        .iter()
        .any(|r| r.iter().any(|c| c.starts_with("'=SUM"))));
}

/// Reads a brat collection from the rendered files.
fn brat_files(fx: &[Fixture]) -> BTreeMap<String, Vec<u8>> {
    export::render_files(Format::Brat, &docs(fx), "export")
        .unwrap()
        .into_iter()
        .map(|(p, b)| (p.to_string_lossy().into_owned(), b))
        .collect()
}

#[test]
fn brat_ann_offsets_cut_the_txt_copy_in_code_points() {
    each_way(|fx| {
        let files = brat_files(fx);
        let conf = utf8(files["annotation.conf"].clone());
        assert!(files.contains_key("tools.conf"));
        for f in fx {
            let id = export::model::IdMaker::default().id_for(&f.name);
            let txt = utf8(files[&format!("{id}.txt")].clone());
            assert!(!txt.starts_with('\u{FEFF}') && !txt.contains('\r'));
            assert_eq!(
                txt.trim_end_matches('\n'),
                f.exported_text().trim_end_matches('\n')
            );
            let ann = utf8(files[&format!("{id}.ann")].clone());
            let mut got = Vec::new();
            for line in ann.lines() {
                let parts: Vec<&str> = line.split('\t').collect();
                assert!(parts.len() >= 2, "{line}");
                match &line[..1] {
                    "T" => {
                        let (label, offsets) = parts[1].split_once(' ').unwrap();
                        assert!(conf.contains(&format!("\n{label}\n")));
                        let frags: Vec<String> = offsets
                            .split(';')
                            .map(|fr| {
                                let (s, e) = fr.split_once(' ').unwrap();
                                cp_slice(&txt, s.parse().unwrap(), e.parse().unwrap())
                            })
                            .collect();
                        assert_eq!(frags.join(" "), parts[2], "{line}");
                        got.push(parts[2].to_string());
                    }
                    "A" => {
                        let a: Vec<&str> = parts[1].split(' ').collect();
                        let decl = conf
                            .lines()
                            .find(|l| l.starts_with(&format!("{}\t", a[0])))
                            .unwrap_or_else(|| panic!("attribute {} declared", a[0]));
                        assert!(
                            decl.split(['|', ':', ' ']).any(|v| v == a[2]),
                            "{line} / {decl}"
                        );
                    }
                    "N" => {
                        assert!(parts[1].starts_with("Reference T"));
                        let db = parts[1]
                            .split(' ')
                            .nth(2)
                            .unwrap()
                            .split(':')
                            .next()
                            .unwrap();
                        assert!(utf8(files["tools.conf"].clone()).contains(&format!("{db}\t")));
                    }
                    "#" => assert!(parts[1].starts_with("AnnotatorNotes T")),
                    other => panic!("unexpected line kind {other}"),
                }
            }
            assert_eq!(got, f.surfaces(), "{}", f.name);
        }
    });
}

#[test]
fn brat_splits_a_span_across_lines_into_fragments() {
    let text = "甲公司\r\n乙集团宣布";
    let e = article_lsp::extract::Entity::new(
        text,
        article_lsp::extract::Kind::Company,
        0..text.find("宣布").unwrap(),
        None,
    );
    let ents = vec![e];
    let doc = ExportDoc {
        name: "multi.txt".into(),
        uri: None,
        text,
        lang: article_lsp::extract::Lang::ZhHans,
        dct: None,
        entities: &ents,
    };
    let files = export::render_files(Format::Brat, &[doc], "x").unwrap();
    let ann = String::from_utf8(files[1].1.clone()).unwrap();
    assert_eq!(ann.trim_end(), "T1\tCOMPANY 0 3;4 7\t甲公司 乙集团");
}

/// CoNLL: entities rebuilt from B-/I- runs, compared without whitespace.
#[test]
fn conll_tokens_rebuild_every_flat_entity() {
    each_way(|fx| {
        let s = utf8(render(Format::Conll, fx));
        let docs: Vec<&str> = if fx.len() > 1 {
            assert!(s.starts_with(export::conll::DOCSTART));
            s.split(export::conll::DOCSTART).skip(1).collect()
        } else {
            assert!(!s.contains("DOCSTART"));
            vec![s.as_str()]
        };
        assert_eq!(docs.len(), fx.len());
        for (f, d) in fx.iter().zip(docs) {
            let mut got: Vec<String> = Vec::new();
            for line in d.lines().filter(|l| !l.is_empty()) {
                let (tok, tag) = line.rsplit_once(' ').unwrap();
                assert!(!tok.is_empty() && !tok.contains(char::is_whitespace));
                if let Some(label) = tag.strip_prefix("B-") {
                    assert!(["ORG", "MONEY", "PERCENT", "DATE"].contains(&label));
                    got.push(tok.to_string());
                } else if tag.starts_with("I-") {
                    got.last_mut().expect("I- after B-").push_str(tok);
                } else {
                    assert_eq!(tag, "O");
                }
            }
            // The flat set: earlier, then longer, wins.
            let mut want = Vec::new();
            let mut end = 0;
            let mut ents: Vec<_> = f.entities.iter().collect();
            ents.sort_by_key(|e| (e.range.start, std::cmp::Reverse(e.range.end)));
            for e in ents {
                if e.range.start >= end {
                    end = e.range.end;
                    want.push(e.text.split_whitespace().collect::<String>());
                }
            }
            assert_eq!(got, want, "{}", f.name);
        }
    });
}

#[test]
fn conll_is_character_tokens_for_chinese_and_words_for_english() {
    let zh = utf8(render(Format::Conll, &[running("a.txt", "")]));
    assert!(zh.starts_with("京 B-ORG\n东 I-ORG\n计 O\n"));
    assert!(zh.contains("2 B-MONEY\n0 I-MONEY\n0 I-MONEY\n亿 I-MONEY\n元 I-MONEY\n。 O\n\n"));
    let en = utf8(render(Format::Conll, &[english()]));
    assert!(en.starts_with("JD.com B-ORG\nplans O\n"));
    assert!(en.contains("20 B-MONEY\nbillion I-MONEY\nyuan I-MONEY\n"));
}

#[test]
fn label_studio_regions_cut_their_text_in_code_points() {
    each_way(|fx| {
        let files = export::render_files(Format::LabelStudio, &docs(fx), "tasks").unwrap();
        assert_eq!(files.len(), 2);
        let config = String::from_utf8(files[1].1.clone()).unwrap();
        let tasks: Value = serde_json::from_slice(&files[0].1).unwrap();
        let tasks = tasks.as_array().unwrap();
        assert_eq!(tasks.len(), fx.len());
        for (f, t) in fx.iter().zip(tasks) {
            let text = t["data"]["text"].as_str().unwrap();
            let mut got = Vec::new();
            let result = t["predictions"][0]["result"].as_array().unwrap();
            for r in result {
                let v = &r["value"];
                let cut = cp_slice(
                    text,
                    v["start"].as_u64().unwrap() as usize,
                    v["end"].as_u64().unwrap() as usize,
                );
                assert!(config.contains(&format!("name=\"{}\"", r["from_name"].as_str().unwrap())));
                if r["type"] == "labels" {
                    assert_eq!(cut, v["text"].as_str().unwrap());
                    let label = v["labels"][0].as_str().unwrap();
                    assert!(config.contains(&format!("<Label value=\"{label}\"")));
                    got.push(cut);
                } else {
                    assert_eq!(r["type"], "textarea");
                    let id = r["id"].as_str().unwrap();
                    assert!(result
                        .iter()
                        .any(|x| x["id"] == id && x["type"] == "labels"));
                }
            }
            assert_eq!(got, f.surfaces(), "{}", f.name);
        }
    });
}

#[test]
fn w3c_position_selectors_count_code_points_and_match_the_quote() {
    each_way(|fx| {
        let files = export::render_files(Format::W3c, &docs(fx), "x").unwrap();
        assert_eq!(files.len(), fx.len());
        for (f, (_, bytes)) in fx.iter().zip(files) {
            let page: Value = serde_json::from_slice(&bytes).unwrap();
            assert_eq!(page["type"], "AnnotationPage");
            assert_eq!(page["@context"][0], "http://www.w3.org/ns/anno.jsonld");
            let text = f.exported_text();
            let mut got = Vec::new();
            for a in page["items"].as_array().unwrap() {
                assert!(a["id"].as_str().unwrap().starts_with("urn:uuid:"));
                let sel = a["target"]["selector"].as_array().unwrap();
                let pos = sel
                    .iter()
                    .find(|s| s["type"] == "TextPositionSelector")
                    .unwrap();
                let quote = sel
                    .iter()
                    .find(|s| s["type"] == "TextQuoteSelector")
                    .unwrap();
                let (s, e) = (
                    pos["start"].as_u64().unwrap() as usize,
                    pos["end"].as_u64().unwrap() as usize,
                );
                let cut = cp_slice(&text, s, e);
                assert_eq!(cut, quote["exact"].as_str().unwrap());
                let prefix = quote["prefix"].as_str().unwrap_or("");
                assert!(cp_slice(&text, 0, s).ends_with(prefix));
                got.push(cut);
            }
            assert_eq!(got, f.surfaces(), "{}", f.name);
        }
    });
}

fn unescape_tsv(s: &str) -> String {
    let mut out = String::new();
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('t') => out.push('\t'),
                Some('n') => out.push('\n'),
                Some('r') => out.push('\r'),
                Some(o) => out.push(o),
                None => {}
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[test]
fn webanno_tokens_count_utf16_units_and_rebuild_every_entity() {
    each_way(|fx| {
        let files = export::render_files(Format::Webanno, &docs(fx), "x").unwrap();
        for (f, (_, bytes)) in fx.iter().zip(files) {
            let tsv = String::from_utf8(bytes).unwrap();
            assert!(tsv.starts_with("#FORMAT=WebAnno TSV 3.3\n#T_SP=de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity|identifier|value\n\n\n#Text="));
            let text = f.exported_text();
            // Entity spans rebuilt from token columns: `[N]` groups, or one token.
            let mut spans: BTreeMap<String, (usize, usize, String)> = BTreeMap::new();
            let mut singles = Vec::new();
            for line in tsv.lines().filter(|l| !l.is_empty() && !l.starts_with('#')) {
                assert!(line.ends_with('\t'), "trailing TAB: {line:?}");
                let cols: Vec<&str> = line.split('\t').collect();
                assert_eq!(cols.len(), 6);
                let (b, e) = cols[1].split_once('-').unwrap();
                let (b, e): (usize, usize) = (b.parse().unwrap(), e.parse().unwrap());
                assert_eq!(u16_slice(&text, b, e), unescape_tsv(cols[2]), "{line}");
                if cols[4] == "_" {
                    continue;
                }
                for v in split_unescaped(cols[4]) {
                    match v.rsplit_once('[') {
                        Some((label, n)) => {
                            let s = spans
                                .entry(n.to_string())
                                .or_insert((b, e, label.to_string()));
                            s.1 = e;
                        }
                        None => singles.push((b, e, v.to_string())),
                    }
                }
            }
            let mut got: Vec<(usize, usize, String)> = spans.into_values().chain(singles).collect();
            got.sort_by_key(|s| (s.0, std::cmp::Reverse(s.1)));
            let got: Vec<String> = got.iter().map(|s| u16_slice(&text, s.0, s.1)).collect();
            assert_eq!(got, f.surfaces(), "{}", f.name);
        }
    });
}

fn split_unescaped(s: &str) -> Vec<String> {
    let mut out = vec![String::new()];
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                out.last_mut().unwrap().push(c);
                if let Some(n) = chars.next() {
                    out.last_mut().unwrap().push(n);
                }
            }
            '|' => out.push(String::new()),
            _ => out.last_mut().unwrap().push(c),
        }
    }
    out
}

/// The computed offsets of export-formats §1.5, in each format's unit.
#[test]
fn running_example_offsets_match_the_spec_tables() {
    let cases = [
        ("", (0, 2), (0, 2), (15, 20), (15, 20)),
        ("🚀", (1, 3), (2, 4), (16, 21), (17, 22)),
        ("𨋢", (1, 3), (2, 4), (16, 21), (17, 22)),
        // CRLF is normalized to LF before offsets are computed.
        ("标题\r\n", (3, 5), (3, 5), (18, 23), (18, 23)),
        ("标题\n", (3, 5), (3, 5), (18, 23), (18, 23)),
        ("\u{FEFF}", (0, 2), (0, 2), (15, 20), (15, 20)),
    ];
    for (prefix, jd_cp, jd_u16, m_cp, m_u16) in cases {
        let f = running("news-0001.txt", prefix);
        let spacy = lines_json(render(Format::Spacy, std::slice::from_ref(&f)));
        let sc = &spacy[0]["spans"]["sc"];
        assert_eq!(
            (sc[0][0].as_u64().unwrap(), sc[0][1].as_u64().unwrap()),
            (jd_cp.0, jd_cp.1),
            "{prefix:?}"
        );
        assert_eq!(
            (sc[2][0].as_u64().unwrap(), sc[2][1].as_u64().unwrap()),
            (m_cp.0, m_cp.1)
        );
        assert_eq!(sc[2][3], "CNY:20000000000");
        let doccano = lines_json(render(Format::Doccano, std::slice::from_ref(&f)));
        let l = &doccano[0]["label"];
        assert_eq!(
            (l[0][0].as_u64().unwrap(), l[0][1].as_u64().unwrap()),
            (jd_u16.0, jd_u16.1)
        );
        assert_eq!(
            (l[2][0].as_u64().unwrap(), l[2][1].as_u64().unwrap()),
            (m_u16.0, m_u16.1)
        );
        let norm = &doccano[0]["norm"][2];
        assert_eq!(norm["value"], "20000000000");
        assert_eq!(norm["unit"], "CNY");
        assert_eq!(norm["mod"], "more_than");
    }
    let base = running("news-0001.txt", "");
    let ann = export::render_files(Format::Brat, &[base.doc()], "x").unwrap();
    let ann = String::from_utf8(ann[1].1.clone()).unwrap();
    assert!(ann.contains("T1\tCOMPANY 0 2\t京东\n"));
    assert!(ann.contains("T2\tDATE 4 8\t未来三年\n"));
    assert!(ann.contains("T3\tMONEY 15 20\t200亿元\n"));
    assert!(ann.contains("\tReference T3 Amount:20000000000\t"));
    assert!(ann.contains("\tCurrency T3 CNY\n"));
    assert!(ann.contains("\tMod T3 more_than\n"));
    let en = english();
    let spacy = lines_json(render(Format::Spacy, std::slice::from_ref(&en)));
    let sc = &spacy[0]["spans"]["sc"];
    let got: Vec<(u64, u64)> = (0..3)
        .map(|i| (sc[i][0].as_u64().unwrap(), sc[i][1].as_u64().unwrap()))
        .collect();
    assert_eq!(got, [(0, 6), (33, 48), (68, 93)]);
}

#[test]
fn stale_entities_are_dropped_not_a_panic() {
    let text = "京东计划";
    let bad = vec![
        article_lsp::extract::Entity {
            kind: article_lsp::extract::Kind::Company,
            range: 1..4, // inside a character
            text: "x".into(),
            value: None,
            qualifier: None,
        },
        article_lsp::extract::Entity {
            kind: article_lsp::extract::Kind::Company,
            range: 6..99, // past the end
            text: "x".into(),
            value: None,
            qualifier: None,
        },
    ];
    let doc = ExportDoc {
        name: "bad.txt".into(),
        uri: None,
        text,
        lang: article_lsp::extract::Lang::ZhHans,
        dct: None,
        entities: &bad,
    };
    for format in Format::ALL {
        if *format == Format::Json || *format == Format::Jsonl {
            continue; // our own contract reports what the engine gave
        }
        let files = export::render_files(*format, std::slice::from_ref(&doc), "x").unwrap();
        assert!(!files.is_empty());
    }
}

#[test]
fn every_format_is_registered_and_unknown_names_list_them() {
    for f in Format::ALL {
        assert_eq!(Format::parse(f.name()).unwrap(), *f);
    }
    assert_eq!(Format::parse("Label_Studio").unwrap(), Format::LabelStudio);
    let err = Format::parse("xlsx").unwrap_err().to_string();
    for f in Format::ALL {
        assert!(err.contains(f.name()), "{err}");
    }
}

/// A long article with many entities exports in every format without
/// quadratic blow-ups (generous bound; it takes well under a second).
#[test]
fn a_long_article_with_many_entities_exports_quickly() {
    let unit = "🚀京东计划未来三年在东北投资超过200亿元。\r\nJD.com plans 20 billion yuan.\n";
    let text = unit.repeat(4000);
    let mut entities = Vec::new();
    for (i, _) in text.match_indices("京东") {
        entities.push(article_lsp::extract::Entity::new(
            &text,
            article_lsp::extract::Kind::Company,
            i..i + 6,
            None,
        ));
    }
    for (i, _) in text.match_indices("200亿元") {
        entities.push(article_lsp::extract::Entity::new(
            &text,
            article_lsp::extract::Kind::Money,
            i..i + 9,
            None,
        ));
    }
    entities.sort_by_key(|e| e.range.start);
    let doc = ExportDoc {
        name: "long.txt".into(),
        uri: None,
        text: &text,
        lang: article_lsp::extract::Lang::Mixed,
        dct: None,
        entities: &entities,
    };
    let started = std::time::Instant::now();
    for format in Format::ALL {
        let files = export::render_files(*format, std::slice::from_ref(&doc), "x").unwrap();
        assert!(files.iter().all(|(_, b)| !b.is_empty()));
    }
    let took = started.elapsed();
    assert!(
        took.as_secs() < 20,
        "exports of 8000 entities took {took:?}"
    );
}
