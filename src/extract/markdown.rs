//! Markdown masking: code blocks, inline code, link targets, HTML tags and
//! front matter are blanked out (same byte length) so the engine skips them
//! while every offset still points into the file.

use regex::Regex;
use std::sync::OnceLock;

/// Returns `source` with the parts that are not prose replaced by spaces
/// (line breaks kept). Byte offsets are unchanged: every masked character
/// becomes as many spaces as it had bytes.
/// `.md` and `.markdown` files are read as Markdown (by `annotate` without
/// `--markdown`, and by `eval`).
pub fn is_markdown_path(path: &std::path::Path) -> bool {
    matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("md" | "markdown")
    )
}

pub fn mask(source: &str) -> String {
    let mut out = source.as_bytes().to_vec();
    mask_blocks(source, &mut out);
    mask_inline(&mut out);
    // Every blanked range starts and ends at ASCII delimiters or line
    // breaks, so the result is valid UTF-8; fall back to the input if not.
    String::from_utf8(out).unwrap_or_else(|_| source.to_string())
}

/// Blanks `range` of `out`, keeping `\n` and `\r`.
fn blank(out: &mut [u8], range: std::ops::Range<usize>) {
    for b in &mut out[range] {
        if *b != b'\n' && *b != b'\r' {
            *b = b' ';
        }
    }
}

/// Lines with their byte ranges (line break included).
fn lines(s: &str) -> Vec<(usize, &str)> {
    let mut v = Vec::new();
    let mut start = 0;
    for line in s.split_inclusive('\n') {
        v.push((start, line));
        start += line.len();
    }
    v
}

fn fence_of(line: &str) -> Option<(u8, usize)> {
    let t = line.trim_end_matches(['\n', '\r']);
    let indent = t.len() - t.trim_start_matches(' ').len();
    if indent > 3 {
        return None;
    }
    let t = &t[indent..];
    let c = *t.as_bytes().first()?;
    if c != b'`' && c != b'~' {
        return None;
    }
    let n = t.bytes().take_while(|&b| b == c).count();
    if n < 3 || (c == b'`' && t[n..].contains('`')) {
        return None;
    }
    Some((c, n))
}

fn is_blank(line: &str) -> bool {
    line.trim().is_empty()
}

fn is_list_item(line: &str) -> bool {
    let t = line.trim_start();
    let b = t.as_bytes();
    match b.first() {
        Some(b'-' | b'*' | b'+') => b.get(1).is_some_and(|c| *c == b' ' || *c == b'\t'),
        Some(c) if c.is_ascii_digit() => {
            let n = t.bytes().take_while(u8::is_ascii_digit).count();
            matches!(b.get(n), Some(b'.' | b')')) && b.get(n + 1).is_some_and(|c| *c == b' ')
        }
        _ => false,
    }
}

/// Front matter, fenced code blocks and indented code blocks.
fn mask_blocks(source: &str, out: &mut [u8]) {
    let ls = lines(source);
    let mut i = 0;
    // Front matter: `---` (YAML) or `+++` (TOML) on the first line.
    if let Some((_, first)) = ls.first() {
        let delim = first.trim_end_matches(['\n', '\r']);
        if delim == "---" || delim == "+++" {
            if let Some(end) = ls
                .iter()
                .skip(1)
                .position(|(_, l)| {
                    let t = l.trim_end_matches(['\n', '\r']);
                    t == delim || (delim == "---" && t == "...")
                })
                .map(|p| p + 1)
            {
                let (s, l) = ls[end];
                blank(out, 0..s + l.len());
                i = end + 1;
            }
        }
    }
    let mut prev_blank = true;
    let mut prev_prose_is_list = false;
    while i < ls.len() {
        let (start, line) = ls[i];
        if let Some((c, n)) = fence_of(line) {
            // Until a closing fence of the same character, at least as long.
            let mut j = i + 1;
            while j < ls.len() {
                let t = ls[j].1.trim();
                let m = t.bytes().take_while(|&b| b == c).count();
                if m >= n && t.len() == m {
                    break;
                }
                j += 1;
            }
            let end = ls.get(j).map(|(s, l)| s + l.len()).unwrap_or(source.len());
            blank(out, start..end);
            i = j + 1;
            prev_blank = true;
            continue;
        }
        let indented = line.starts_with("    ") || line.starts_with('\t');
        if indented && !is_blank(line) && prev_blank && !prev_prose_is_list {
            // An indented code block: this line and the following indented
            // or blank lines.
            let mut j = i;
            let mut end = start;
            while j < ls.len() {
                let (s, l) = ls[j];
                if is_blank(l) {
                    j += 1;
                    continue;
                }
                if l.starts_with("    ") || l.starts_with('\t') {
                    end = s + l.len();
                    j += 1;
                } else {
                    break;
                }
            }
            blank(out, start..end);
            // Resume after the last code line (blank lines re-scanned).
            while i < ls.len() && ls[i].0 < end {
                i += 1;
            }
            prev_blank = false;
            continue;
        }
        if !is_blank(line) {
            if !indented {
                prev_prose_is_list = is_list_item(line);
            }
            prev_blank = false;
        } else {
            prev_blank = true;
        }
        i += 1;
    }
}

fn regexes() -> &'static [Regex; 6] {
    static RE: OnceLock<[Regex; 6]> = OnceLock::new();
    RE.get_or_init(|| {
        let r = |s: &str| Regex::new(s).expect("static regex");
        [
            // HTML comments (may span lines).
            r(r"(?s)<!--.*?-->"),
            // Autolinks <https://...>, <mailto:...>.
            r(r"<[A-Za-z][A-Za-z0-9+.\-]{1,31}:[^<>\s]*>"),
            // HTML tags.
            r(r#"</?[A-Za-z][A-Za-z0-9\-]*(?:\s+[^<>\n]*?)?/?>"#),
            // Link and image targets: `](url "title")`.
            r(r#"\]\(\s*(?:<[^<>\n]*>|[^()\s]*(?:\([^()\s]*\)[^()\s]*)*)(?:\s+(?:"[^"\n]*"|'[^'\n]*'|\([^()\n]*\)))?\s*\)"#),
            // Reference definitions: `[id]: url "title"`.
            r(r#"(?m)^ {0,3}\[[^\]\n]+\]:[ \t]*\S+(?:[ \t]+(?:"[^"\n]*"|'[^'\n]*'|\([^()\n]*\)))?[ \t]*$"#),
            // Bare URLs (ASCII only, so Chinese prose after them survives).
            r(r"(?i)\b(?:https?://|www\.)[A-Za-z0-9\-._~:/?#\[\]@!$&'*+,;=%]+"),
        ]
    })
}

fn mask_inline(out: &mut [u8]) {
    mask_code_spans(out);
    let re = regexes();
    for (n, r) in re.iter().enumerate() {
        // Positions found on the current masked text.
        let text = String::from_utf8_lossy(out).into_owned();
        let ranges: Vec<std::ops::Range<usize>> = r
            .find_iter(&text)
            .map(|m| {
                let mut range = m.range();
                match n {
                    // Keep the `]` of a link so the link text stays prose.
                    3 => range.start += 1,
                    // A reference definition keeps its `[id]:` label.
                    4 => {
                        if let Some(colon) = text[range.clone()].find("]:") {
                            range.start += colon + 2;
                        }
                    }
                    // Trailing punctuation is the sentence's, not the URL's.
                    5 => {
                        while range.end > range.start
                            && matches!(
                                text.as_bytes()[range.end - 1],
                                b'.' | b',' | b';' | b':' | b'!' | b'?' | b'\''
                            )
                        {
                            range.end -= 1;
                        }
                    }
                    _ => {}
                }
                range
            })
            .collect();
        for range in ranges {
            blank(out, range);
        }
    }
}

/// Code spans: a run of N backticks up to the next run of exactly N within
/// the same paragraph; an unmatched run is literal text.
fn mask_code_spans(out: &mut [u8]) {
    let mut i = 0;
    while i < out.len() {
        if out[i] != b'`' {
            i += 1;
            continue;
        }
        let n = out[i..].iter().take_while(|&&b| b == b'`').count();
        let mut j = i + n;
        let mut close = None;
        while j < out.len() {
            if out[j] == b'`' {
                let m = out[j..].iter().take_while(|&&b| b == b'`').count();
                if m == n {
                    close = Some(j + m);
                    break;
                }
                j += m;
                continue;
            }
            if out[j] == b'\n' {
                // A blank line ends the paragraph.
                let rest = &out[j + 1..];
                let k = rest
                    .iter()
                    .take_while(|&&b| b == b' ' || b == b'\t' || b == b'\r')
                    .count();
                if rest.get(k).is_none_or(|&b| b == b'\n') {
                    break;
                }
            }
            j += 1;
        }
        match close {
            Some(end) => {
                blank(out, i..end);
                i = end;
            }
            None => i += n,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn visible(s: &str) -> String {
        let m = mask(s);
        assert_eq!(m.len(), s.len());
        m.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    #[test]
    fn keeps_length_and_line_breaks() {
        let s = "---\r\ntitle: 京东 200亿元\r\n---\r\n正文 `code 5元` 结束\r\n";
        let m = mask(s);
        assert_eq!(m.len(), s.len());
        assert_eq!(m.matches('\n').count(), s.matches('\n').count());
        assert_eq!(m.matches('\r').count(), s.matches('\r').count());
        assert_eq!(
            m.split_whitespace().collect::<Vec<_>>(),
            vec!["正文", "结束"]
        );
    }

    #[test]
    fn masks_fenced_and_indented_code() {
        let s = "intro\n\n```rust\nlet x = \"999亿元\";\n```\n\n    indented 5%\n\nafter\n~~~\nopen fence 3元";
        assert_eq!(visible(s), "intro after");
    }

    #[test]
    fn list_continuations_are_prose() {
        let s = "- item one\n\n    continued 200亿元\n";
        assert_eq!(visible(s), "- item one continued 200亿元");
    }

    #[test]
    fn masks_link_targets_html_and_urls_but_not_link_text() {
        let s = "See the [filing](https://example.com/2022年5月20日/500亿元 \"t\") for details.\n\
                 <span class=\"x\">3亿元</span> <!-- 4亿元\nhidden --> <https://a.b/5亿>\n\
                 [ref]: https://x.com/6亿元\n\
                 visit https://x.com/7.html. 然后";
        assert_eq!(
            visible(s),
            "See the [filing] for details. 3亿元 [ref]: visit . 然后"
        );
    }

    #[test]
    fn unmatched_backticks_are_text() {
        assert_eq!(visible("a ` b 5元"), "a ` b 5元");
        assert_eq!(visible("a ``x` y`` b"), "a b");
    }

    #[test]
    fn plain_text_is_untouched() {
        let s = "京东集团2017年11月宣布投资200亿元。\n第二段 50%";
        assert_eq!(mask(s), s);
    }
}
