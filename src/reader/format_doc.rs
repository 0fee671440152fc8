//! Which section of docs/format.md explains the place a diagnostic points
//! at: the table header the place falls under (`[[region]]` → `region`,
//! `[offer.api]` → `offer-api`, `[pricebook.model.opus]` →
//! `pricebook-model`), found by bisection over the file's headers, read
//! once per load. Keys before any header, and tables the format does not
//! have, are the `file` section (the top of the file).
//!
//! To add a section: give its heading in docs/format.md the anchor
//! (`<a id="…"></a>`) and map its table here in [`section_of`].

/// Every anchor a diagnostic may name; each is a heading of docs/format.md
/// (the tests below check it, and that each section lists its fields).
pub const SECTIONS: &[&str] = &[
    "file",
    "deal",
    "fx",
    "region",
    "workload",
    "offer",
    "offer-api",
    "pricebook",
    "pricebook-tier",
    "pricebook-model",
    "pricebook-family",
    "stress",
    "uncertainty",
    "log",
];

/// The anchor of the table whose header path is `path` (`["offer", "api"]`).
pub fn section_of(path: &[&str]) -> &'static str {
    match path {
        ["offer", "api", ..] => "offer-api",
        ["pricebook", "tier", ..] => "pricebook-tier",
        ["pricebook", "model", ..] => "pricebook-model",
        ["pricebook", "family", ..] => "pricebook-family",
        [first, ..] => SECTIONS
            .iter()
            .find(|s| s == &first)
            .copied()
            .unwrap_or("file"),
        [] => "file",
    }
}

/// The table headers of `src`: the byte offset each starts at and its
/// section, in file order.
pub fn headers(src: &str) -> Vec<(usize, &'static str)> {
    let mut out = Vec::new();
    let mut at = 0;
    for line in src.split_inclusive('\n') {
        if let Some(path) = header_path(line) {
            let parts: Vec<&str> = path.iter().map(String::as_str).collect();
            out.push((at, section_of(&parts)));
        }
        at += line.len();
    }
    out
}

/// The section of byte `offset`, given the file's [`headers`].
pub fn section_at(headers: &[(usize, &'static str)], offset: usize) -> &'static str {
    let i = headers.partition_point(|(start, _)| *start <= offset);
    match i {
        0 => "file",
        i => headers[i - 1].1,
    }
}

/// The key path of a `[a.b]` or `[[a.b]]` header line, unquoted.
fn header_path(line: &str) -> Option<Vec<String>> {
    let t = line.trim_start();
    let inner = t
        .strip_prefix("[[")
        .and_then(|r| r.split_once("]]"))
        .or_else(|| t.strip_prefix('[').and_then(|r| r.split_once(']')))
        .map(|(inner, _)| inner)?;
    let path: Vec<String> = inner
        .split('.')
        .map(|p| p.trim().trim_matches(['"', '\'']).to_string())
        .collect();
    let keyish = |p: &String| {
        !p.is_empty()
            && p.chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-'))
    };
    path.iter().all(keyish).then_some(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_place_takes_the_section_of_the_header_above_it() {
        let src = "schema = 1\n[deal]\nname = 'x'\n[[offer]]\nseats = 1\n[offer.api]\nbatch = 2\n[pricebook.model.\"opus-5\"]\ninput = 1\n[regon]\nx = 1\n";
        let h = headers(src);
        let at = |needle: &str| section_at(&h, src.find(needle).unwrap());
        assert_eq!(at("schema"), "file");
        assert_eq!(at("name"), "deal");
        assert_eq!(at("seats"), "offer");
        assert_eq!(at("batch"), "offer-api");
        assert_eq!(at("input"), "pricebook-model");
        assert_eq!(at("x = 1"), "file", "a table the format does not have");
    }

    #[test]
    fn values_that_look_like_headers_are_not() {
        assert_eq!(header_path("  [1, 2],\n"), None);
        assert_eq!(
            header_path("[[region]] # the first\n"),
            Some(vec!["region".into()])
        );
    }
}
