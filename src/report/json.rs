//! The JSON report of SPEC.md §4: money and percentages as strings with two
//! decimals, in the contract's field order, with further fields after them:
//! each offer's `drivers` (its difference from the reference, group by group;
//! null for the reference) and `stress` (totals and true-up exposure with
//! adoption below and above plan and with a one-month spike), and the
//! top-level `stress` settings with the spike's month, and `consolidation`
//! (per tier with volume tiers: each region signing alone against its share
//! of one agreement; empty without volume tiers), and with `[uncertainty]`
//! each offer's `risk` (§7; absent without the table).

use std::io::Write;

use serde_json::{Value, json};

use super::power::Power;
use crate::engine::drivers::Waterfall;
use crate::engine::regional::{AloneRow, Consolidation};
use crate::engine::risk::Risk;
use crate::engine::stress::{Case, OfferStress, Stress, Stressed};
use crate::engine::{Evaluation, Outcome};
use crate::money::{Overflow, two_places};
use crate::scenario::Scenario;

/// The §4 report as a JSON value, with drivers and stress.
pub fn report(s: &Scenario, ev: &Evaluation) -> Value {
    report_with(s, ev, &Power::of(s, ev))
}

/// The report with drivers and stress already computed (null, with a note,
/// when they could not be).
pub fn report_with(s: &Scenario, ev: &Evaluation, power: &Result<Power, Overflow>) -> Value {
    let mut out = top(s, ev, power);
    if let Value::Object(map) = &mut out {
        let offers = (0..ev.outcomes.len())
            .map(|i| offer_with_power(ev, power, i))
            .collect();
        map.insert("offers".into(), Value::Array(offers));
    }
    out
}

/// The report without its offers (`"offers"` is null, in its place).
fn top(s: &Scenario, ev: &Evaluation, power: &Result<Power, Overflow>) -> Value {
    let reference = ev
        .outcomes
        .get(ev.reference)
        .map(|o| o.offer.name.clone())
        .unwrap_or_default();
    let mut out = json!({
        "deal": s.deal.name,
        "currency": s.deal.currency,
        "horizon_months": ev.horizon,
        "reference": reference,
        "offers": Value::Null,
        "funnel": funnel(ev),
        "pricebook_as_of": s.pricebook.as_of.map(|d| d.to_string()),
        "stress": power.as_ref().map_or(Value::Null, |p| stress_settings(s, &p.stress)),
        "consolidation": ev.consolidation.iter().map(consolidation).collect::<Vec<_>>(),
    });
    if let (Err(e), Value::Object(map)) = (power, &mut out) {
        map.insert(
            "notes".into(),
            json!([format!("drivers and stress not computed: {e}")]),
        );
    }
    out
}

/// Offer `i` of the report with its drivers and stress.
fn offer_with_power(ev: &Evaluation, power: &Result<Power, Overflow>, i: usize) -> Value {
    let mut v = offer(&ev.outcomes[i]);
    if let Value::Object(map) = &mut v {
        let walk = power.as_ref().ok().and_then(|p| p.walk(i));
        map.insert("drivers".into(), walk.map_or(Value::Null, waterfall));
        let st = power.as_ref().ok().and_then(|p| p.stress.offers.get(i));
        map.insert("stress".into(), st.map_or(Value::Null, offer_stress));
        if let Some(r) = power.as_ref().ok().and_then(|p| p.risk(i)) {
            map.insert("risk".into(), risk(r));
        }
    }
    v
}

/// One offer's risk figures (§7): money and percents with two decimals.
pub fn risk(r: &Risk) -> Value {
    let mut v = json!({
        "draws": r.draws,
        "seed": r.seed,
        "mean": two_places(r.mean),
        "p10": two_places(r.p10),
        "p50": two_places(r.p50),
        "p90": two_places(r.p90),
        "prob_cheapest": two_places(r.prob_cheapest),
        "prob_unused_api_commit": two_places(r.prob_unused_api_commit),
        "expected_unused_api_commit": two_places(r.expected_unused_api_commit),
        "prob_true_up": two_places(r.prob_true_up),
        "expected_true_up_cost": two_places(r.expected_true_up_cost),
        "expected_idle_cost": two_places(r.expected_idle_cost),
    });
    if let (Some(w), Value::Object(map)) = (r.prob_over_walk_away, &mut v) {
        map.insert("prob_over_walk_away".into(), json!(two_places(w)));
    }
    v
}

/// The offers, each built just before it is written and dropped after.
struct LazyOffers<'a> {
    ev: &'a Evaluation,
    power: &'a Result<Power, Overflow>,
}

impl serde::Serialize for LazyOffers<'_> {
    fn serialize<S: serde::Serializer>(&self, ser: S) -> Result<S::Ok, S::Error> {
        ser.collect_seq(
            (0..self.ev.outcomes.len()).map(|i| offer_with_power(self.ev, self.power, i)),
        )
    }
}

/// A walk from the reference to an offer, step by step.
pub fn waterfall(w: &Waterfall) -> Value {
    json!({
        "from": w.from,
        "start": two_places(w.start),
        "end": two_places(w.end),
        "steps": w.steps.iter().map(|st| json!({
            "group": st.group.key(),
            "label": st.group.label(),
            "changed": st.changed,
            "from": st.from,
            "to": st.to,
            "effect": two_places(st.effect),
            "total": two_places(st.total),
        })).collect::<Vec<_>>(),
    })
}

/// One tier's consolidated agreement against its regions signing alone,
/// a year at the tier's list price.
pub fn consolidation(c: &Consolidation) -> Value {
    let region = |r: &AloneRow| {
        json!({
            "region": r.region,
            "seats": r.seats,
            "alone_discount_pct": two_places(r.alone_discount_pct),
            "alone_price": two_places(r.alone_price),
            "alone_per_year": two_places(r.alone_per_year),
            "consolidated_price": two_places(c.price),
            "consolidated_per_year": two_places(r.consolidated_per_year),
            "saving_per_year": two_places(r.saving_per_year),
        })
    };
    json!({
        "tier": c.tier,
        "list_price": two_places(c.list_price),
        "seats": c.seats,
        "discount_pct": two_places(c.discount_pct),
        "price": two_places(c.price),
        "alone_per_year": two_places(c.alone_per_year),
        "consolidated_per_year": two_places(c.consolidated_per_year),
        "saving_per_year": two_places(c.saving_per_year),
        "regions": c.rows.iter().map(region).collect::<Vec<_>>(),
    })
}

fn stressed(x: &Stressed) -> Value {
    json!({
        "total": two_places(x.total),
        "exposure": two_places(x.exposure),
        "billed_seat_months": x.billed_seat_months,
        "idle_seat_months": x.idle_seat_months,
        "unserved_seat_months": x.unserved_seat_months,
    })
}

/// One offer's planned total beside its three stressed totals.
pub fn offer_stress(o: &OfferStress) -> Value {
    let mut map = serde_json::Map::new();
    map.insert("planned".into(), json!(two_places(o.planned)));
    for case in Case::ALL {
        map.insert(case.key().into(), stressed(o.case(case)));
    }
    Value::Object(map)
}

/// The `[stress]` settings in force and the month the spike falls in.
pub fn stress_settings(s: &Scenario, st: &Stress) -> Value {
    json!({
        "adoption_pct": two_places(st.curves.adoption_pct),
        "spike_pct": two_places(st.curves.spike_pct),
        "spike_month": st.curves.spike_month,
        "spike_date": super::schedule::month_date(s.deal.start, st.curves.spike_month),
    })
}

fn offer(o: &Outcome) -> Value {
    json!({
        "name": o.offer.name,
        "seat_cost": two_places(o.seat_cost),
        "api_cost": two_places(o.api_cost),
        "total": two_places(o.total),
        "savings": two_places(o.savings),
        "savings_pct": two_places(o.savings_pct),
        "billed_seat_months": o.billed_seat_months,
        "demand_seat_months": o.demand_seat_months,
        "idle_seat_months": o.idle_seat_months,
        "idle_cost": two_places(o.idle_cost),
        "unserved_seat_months": o.unserved_seat_months,
        "api_list": two_places(o.api_list),
        "api_unused_commit": two_places(o.api_unused_commit),
        "api_baseline": two_places(o.api_baseline),
        "api_savings_pct": two_places(o.api_savings_pct),
        "years": o.years.iter().map(|y| json!({
            "year": y.year,
            "seat_cost": two_places(y.seat_cost),
            "api_cost": two_places(y.api_cost),
            "total": two_places(y.total),
            "months": y.months,
            "seat_price": two_places(y.price),
            "api_list": two_places(y.api_list),
            "api_unused_commit": two_places(y.api_unused_commit),
        })).collect::<Vec<_>>(),
        "missing_terms": o.missing_terms,
        "warnings": o.warnings,
        "by": o.offer.by.as_str(),
        "based_on": o.offer.based_on,
        "regions": o.regions.iter().map(|r| json!({
            "region": &*r.id,
            "currency": &*r.currency,
            "seat_cost": two_places(r.seat_cost),
            "bill": two_places(r.local),
        })).collect::<Vec<_>>(),
    })
}

fn funnel(ev: &Evaluation) -> Value {
    let row = |r: &crate::engine::funnel::FunnelRow| {
        json!({
            "region": r.id,
            "headcount": r.headcount,
            "provisioned": r.provisioned,
            "mau": r.mau,
            "wau": r.wau,
            "dau": r.dau,
            "dormant": r.dormant,
            "usage_sized_commit": r.usage_sized_commit,
        })
    };
    json!({
        "regions": ev.funnel.regions.iter().map(row).collect::<Vec<_>>(),
        "total": row(&ev.funnel.total),
    })
}

/// Write the report, pretty-printed, with a final newline.
pub fn write(out: &mut impl std::io::Write, s: &Scenario, ev: &Evaluation) -> std::io::Result<()> {
    use serde::ser::{SerializeMap, Serializer as _};
    let power = Power::of(s, ev);
    let Value::Object(top) = top(s, ev, &power) else {
        return write_value(out, &report(s, ev));
    };
    let mut buf = std::io::BufWriter::with_capacity(1 << 16, out);
    let mut ser = serde_json::Serializer::with_formatter(&mut buf, SafeFormatter::default());
    let mut map = ser.serialize_map(Some(top.len()))?;
    for (k, v) in &top {
        if k == "offers" {
            map.serialize_entry(k, &LazyOffers { ev, power: &power })?;
        } else {
            map.serialize_entry(k, v)?;
        }
    }
    map.end()?;
    buf.write_all(b"\n")?;
    buf.flush()
}

/// Write `value` pretty-printed with a final newline, every character that
/// could drive a terminal written as a `\uXXXX` escape: serde_json escapes
/// C0 controls only, and would pass DEL, C1 controls and bidi overrides from
/// the file through raw. The escapes decode to the same strings. The text
/// streams straight to `out` (buffered), never held whole in memory.
pub fn write_value(out: &mut impl std::io::Write, value: &Value) -> std::io::Result<()> {
    let mut buf = std::io::BufWriter::with_capacity(1 << 16, out);
    let mut ser = serde_json::Serializer::with_formatter(&mut buf, SafeFormatter::default());
    serde::Serialize::serialize(value, &mut ser)?;
    buf.write_all(b"\n")?;
    buf.flush()
}

/// serde_json's pretty layout, with the characters [`crate::diag::is_unsafe`]
/// names escaped inside strings.
#[derive(Default)]
struct SafeFormatter(serde_json::ser::PrettyFormatter<'static>);

impl serde_json::ser::Formatter for SafeFormatter {
    fn write_string_fragment<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        fragment: &str,
    ) -> std::io::Result<()> {
        let mut rest = fragment;
        while let Some((i, c)) = rest
            .char_indices()
            .find(|&(_, c)| c >= '\u{7f}' && crate::diag::is_unsafe(c))
        {
            w.write_all(&rest.as_bytes()[..i])?;
            write!(w, "\\u{:04x}", u32::from(c))?;
            rest = &rest[i + c.len_utf8()..];
        }
        w.write_all(rest.as_bytes())
    }
    fn begin_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_array(w)
    }
    fn end_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_array(w)
    }
    fn begin_array_value<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.0.begin_array_value(w, first)
    }
    fn end_array_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_array_value(w)
    }
    fn begin_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_object(w)
    }
    fn end_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_object(w)
    }
    fn begin_object_key<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.0.begin_object_key(w, first)
    }
    fn begin_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_object_value(w)
    }
    fn end_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_object_value(w)
    }
}
