//! Which language and script an article is written in.

use super::fold::ScriptCounts;
use super::Folded;
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Lang {
    #[serde(rename = "zh-Hans")]
    ZhHans,
    #[serde(rename = "zh-Hant")]
    ZhHant,
    #[serde(rename = "en")]
    En,
    #[serde(rename = "mixed")]
    Mixed,
}

impl Lang {
    pub fn as_str(self) -> &'static str {
        match self {
            Lang::ZhHans => "zh-Hans",
            Lang::ZhHant => "zh-Hant",
            Lang::En => "en",
            Lang::Mixed => "mixed",
        }
    }

    pub fn is_chinese(self) -> bool {
        matches!(self, Lang::ZhHans | Lang::ZhHant)
    }
}

/// Weighs Han characters, traditional-only ones and Latin letters in the
/// original text (counted while folding). Traditional text differs from
/// simplified in roughly one character in four; a few stray forms in
/// simplified text stay far below the threshold.
pub fn detect(folded: &Folded) -> Lang {
    let ScriptCounts {
        han,
        traditional: trad,
        latin,
    } = folded.script_counts();
    let total = han + latin;
    if total == 0 {
        return Lang::En;
    }
    // A Han character carries about as much as a short English word (~4 letters).
    let han_weight = han * 4;
    let share = han_weight as f64 / (han_weight + latin) as f64;
    if share < 0.15 {
        Lang::En
    } else if share < 0.6 {
        Lang::Mixed
    } else if trad * 100 >= han * 8 {
        Lang::ZhHant
    } else {
        Lang::ZhHans
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lang(s: &str) -> Lang {
        detect(&Folded::new(s))
    }

    #[test]
    fn detects_each_script() {
        assert_eq!(
            lang("京东计划未来三年在东北投资超过200亿元。"),
            Lang::ZhHans
        );
        assert_eq!(
            lang("京東計劃未來三年在東北投資超過200億元。"),
            Lang::ZhHant
        );
        assert_eq!(
            lang("JD.com plans to invest more than 20 billion yuan."),
            Lang::En
        );
    }
}
