//! The scenario editor (`a`): everything in the file besides the offers —
//! the deal, each region with its funnel, each workload with its route,
//! the FX table and `[uncertainty]` — as forms on the one form component,
//! a section at a time. Each field's text becomes a
//! [`scenario::edit::Edit`](crate::scenario::edit::Edit) of a draft; Enter
//! has the loader judge the whole draft ([`check`]) and applies it as one
//! step of the undo history, and the same check runs as the negotiator
//! types, so a funnel out of order is said before Enter.

use rust_decimal::Decimal;

use crate::money::plain;
use crate::scenario::edit::{
    self, DealField, Edit, Edited, RegionField, UncertaintyField, WorkloadField, typed,
};
use crate::tui::form::{self, Field, Rule};
use crate::tui::model::{Model, Section};

/// What each field takes: any text, within a line.
pub const RULE: Rule = Rule::text(80);

/// How many rows `section` has in `m` (regions, workloads; 1 else).
pub fn rows(m: &Model, section: Section) -> usize {
    match section {
        Section::Regions => m.scenario.regions.len(),
        Section::Workloads => m.scenario.workloads.len(),
        _ => 1,
    }
}

/// How a field's typed text becomes an edit (None: nothing to do).
type MakeEdit = Box<dyn Fn(&str) -> Option<Edit>>;

/// A field of the editor: its label, hint, the text it shows now, and the
/// edit its typed text makes.
struct Spec {
    label: String,
    hint: &'static str,
    now: String,
    make: MakeEdit,
}

fn spec(
    label: impl Into<String>,
    hint: &'static str,
    now: String,
    make: impl Fn(&str) -> Option<Edit> + 'static,
) -> Spec {
    Spec {
        label: label.into(),
        hint,
        now,
        make: Box::new(make),
    }
}

const SOURCE: &str = "where the figures came from, e.g. okta-2026-11.csv";
const COUNT: &str = "a whole number (1,200 is fine)";
const MONTHS: &str = "a whole number of months";
const PCT: &str = "percent: 7 means 7 %";
const SHARE: &str = "a share from 0 to 1";
const OPTIONAL: &str = "none clears it";
const TERMS: &str = "terms, separated by commas";
const DATE: &str = "a date such as 2027-01-01";

fn deal_hint(f: DealField) -> &'static str {
    match f {
        DealField::Name => "what reports call the deal, e.g. Acme 2027",
        DealField::Vendor => OPTIONAL,
        DealField::Currency => "ISO 4217 code, e.g. EUR",
        DealField::Start => DATE,
        DealField::Horizon => "months; none: the longest offer term",
        DealField::Buffer | DealField::RenewalUplift => PCT,
        DealField::Requires => TERMS,
        DealField::Target | DealField::WalkAway => "an amount; none clears it",
    }
}

fn region_hint(f: RegionField) -> &'static str {
    match f {
        RegionField::Id => "short unique id; offers' regional prices follow",
        RegionField::Name => "what reports call the region",
        RegionField::FunnelSource => SOURCE,
        RegionField::Currency => "ISO 4217 code; needs an [fx] rate",
        RegionField::GoLive | RegionField::RampMonths => MONTHS,
        RegionField::Requires => TERMS,
        RegionField::FunnelAsOf => DATE,
        RegionField::Uncertainty => "percent either way; none: [uncertainty]'s",
        RegionField::TargetWau => COUNT,
        _ => "the funnel: dau ≤ wau ≤ mau ≤ provisioned ≤ headcount",
    }
}

fn workload_hint(f: WorkloadField) -> &'static str {
    match f {
        WorkloadField::Name => "unique; offers' plans for it follow",
        WorkloadField::Input | WorkloadField::Output => "million tokens a month today",
        WorkloadField::Growth => "percent a month, may be negative",
        WorkloadField::InferenceGeo => "us, global or the US-only share",
        WorkloadField::UsageSource => SOURCE,
        WorkloadField::UsageAsOf => DATE,
        WorkloadField::Uncertainty => "percent either way; none: [uncertainty]'s",
        _ => SHARE,
    }
}

fn specs(m: &Model, section: Section, row: usize) -> Vec<Spec> {
    let s = &m.scenario;
    match section {
        Section::Deal => DealField::ALL
            .iter()
            .map(|&f| {
                let make = move |t: &str| Some(Edit::Deal(f, t.to_string()));
                spec(f.label(), deal_hint(f), f.show(&s.deal), make)
            })
            .collect(),
        Section::Regions => match s.regions.get(row) {
            None => Vec::new(),
            Some(r) => RegionField::ALL
                .iter()
                .map(|&f| {
                    let make = move |t: &str| Some(Edit::Region(row, f, t.to_string()));
                    spec(f.label(), region_hint(f), f.show(r), make)
                })
                .collect(),
        },
        Section::Workloads => match s.workloads.get(row) {
            None => Vec::new(),
            Some(w) => workload_specs(m, row, w),
        },
        Section::Fx => fx_specs(m),
        Section::Uncertainty => match &s.uncertainty {
            None => Vec::new(),
            Some(u) => UncertaintyField::ALL
                .iter()
                .map(|&f| {
                    let make = move |t: &str| Some(Edit::Uncertainty(f, t.to_string()));
                    spec(f.label(), PCT, f.show(u), make)
                })
                .collect(),
        },
    }
}

fn workload_specs(m: &Model, row: usize, w: &crate::scenario::Workload) -> Vec<Spec> {
    let mut out: Vec<Spec> = WorkloadField::ALL
        .iter()
        .map(|&f| {
            let make = move |t: &str| Some(Edit::Workload(row, f, t.to_string()));
            spec(f.label(), workload_hint(f), f.show(w), make)
        })
        .collect();
    for (k, (id, _)) in m.scenario.pricebook.models.iter().enumerate() {
        let now = w
            .route
            .iter()
            .find(|(m, _)| m == id)
            .map_or(Decimal::ZERO, |(_, s)| *s);
        let make = move |t: &str| {
            Some(Edit::RouteShare {
                workload: row,
                model: k,
                text: t.to_string(),
            })
        };
        let hint = "share of volume; the largest other shares make room";
        out.push(spec(format!("Route: {id}"), hint, plain(now), make));
    }
    out
}

fn fx_specs(m: &Model) -> Vec<Spec> {
    let mut out: Vec<Spec> = m
        .scenario
        .fx
        .iter()
        .map(|(code, rate)| {
            let c = code.clone();
            let make = move |t: &str| {
                Some(if typed::cleared(t) {
                    Edit::RemoveFx(c.clone())
                } else {
                    Edit::Fx(c.clone(), t.to_string())
                })
            };
            let hint = "units per unit of the deal currency; none removes it";
            spec(format!("{code} rate"), hint, plain(*rate), make)
        })
        .collect();
    let add = |t: &str| {
        if typed::cleared(t) {
            return None;
        }
        let (code, rate) = t.trim().split_once([' ', '=']).unwrap_or((t.trim(), ""));
        Some(Edit::Fx(
            code.to_string(),
            rate.trim_start_matches(['=', ' ']).to_string(),
        ))
    };
    out.push(spec(
        "Add a currency",
        "CODE rate, e.g. GBP 0.79",
        String::new(),
        add,
    ));
    out
}

/// The editor's fields for `section` (row `row`), on the form component.
pub fn fields(m: &Model, section: Section, row: usize) -> Vec<Field<'static, Edited>> {
    specs(m, section, row)
        .into_iter()
        .map(|s| {
            let (make, now) = (s.make, s.now);
            // A text left as filled changes nothing: a field the file
            // leaves out keeps following what the loader derives it from
            // (a new region's name its id, `target_wau` its `wau`).
            Field::new(s.label, s.hint, move |d: &mut Edited, t: &str| {
                if t == now {
                    return Ok(());
                }
                if let Some(e) = make(t) {
                    *d = edit::apply(&d.scenario, &d.rows, &e)?;
                }
                Ok(())
            })
        })
        .collect()
}

/// The texts the form is filled with: each field's value now.
pub fn filled(m: &Model, section: Section, row: usize) -> Vec<String> {
    specs(m, section, row).into_iter().map(|s| s.now).collect()
}

/// The form's texts set into the model's scenario and judged by the
/// loader: the edited scenario, or the reason it is refused.
pub fn check(m: &Model, section: Section, row: usize, texts: &[String]) -> Result<Edited, String> {
    let fields = fields(m, section, row);
    let draft = Edited {
        scenario: m.scenario.clone(),
        rows: m.rows.clone(),
    };
    let candidate = form::submit(&fields, texts, &draft)?;
    judge(m, candidate)
}

/// `candidate` judged by the loader, as the file a save would write.
pub fn judge(m: &Model, candidate: Edited) -> Result<Edited, String> {
    let text = m
        .text_of(&candidate.scenario, &candidate.rows)
        .map_err(|e| e.to_string())?;
    edit::validate(&m.file_label(), &text, candidate)
}
