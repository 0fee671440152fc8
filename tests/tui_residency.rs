//! The workbench on today's prices (issue 21): the Regions panel says what
//! US residency costs on the API side, and the header names a newer edition
//! only for a file on an older one.

use dealbench::tui::model::Model;
use dealbench::tui::theme::Theme;
use dealbench::tui::{regions, view};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

const DEAL: &str = r#"schema = 1

[deal]
name = "Residency"
currency = "USD"
start = 2027-01-01
horizon_months = 12

[[region]]
id = "na"
name = "North America"
headcount = 10
provisioned = 10
mau = 10
wau = 10
dau = 10
requires = ["us_residency"]

[[workload]]
name = "assistant"
input_mtok = 100
output_mtok = 0
cacheable = 0.5
cache_hit = 0.8
route = { opus = 1 }

[[offer]]
name = "Quote"
by = "vendor"
seats = 10
seat_price = 60
"#;

fn open(text: &str) -> Model {
    Model::from_text(Some("deal.toml".into()), "deal.toml", text.to_string()).unwrap()
}

fn text(buf: &Buffer, area: Rect) -> String {
    (area.y..area.bottom())
        .map(|y| {
            (area.x..area.right())
                .map(|x| buf[(x, y)].symbol().to_string())
                .collect::<String>()
                .trim_end()
                .to_string()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn regions_panel(m: &Model) -> String {
    let area = Rect::new(0, 0, 160, 12);
    let mut buf = Buffer::empty(area);
    regions::render(m, area, &mut buf, Theme { color: false });
    text(&buf, area)
}

fn header(m: &Model) -> String {
    let mut terminal = Terminal::new(TestBackend::new(160, 48)).unwrap();
    terminal
        .draw(|f| view::render(m, f, Theme { color: false }))
        .unwrap();
    let buf = terminal.backend().buffer().clone();
    text(&buf, Rect::new(0, 0, 160, 1))
}

#[test]
fn the_regions_panel_prices_us_residency_on_the_api_side() {
    let today = format!("{DEAL}\n[pricebook]\nedition = \"2026-12-03\"\n");
    let m = open(&today);
    let shown = regions_panel(&m);
    // Opus 5.5 at 258 a month, twelve months 3096; US-only adds 10 %.
    assert!(
        shown.contains("US residency (North America): API workloads assistant run global; US-only inference (inference_geo = \"us\") adds $309.60 at list over 12 months"),
        "{shown}"
    );
    let us = today.replace(
        "route = { opus = 1 }",
        "route = { opus = 1 }\ninference_geo = \"us\"",
    );
    let shown = regions_panel(&open(&us));
    assert!(shown.contains("every API workload runs US-only"), "{shown}");
    // On 2026-02-15 no model sells US-only inference: nothing to say.
    assert!(!regions_panel(&open(DEAL)).contains("US residency"));
}

#[test]
fn the_header_names_a_newer_edition_only_for_an_older_file() {
    assert!(header(&open(DEAL)).contains("prices of 2026-02-15, 2026-12-03 is newer"));
    let today = format!("{DEAL}\n[pricebook]\nedition = \"2026-12-03\"\n");
    assert!(!header(&open(&today)).contains("is newer"));
}
