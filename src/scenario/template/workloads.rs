//! The `[[workload]]` tables of a new file: each API workload with its
//! volumes and today's plan (route, caching, batch), commented.

use super::{Text, quoted};
use crate::money::plain;
use crate::scenario::model::Workload;

/// Every workload after the regions, or a comment saying where they go.
pub(super) fn write(out: &mut Text, workloads: &[Workload]) {
    if workloads.is_empty() {
        out.blank();
        out.raw("# No [[workload]]: the deal prices no API usage. `dealbench api-usage");
        out.raw("# REPORT.json --write FILE` adds workloads from Anthropic's usage report.");
        return;
    }
    for w in workloads {
        out.blank();
        workload(out, w);
    }
}

fn workload(out: &mut Text, w: &Workload) {
    out.raw("[[workload]]");
    out.field(&format!("name = {}", quoted(&w.name)), "unique name");
    let volumes = [
        (
            "input_mtok",
            w.input_mtok,
            "million input tokens per month today",
        ),
        (
            "output_mtok",
            w.output_mtok,
            "million output tokens per month today",
        ),
        (
            "cacheable",
            w.cacheable,
            "share of input that is repeated context",
        ),
        ("growth_pct", w.growth_pct, "compound growth (%) per month"),
    ];
    for (key, value, comment) in volumes {
        out.field(&format!("{key} = {}", plain(value)), comment);
    }
    out.field(
        &format!("route = {}", route(w)),
        "today's model mix: price-book ids, shares sum to 1",
    );
    let shares = [
        (
            "cache_hit",
            w.cache_hit,
            "share of cacheable input read from cache",
        ),
        (
            "batch",
            w.batch,
            "share of volume sent through the batch API (half price)",
        ),
        (
            "cache_1h",
            w.cache_1h,
            "share of cache writes with a one-hour lifetime",
        ),
        (
            "long_context",
            w.long_context,
            "share of volume in the 200k–1M context window",
        ),
    ];
    for (key, value, comment) in shares {
        out.field(&format!("{key} = {}", plain(value)), comment);
    }
    if !w.inference_geo_us.is_zero() {
        out.field(
            &format!("inference_geo = {}", plain(w.inference_geo_us)),
            "share of volume run US-only",
        );
    }
    if let Some(source) = &w.usage_source {
        out.field(
            &format!("usage_source = {}", quoted(source)),
            "where the volumes came from",
        );
    }
    if let Some(as_of) = w.usage_as_of {
        out.field(
            &format!("usage_as_of = {as_of}"),
            "the day the volumes describe",
        );
    }
}

/// `{ opus = 0.7, sonnet = 0.3 }`, each id a bare key where TOML allows.
fn route(w: &Workload) -> String {
    let parts: Vec<String> = w
        .route
        .iter()
        .map(|(id, share)| format!("{} = {}", key(id), plain(*share)))
        .collect();
    format!("{{ {} }}", parts.join(", "))
}

fn key(id: &str) -> String {
    let bare = !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_'));
    if bare { id.to_string() } else { quoted(id) }
}
