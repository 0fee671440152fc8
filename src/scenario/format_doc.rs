//! docs/format.md against the loader: every section a diagnostic names
//! ([`crate::reader::format_doc`]) is on the page, and each lists every
//! field its table accepts.

use crate::reader::format_doc::SECTIONS;

const DOC: &str = include_str!("../../docs/format.md");

/// The text of section `anchor`, to the next anchor.
fn section(anchor: &str) -> &'static str {
    let tag = format!("<a id=\"{anchor}\"></a>");
    let start = DOC
        .find(&tag)
        .unwrap_or_else(|| panic!("no anchor {anchor}"));
    let rest = &DOC[start + tag.len()..];
    &rest[..rest.find("<a id=").unwrap_or(rest.len())]
}

#[test]
fn every_section_a_diagnostic_names_is_in_the_doc_with_every_field() {
    use crate::scenario::{load, offers, sections, uncertainty};
    let mut api: Vec<&str> = crate::scenario::model::PLAN_KEYS.to_vec();
    api.push("workload");
    let tables: &[(&str, &[&str])] = &[
        ("file", &["schema"]),
        ("deal", sections::DEAL),
        ("region", sections::REGION),
        ("workload", sections::WORKLOAD),
        ("offer", offers::OFFER),
        ("offer-api", &api),
        ("pricebook", crate::pricebook::apply::TOP),
        ("pricebook-tier", crate::pricebook::apply::TIER),
        ("pricebook-model", crate::pricebook::apply::MODEL),
        ("stress", sections::STRESS),
        ("uncertainty", uncertainty::KEYS),
        ("log", sections::LOG),
    ];
    for anchor in SECTIONS {
        section(anchor);
    }
    for key in load::TOP {
        assert!(
            DOC.contains(&format!("`{key}`"))
                || DOC.contains(&format!("[{key}]"))
                || DOC.contains(&format!("[[{key}]]")),
            "top-level {key}"
        );
    }
    for (anchor, keys) in tables {
        assert!(SECTIONS.contains(anchor), "{anchor}");
        let text = section(anchor);
        for key in *keys {
            let listed = text.split('`').skip(1).step_by(2).any(|code| {
                code.split(|c: char| !(c.is_alphanumeric() || c == '_'))
                    .any(|w| w == *key)
            });
            assert!(listed, "docs/format.md#{anchor} does not list `{key}`");
        }
    }
}
