//! A new scenario file from a few figures (`dealbench new`): the deal, the
//! regions and their funnels, the API workloads, the vendor's quote and a
//! first counter-offer, written as TOML text with a comment on every field
//! so a colleague reads the file without the documentation.
//!
//! [`write()`] is pure: a [`Draft`] in, the file's text out. The caller
//! checks the figures (docs/format.md gives each field's range) and sizes
//! the counter-offer; the text loads with [`super::parse_str`] whenever the
//! figures are within the loader's ranges. Workloads are written by
//! `workloads`. To write another field: add it to the draft and emit it
//! here with its comment.

mod workloads;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::model::Workload;
use crate::money::plain;

/// Everything a new scenario file holds.
#[derive(Debug, Clone, PartialEq)]
pub struct Draft {
    /// The deal's name, as reports title it.
    pub name: String,
    /// ISO 4217 code of the deal currency.
    pub currency: String,
    /// The first day of month 0 of every offer.
    pub start: NaiveDate,
    /// The growth buffer (percent) over the working population.
    pub buffer_pct: Decimal,
    /// The built-in price book's edition the file is priced on.
    pub edition: String,
    pub regions: Vec<RegionDraft>,
    pub workloads: Vec<Workload>,
    pub quote: Quote,
    /// The counter-offer's seats: ⌈WAU · (1 + buffer)⌉.
    pub counter_seats: u64,
}

/// One region and its seat funnel.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegionDraft {
    pub id: String,
    pub name: String,
    pub headcount: u64,
    /// True when the headcount was not given and is the provisioned count.
    pub headcount_assumed: bool,
    pub provisioned: u64,
    pub mau: u64,
    pub wau: u64,
    pub dau: u64,
    /// Where the funnel came from (a usage export), when measured.
    pub funnel_source: Option<String>,
    pub funnel_as_of: Option<NaiveDate>,
}

/// The vendor's quote as the buyer heard it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quote {
    pub seats: u64,
    /// Per seat per month in year 1; `None`: the price book's list.
    pub seat_price: Option<Decimal>,
    pub term_months: u32,
    pub uplift_pct: Decimal,
    /// Committed API spend per contract year; 0: pay as you go.
    pub api_commit: Decimal,
}

/// The name of the vendor's offer in a new file.
pub const VENDOR_OFFER: &str = "Vendor quote";
/// The name of the first counter-offer in a new file.
pub const COUNTER_OFFER: &str = "Counter-offer";

/// Where comments start, so they line up down the file.
const COMMENT_COLUMN: usize = 28;

/// The scenario file for `draft`, commented field by field.
pub fn write(draft: &Draft) -> String {
    let mut out = Text::default();
    out.raw("# A dealbench scenario, written by `dealbench new`. Every field is");
    out.raw("# explained in docs/format.md; `dealbench check FILE` says whether the");
    out.raw("# file still holds after an edit, `dealbench report FILE` compares the");
    out.raw("# offers, `dealbench FILE` opens the workbench.");
    out.field("schema = 1", "the file format's version");
    out.blank();
    deal(&mut out, draft);
    out.blank();
    out.raw("[pricebook]");
    out.field(
        &format!("edition = {}", quoted(&draft.edition)),
        "the dated built-in price book the figures are priced on (docs/pricebook.md)",
    );
    for r in &draft.regions {
        out.blank();
        region(&mut out, r);
    }
    workloads::write(&mut out, &draft.workloads);
    out.blank();
    vendor_offer(&mut out, draft);
    out.blank();
    counter_offer(&mut out, draft);
    out.0
}

fn deal(out: &mut Text, d: &Draft) {
    out.raw("[deal]");
    out.field(
        &format!("name = {}", quoted(&d.name)),
        "what reports and the workbench call the deal",
    );
    out.field(
        &format!("currency = {}", quoted(&d.currency)),
        "ISO 4217 code: every amount in this file is in it",
    );
    out.field(
        &format!("start = {}", d.start),
        "first day of month 0 of every offer",
    );
    out.field(
        &format!("horizon_months = {}", d.quote.term_months),
        "every offer is totalled over these months, so totals compare",
    );
    out.field(
        &format!("buffer_pct = {}", plain(d.buffer_pct)),
        "growth buffer (%) over weekly active when a commit is sized to usage",
    );
    out.field(
        "renewal_uplift_pct = 0",
        "price rise (%) at a renewal no offer caps",
    );
    out.field(
        "requires = []",
        "terms every offer must carry, e.g. [\"no_training\", \"sso\"]",
    );
}

fn region(out: &mut Text, r: &RegionDraft) {
    out.raw("[[region]]");
    out.field(&format!("id = {}", quoted(&r.id)), "short unique id");
    out.field(
        &format!("name = {}", quoted(&r.name)),
        "what reports call the region",
    );
    let headcount = if r.headcount_assumed {
        "people who could use Claude (not given: the provisioned seats; set the real figure)"
    } else {
        "people who could use Claude"
    };
    out.field(&format!("headcount = {}", r.headcount), headcount);
    out.field(
        &format!("provisioned = {}", r.provisioned),
        "seats assigned today",
    );
    out.field(
        &format!("mau = {}", r.mau),
        "monthly active: used Claude in the last 30 days",
    );
    out.field(
        &format!("wau = {}", r.wau),
        "weekly active: the working population a commit is sized to",
    );
    out.field(
        &format!("dau = {}", r.dau),
        "daily active: the core that uses it almost every working day",
    );
    out.field(
        "go_live = 0",
        "contract month in which the region switches on",
    );
    out.field(
        &format!("target_wau = {}", r.wau),
        "weekly active once adoption has ramped",
    );
    out.field(
        "ramp_months = 0",
        "months after go_live to reach target_wau (0: at once)",
    );
    out.field(
        "requires = []",
        "non-price terms this region needs, e.g. [\"eu_residency\"]",
    );
    if let Some(source) = &r.funnel_source {
        out.field(
            &format!("funnel_source = {}", quoted(source)),
            "where the funnel figures came from",
        );
    }
    if let Some(as_of) = r.funnel_as_of {
        out.field(
            &format!("funnel_as_of = {as_of}"),
            "the day the funnel figures describe",
        );
    }
}

fn vendor_offer(out: &mut Text, d: &Draft) {
    let q = &d.quote;
    out.raw("# The vendor's proposal: the reference every saving is measured against.");
    out.raw("[[offer]]");
    out.field(&format!("name = {}", quoted(VENDOR_OFFER)), "unique name");
    out.field("by = \"vendor\"", "\"vendor\" proposed it, \"us\" for ours");
    out.field(
        "tier = \"enterprise\"",
        "price-book tier: \"enterprise\" or \"team\"",
    );
    out.field(
        &format!("seats = {}", q.seats),
        "seats committed from month 0",
    );
    match q.seat_price {
        Some(p) => out.field(
            &format!("seat_price = {}", plain(p)),
            &format!("per seat per month in year 1, in {}", d.currency),
        ),
        None => out.raw("# No seat_price: the price book's list price per seat-month applies."),
    }
    out.field(
        "billing = \"annual\"",
        "\"annual\" commit or \"monthly\" pay per seat used",
    );
    out.field(
        &format!("term_months = {}", q.term_months),
        "length of the contract",
    );
    out.field(
        &format!("uplift_pct = {}", plain(q.uplift_pct)),
        "price rise (%) at each anniversary inside the term",
    );
    out.field(
        "true_up = \"monthly\"",
        "seats beyond the commit: \"fixed\", \"monthly\", \"quarterly\", \"annual_peak\"",
    );
    out.field(
        &format!("api_commit = {}", plain(q.api_commit)),
        "committed API spend per contract year; 0: pay as you go",
    );
    out.field(
        "api_discount_pct = 0",
        "discount (%) on API list prices under the commit",
    );
    out.field(
        "terms = []",
        "non-price terms the offer carries, e.g. [\"sso\", \"scim\"]",
    );
}

fn counter_offer(out: &mut Text, d: &Draft) {
    let wau: u64 = d.regions.iter().map(|r| r.wau).sum();
    out.raw("# Our first counter-offer: the vendor's quote with the seats sized to");
    out.raw("# usage, the working population (weekly active) plus the growth buffer.");
    out.raw("[[offer]]");
    out.field(&format!("name = {}", quoted(COUNTER_OFFER)), "unique name");
    out.field("by = \"us\"", "our proposal");
    out.field(
        &format!("based_on = {}", quoted(VENDOR_OFFER)),
        "every field not set here comes from the vendor's quote",
    );
    out.field(
        &format!("seats = {}", d.counter_seats),
        &format!("⌈{wau} weekly active × (1 + {} %)⌉", plain(d.buffer_pct)),
    );
}

/// A TOML basic string, escaped.
pub(crate) fn quoted(text: &str) -> String {
    toml_edit::Value::from(text).to_string()
}

/// The file's text, line by line.
#[derive(Default)]
struct Text(String);

impl Text {
    pub(super) fn raw(&mut self, line: &str) {
        self.0.push_str(line);
        self.0.push('\n');
    }

    pub(super) fn blank(&mut self) {
        self.0.push('\n');
    }

    /// `key = value` with its comment aligned at [`COMMENT_COLUMN`].
    pub(super) fn field(&mut self, assignment: &str, comment: &str) {
        let width = assignment.chars().count();
        let pad = COMMENT_COLUMN.saturating_sub(width).max(2);
        self.0.push_str(assignment);
        self.0.push_str(&" ".repeat(pad));
        self.0.push_str("# ");
        self.0.push_str(comment);
        self.0.push('\n');
    }
}
