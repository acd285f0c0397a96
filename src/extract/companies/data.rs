//! Reading company lists: the built-in TSV shipped in `data/` and the user's
//! `article-lsp.companies.toml`.

use serde::Deserialize;

/// One company as the lists describe it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CompanyEntry {
    pub canonical: String,
    /// Names that always mean this company.
    pub aliases: Vec<String>,
    /// Names that are also ordinary words (卓越, 美的, Ant): marked only in
    /// company context.
    pub weak: Vec<String>,
    pub ticker: Option<String>,
    pub parent: Option<String>,
    pub description: Option<String>,
}

/// A parsed list: companies plus strings that are never companies.
#[derive(Clone, Debug, Default)]
pub struct EntryList {
    pub companies: Vec<CompanyEntry>,
    /// Text that looks like a company (or holds an alias) but is not one:
    /// 中国人民银行, 北京东路.
    pub blocks: Vec<String>,
    /// Surface strings never to mark (user list).
    pub ignore: Vec<String>,
}

fn opt(s: Option<&str>) -> Option<String> {
    s.map(str::trim)
        .filter(|s| !s.is_empty() && *s != "-")
        .map(str::to_string)
}

/// Parses the built-in TSV:
/// `canonical<TAB>alias|alias|~weak<TAB>ticker<TAB>parent<TAB>description`;
/// `#` starts a comment line; a `!block` row lists non-companies.
pub fn parse_tsv(text: &str) -> Result<EntryList, String> {
    let mut list = EntryList::default();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let mut cols = line.split('\t');
        let canonical = cols.next().unwrap_or("").trim();
        let names = cols.next().unwrap_or("");
        if canonical == "!block" {
            list.blocks.extend(
                names
                    .split('|')
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(str::to_string),
            );
            continue;
        }
        if canonical.is_empty() {
            return Err(format!("line {}: empty canonical name", n + 1));
        }
        let mut entry = CompanyEntry {
            canonical: canonical.to_string(),
            ticker: opt(cols.next()),
            parent: opt(cols.next()),
            description: opt(cols.next()),
            ..Default::default()
        };
        for a in names.split('|').map(str::trim).filter(|s| !s.is_empty()) {
            match a.strip_prefix('~') {
                Some(w) => entry.weak.push(w.to_string()),
                None => entry.aliases.push(a.to_string()),
            }
        }
        list.companies.push(entry);
    }
    Ok(list)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct UserFile {
    #[serde(default)]
    company: Vec<toml::Spanned<UserCompany>>,
    #[serde(default)]
    ignore: Vec<String>,
    #[serde(default)]
    block: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct UserCompany {
    canonical: String,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    weak_aliases: Vec<String>,
    ticker: Option<String>,
    parent: Option<String>,
    description: Option<String>,
}

/// 1-based line of byte offset `at` in `text`.
fn line_of(text: &str, at: usize) -> usize {
    text[..at.min(text.len())].matches('\n').count() + 1
}

/// Parses a user gazetteer (TOML, see docs/companies.md). Entries with an
/// error are reported (naming the file and line) and skipped; a file that is
/// not TOML at all gives one error and an empty list.
pub fn parse_user_toml(text: &str, name: &str) -> (EntryList, Vec<String>) {
    let mut errors = Vec::new();
    let file: UserFile = match toml::from_str(text) {
        Ok(f) => f,
        Err(e) => {
            let line = e.span().map(|s| line_of(text, s.start));
            let msg = e.message().trim().to_string();
            errors.push(match line {
                Some(l) => format!("{name}:{l}: {msg}"),
                None => format!("{name}: {msg}"),
            });
            return (EntryList::default(), errors);
        }
    };
    let mut list = EntryList {
        ignore: file.ignore,
        blocks: file.block,
        ..Default::default()
    };
    for spanned in file.company {
        let line = line_of(text, spanned.span().start);
        let c = spanned.into_inner();
        let canonical = c.canonical.trim().to_string();
        if canonical.is_empty() {
            errors.push(format!(
                "{name}:{line}: [[company]] has an empty `canonical`"
            ));
            continue;
        }
        let aliases: Vec<String> = c
            .aliases
            .iter()
            .map(|a| a.trim().to_string())
            .filter(|a| !a.is_empty())
            .collect();
        let weak: Vec<String> = c
            .weak_aliases
            .iter()
            .map(|a| a.trim().to_string())
            .filter(|a| !a.is_empty())
            .collect();
        list.companies.push(CompanyEntry {
            canonical,
            aliases,
            weak,
            ticker: opt(c.ticker.as_deref()),
            parent: opt(c.parent.as_deref()),
            description: opt(c.description.as_deref()),
        });
    }
    (list, errors)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tsv_rows() {
        let l = parse_tsv("# c\nJD.com\t京东|JD|~东哥\tJD\t-\tRetailer\n!block\t北京东|南京东路\n")
            .unwrap();
        assert_eq!(l.companies.len(), 1);
        let jd = &l.companies[0];
        assert_eq!(jd.aliases, vec!["京东", "JD"]);
        assert_eq!(jd.weak, vec!["东哥"]);
        assert_eq!(jd.ticker.as_deref(), Some("JD"));
        assert_eq!(jd.parent, None);
        assert_eq!(l.blocks, vec!["北京东", "南京东路"]);
    }

    #[test]
    fn user_file_errors_name_the_line() {
        let (l, e) = parse_user_toml(
            "[[company]]\ncanonical = \"A\"\naliases = [\"甲\"\n",
            "f.toml",
        );
        assert!(l.companies.is_empty());
        assert_eq!(e.len(), 1);
        assert!(e[0].starts_with("f.toml:"), "{}", e[0]);
        assert!(e[0].contains(":3:") || e[0].contains(":4:"), "{}", e[0]);

        let (l, e) = parse_user_toml(
            "[[company]]\ncanonical = \"A\"\naliases = [\"甲\"]\n\n[[company]]\ncanonical = \"\"\n",
            "f.toml",
        );
        assert_eq!(l.companies.len(), 1);
        assert_eq!(e.len(), 1);
        assert!(e[0].contains("f.toml:5:"), "{}", e[0]);
    }
}
