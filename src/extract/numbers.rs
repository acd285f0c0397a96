//! Numbers: Arabic (with separators and decimals), Chinese numerals and
//! English number words, read from the folded text.
