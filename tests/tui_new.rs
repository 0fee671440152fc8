//! The guided start of `dealbench new`: the form's `update()` transitions
//! (typing, refusals with their reason, regions added and removed, the
//! request it makes) and what it looks like at 80×24 and 160×48.

use chrono::NaiveDate;
use dealbench::cli::new::Given;
use dealbench::cli::new::fields::FunnelSpec;
use dealbench::tui::new::{Form, FormAction, FormEffect, Slot, update};
use dealbench::tui::theme::Theme;
use rust_decimal::Decimal;

mod common;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 3).unwrap()
}

fn blank() -> Form {
    Form::new(&Given::default(), today(), "acme.toml")
}

fn typed(f: &mut Form, text: &str) {
    for c in text.chars() {
        assert_eq!(update(f, FormAction::Type(c)), None);
    }
}

/// Type `text` into the field under the cursor and move on.
fn fill(f: &mut Form, text: &str) {
    while !f.text(f.focused()).is_empty() {
        update(f, FormAction::Backspace);
    }
    typed(f, text);
    update(f, FormAction::Next);
}

fn go_to(f: &mut Form, slot: Slot) {
    f.focus(slot);
}

fn screen(f: &Form, w: u16, h: u16) -> String {
    common::drawn(w, h, |fr| {
        dealbench::tui::new::view::render(f, fr.area(), fr.buffer_mut(), Theme { color: false })
    })
}

/// A form filled in as a negotiator would, one field after another.
fn filled() -> Form {
    let mut f = blank();
    assert_eq!(
        f.focused(),
        Slot::Name,
        "the cursor starts on the first blank"
    );
    fill(&mut f, "Acme 2027");
    assert_eq!(f.focused(), Slot::Currency);
    for _ in 0..4 {
        update(&mut f, FormAction::Next);
    }
    assert_eq!(f.focused(), Slot::Region(0, 0));
    for v in ["North America", "1200", "600", "420", "330", "180"] {
        fill(&mut f, v);
    }
    assert_eq!(f.focused(), Slot::Seats);
    fill(&mut f, "1,000");
    fill(&mut f, "$55");
    f
}

#[test]
fn the_defaults_are_shown_and_the_cursor_starts_on_the_first_blank() {
    let f = blank();
    assert_eq!(f.text(Slot::Currency), "USD");
    assert_eq!(f.text(Slot::Start), "2027-01-01", "the first of next month");
    assert_eq!(f.text(Slot::Term), "12");
    assert_eq!(f.regions, 1, "one region row to fill");
    let mut f = f;
    go_to(&mut f, Slot::Currency);
    typed(&mut f, "eur");
    assert_eq!(
        f.text(Slot::Currency),
        "eur",
        "a value filled in is replaced by typing"
    );
    update(&mut f, FormAction::Backspace);
    assert_eq!(f.text(Slot::Currency), "eu", "Backspace edits it");
    let given = Given {
        name: Some("Acme".into()),
        seats: Some(900),
        ..Given::default()
    };
    let f = Form::new(&given, today(), "acme.toml");
    assert_eq!(f.text(Slot::Name), "Acme");
    assert_eq!(f.text(Slot::Seats), "900");
    assert_eq!(f.focused(), Slot::Region(0, 0));
}

#[test]
fn a_value_that_does_not_hold_is_refused_with_the_reason_and_the_cursor_stays() {
    let mut f = blank();
    go_to(&mut f, Slot::Currency);
    fill(&mut f, "dollars");
    assert_eq!(f.focused(), Slot::Currency);
    let e = f.error().unwrap().to_string();
    assert!(
        e.contains("Currency: expected an ISO 4217 code") && e.contains("found 'dollars'"),
        "{e}"
    );
    typed(&mut f, "x");
    assert_eq!(f.error(), None, "typing clears the refusal");
    fill(&mut f, "eur");
    assert_eq!(f.focused(), Slot::Start);
    go_to(&mut f, Slot::Start);
    fill(&mut f, "2027-02-30");
    assert!(f.error().unwrap().to_string().contains("expected a date"));
    go_to(&mut f, Slot::Seats);
    fill(&mut f, "0");
    assert!(
        f.error().unwrap().to_string().contains("from 1"),
        "{:?}",
        f.error()
    );
    go_to(&mut f, Slot::Price);
    fill(&mut f, "$5");
    assert!(
        f.error().unwrap().to_string().contains("in EUR"),
        "{:?}",
        f.error()
    );
    fill(&mut f, "€5");
    assert_eq!(f.focused(), Slot::Term, "the deal currency's sign is taken");
}

#[test]
fn the_funnel_rule_holds_as_the_figures_are_typed() {
    let mut f = blank();
    go_to(&mut f, Slot::Region(0, 0));
    for v in ["EMEA", "800", "400"] {
        fill(&mut f, v);
    }
    fill(&mut f, "500");
    assert_eq!(f.focused(), Slot::Region(0, 3), "refused: stays on monthly");
    let e = f.error().unwrap().to_string();
    assert!(
        e.contains("expected monthly active ≤ provisioned (400), found '500'"),
        "{e}"
    );
    fill(&mut f, "300");
    assert_eq!(f.focused(), Slot::Region(0, 4));
}

#[test]
fn regions_are_added_after_the_cursor_and_removed() {
    let mut f = filled();
    go_to(&mut f, Slot::Region(0, 2));
    update(&mut f, FormAction::AddRegion);
    assert_eq!(f.regions, 2);
    assert_eq!(f.focused(), Slot::Region(1, 0));
    for v in ["EMEA", "800", "400", "300", "200", "100"] {
        fill(&mut f, v);
    }
    update(&mut f, FormAction::RemoveRegion);
    assert!(f.error().unwrap().to_string().contains("on no region"));
    go_to(&mut f, Slot::Region(0, 1));
    update(&mut f, FormAction::RemoveRegion);
    assert_eq!(f.regions, 1);
    assert_eq!(f.text(Slot::Region(0, 0)), "EMEA");
}

#[test]
fn submit_makes_the_request_with_every_figure_exact() {
    let mut f = filled();
    let Some(FormEffect::Create(req)) = update(&mut f, FormAction::Submit) else {
        panic!("no request: {:?}", f.error());
    };
    assert_eq!(req.name, "Acme 2027");
    assert_eq!(req.currency, "USD");
    assert_eq!(req.start, NaiveDate::from_ymd_opt(2027, 1, 1).unwrap());
    assert_eq!(req.regions.len(), 1);
    assert_eq!(req.regions[0].headcount, 1200);
    assert_eq!(
        req.regions[0].funnel,
        Some(FunnelSpec {
            provisioned: 600,
            mau: 420,
            wau: 330,
            dau: 180
        })
    );
    assert_eq!(req.quote.seats, 1000);
    assert_eq!(req.quote.seat_price, Some(Decimal::from(55)));
    assert_eq!(req.quote.term_months, 12);
    assert!(req.usage.is_none());
}

#[test]
fn enter_on_the_last_field_submits_and_a_refusal_points_at_the_field() {
    let mut f = filled();
    go_to(&mut f, Slot::ApiCommit);
    assert!(matches!(
        update(&mut f, FormAction::Next),
        Some(FormEffect::Create(_))
    ));
    let mut f = blank();
    assert_eq!(update(&mut f, FormAction::Submit), None);
    assert_eq!(f.focused(), Slot::Name);
    assert!(f.error().unwrap().to_string().contains("deal's name"));
    f.refused("error: 'x.toml' exists: expected a new file name\nsecond line");
    assert_eq!(
        f.error(),
        Some("error: 'x.toml' exists: expected a new file name second line")
    );
}

#[test]
fn with_a_usage_file_the_funnel_may_be_left_blank() {
    let mut f = blank();
    fill(&mut f, "Acme");
    go_to(&mut f, Slot::Usage);
    fill(&mut f, "events.csv");
    fill(&mut f, "");
    for v in ["na", "1200", "", "", "", ""] {
        fill(&mut f, v);
    }
    assert_eq!(f.focused(), Slot::Seats, "{:?}", f.error());
    fill(&mut f, "500");
    let Some(FormEffect::Create(req)) = update(&mut f, FormAction::Submit) else {
        panic!("{:?}", f.error());
    };
    assert_eq!(
        req.usage.as_deref(),
        Some(std::path::Path::new("events.csv"))
    );
    assert_eq!(req.regions[0].funnel, None);
    // A funnel half typed is not left to the file.
    go_to(&mut f, Slot::Region(0, 2));
    fill(&mut f, "600");
    fill(&mut f, "");
    assert!(f.error().unwrap().contains("expected the monthly active"));
}

#[test]
fn escape_leaves_without_a_request() {
    let mut f = filled();
    assert_eq!(update(&mut f, FormAction::Cancel), Some(FormEffect::Quit));
}

#[test]
fn the_form_at_80x24() {
    let mut f = filled();
    go_to(&mut f, Slot::Currency);
    fill(&mut f, "usd!");
    let s = screen(&f, 80, 24);
    assert!(s.contains("Currency"), "{s}");
    assert!(s.contains("Ctrl+S create"), "the keys in the footer:\n{s}");
    insta::assert_snapshot!("new_form_80x24", s);
}

#[test]
fn the_form_at_160x48() {
    let mut f = filled();
    update(&mut f, FormAction::AddRegion);
    typed(&mut f, "EMEA");
    let s = screen(&f, 160, 48);
    for text in [
        "The deal",
        "Regions and their seat funnel",
        "The vendor's quote",
        "North America",
        "1,000",
    ] {
        assert!(s.contains(text), "{text}:\n{s}");
    }
    insta::assert_snapshot!("new_form_160x48", s);
}
