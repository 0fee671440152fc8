//! `[[offer]]` tables: parsing what each offer sets, and the checks that
//! need every offer (`offers/validate.rs`). `based_on` resolution is in
//! [`super::resolve`].

use std::collections::HashSet;

use rust_decimal::Decimal;

use super::limits::{MAX_COUNT, MAX_MONTHS};
use super::model::*;
pub use super::resolve::{ResolveError, chain, dependants, resolve};
use super::sections::{read_route, read_terms, share};
use crate::diag::{Span, listing, suggest};
use crate::pricebook::PriceBook;
use crate::reader::{Ctx, Fields, Tbl};

mod validate;

pub(crate) use validate::{validate_geo, validate_offers};

/// The fields of an `[[offer]]` (docs/format.md#offer).
pub const OFFER: &[&str] = &[
    "name",
    "by",
    "based_on",
    "tier",
    "seats",
    "seat_ramp",
    "team_seats",
    "team_price",
    "seat_price",
    "billing",
    "term_months",
    "uplift_pct",
    "uplift_cap_pct",
    "renewal_cap_pct",
    "true_up",
    "true_up_ratchet",
    "true_up_rate_pct",
    "true_up_cap_pct",
    "downsize_at_anniversary",
    "api_commit",
    "api_discount_pct",
    "terms",
    "api",
    "regional_price",
];
const PLAN: &[&str] = &PLAN_KEYS;
/// Upper bound of a seat price per seat-month.
pub const MAX_PRICE: i64 = 1_000_000;
/// Upper bound of an API commit per contract year.
pub const MAX_COMMIT: i64 = 1_000_000_000_000;

/// Parse one `[[offer]]` table.
pub(crate) fn parse_offer(
    ctx: &Ctx<'_>,
    t: Tbl<'_>,
    span: Span,
    book: &PriceBook,
    regions: &[Region],
    workloads: &[Workload],
) -> Option<OfferSpec> {
    let mut f = Fields::new(ctx, t, "[[offer]]", OFFER, span);
    let name = f.required_string("name", "the offer's unique name")?;
    f.rename(format!("[[offer]] '{}'", name.value));
    let pct = |key: &str, max: i64| {
        f.decimal(
            key,
            Decimal::ZERO,
            Decimal::from(max),
            "a number of percent",
        )
        .map(|s| s.value)
    };
    let price = |key: &str| {
        f.decimal(
            key,
            Decimal::ZERO,
            Decimal::from(MAX_PRICE),
            "a price per seat-month",
        )
        .map(|s| s.value)
    };
    if f.has("seats") && f.has("seat_ramp") {
        f.error("seat_ramp", format!(
            "{} sets both `seats` and `seat_ramp`: expected one of them (a fixed count or a stepped ramp)",
            f.what()
        ));
    }
    let seats = match (f.whole("seats", 0, MAX_COUNT, "seats"), f.has("seat_ramp")) {
        (Some(n), _) => Some(SeatPlan::Fixed(n.value)),
        (None, true) => read_ramp(&f).map(SeatPlan::Ramp),
        (None, false) => None,
    };
    let tier = f.string("tier");
    if let Some(t) = &tier
        && book.tier(&t.value).is_none()
    {
        let ids: Vec<&str> = book.tiers.iter().map(|(i, _)| i.as_str()).collect();
        let hint = suggest(&t.value, &ids)
            .map(|s| format!(" (did you mean '{s}'?)"))
            .unwrap_or_default();
        ctx.error(
            t.span.clone(),
            format!(
                "unknown tier '{}' in {}: expected one of {}{hint}",
                t.value,
                f.what(),
                ids.join(", ")
            ),
        );
    }
    Some(OfferSpec {
        id: 0,
        by: f.choice("by", &["vendor", "us"]).map(|s| {
            if s.value == "vendor" {
                Party::Vendor
            } else {
                Party::Us
            }
        }),
        based_on_span: f.node("based_on").map(|(span, _)| span),
        based_on: f.string("based_on").map(|s| s.value),
        tier: tier.map(|s| s.value),
        seats,
        team_seats: f
            .whole("team_seats", 0, MAX_COUNT, "seats")
            .map(|s| s.value),
        team_price: price("team_price"),
        seat_price: price("seat_price"),
        billing: f.choice("billing", &["annual", "monthly"]).map(|s| {
            if s.value == "monthly" {
                Billing::Monthly
            } else {
                Billing::Annual
            }
        }),
        term_months: f.months("term_months", 1, MAX_MONTHS).map(|s| s.value),
        uplift_pct: pct("uplift_pct", 100),
        uplift_cap_pct: pct("uplift_cap_pct", 100),
        renewal_cap_pct: pct("renewal_cap_pct", 100),
        true_up: f
            .choice("true_up", &["fixed", "monthly", "quarterly", "annual_peak"])
            .and_then(|s| TrueUp::ALL.into_iter().find(|t| t.as_str() == s.value)),
        true_up_ratchet: f.boolean("true_up_ratchet").map(|s| s.value),
        true_up_rate_pct: pct("true_up_rate_pct", 1000),
        true_up_cap_pct: pct("true_up_cap_pct", 1000),
        downsize_at_anniversary: f.boolean("downsize_at_anniversary").map(|s| s.value),
        api_commit: f
            .decimal(
                "api_commit",
                Decimal::ZERO,
                Decimal::from(MAX_COMMIT),
                "an amount per contract year",
            )
            .map(|s| s.value),
        api_discount_pct: pct("api_discount_pct", 100),
        terms: f.has("terms").then(|| read_terms(&f, "terms")),
        api: read_api(&f, book, workloads),
        regional_price: read_regional_price(&f, regions),
        name: name.value,
        name_span: name.span,
        span: f.at.clone(),
    })
}

fn read_ramp(f: &Fields<'_, '_>) -> Option<Vec<RampStep>> {
    let tables = f.tables("seat_ramp");
    if tables.is_empty() {
        f.error(
            "seat_ramp",
            format!(
                "`seat_ramp` in {} must hold at least one {{ month = 0, seats = N }} step",
                f.what()
            ),
        );
        return None;
    }
    let mut steps: Vec<RampStep> = Vec::new();
    for (span, t) in tables {
        let sf = Fields::new(
            f.ctx(),
            t,
            &format!("a `seat_ramp` step of {}", f.what()),
            &["month", "seats"],
            span,
        );
        for key in ["month", "seats"] {
            if !sf.has(key) {
                sf.missing(key, "both `month` and `seats`");
            }
        }
        let month = sf.months("month", 0, MAX_MONTHS)?;
        let seats = sf.whole("seats", 0, MAX_COUNT, "seats")?;
        if let Some(prev) = steps.last()
            && month.value <= prev.month
        {
            sf.error("month", format!(
                    "`seat_ramp` months in {} must rise step by step: expected a month after {}, found '{}'",
                    f.what(), prev.month, month.value
                ));
            return None;
        }
        steps.push(RampStep {
            month: month.value,
            seats: seats.value,
        });
    }
    Some(steps)
}

fn read_plan(f: &Fields<'_, '_>, book: &PriceBook) -> PlanParts {
    PlanParts {
        route: if f.has("route") {
            read_route(f, "route", book)
        } else {
            None
        },
        cache_hit: share(f, "cache_hit"),
        batch: share(f, "batch"),
        cache_1h: share(f, "cache_1h"),
        long_context: share(f, "long_context"),
        inference_geo_us: super::sections::inference_geo(f).map(|g| g.value),
    }
}

fn read_api(f: &Fields<'_, '_>, book: &PriceBook, workloads: &[Workload]) -> Option<ApiPlan> {
    let (span, t) = f.table("api")?;
    let mut allowed = PLAN.to_vec();
    allowed.push("workload");
    let af = Fields::new(
        f.ctx(),
        t,
        &format!("[offer.api] of {}", f.what()),
        &allowed,
        span,
    );
    let mut plan = ApiPlan {
        all: read_plan(&af, book),
        workloads: Vec::new(),
    };
    if let Some((wspan, wt)) = af.table("workload") {
        let names: Vec<&str> = workloads.iter().map(|w| w.name.as_str()).collect();
        for (name, kspan, node) in wt.entries() {
            if !workloads.iter().any(|w| w.name == name) {
                let hint = f.ctx().name_hint(name, &names);
                f.ctx().error(kspan, format!(
                    "unknown workload '{name}' in [offer.api.workload] of {}: expected one of the [[workload]] names ({}){hint}",
                    f.what(), listing(&names)
                ));
                continue;
            }
            let Some(pt) = node.table() else {
                let span = node.span().unwrap_or(kspan);
                let found = match f.ctx().text(&span) {
                    t if t.is_empty() => node.kind().to_string(),
                    t => format!("{} '{t}'", node.kind()),
                };
                f.ctx().error(
                    span,
                    format!(
                        "`{name}` in [offer.api.workload] of {} must be a table of route, cache_hit, batch, cache_1h and long_context, found {found}",
                        f.what()
                    ),
                );
                continue;
            };
            let what = format!("[offer.api.workload.{name}] of {}", f.what());
            let pf = Fields::new(f.ctx(), pt, &what, PLAN, wspan.clone());
            plan.workloads
                .push((name.to_string(), read_plan(&pf, book)));
        }
    }
    Some(plan)
}

fn read_regional_price(f: &Fields<'_, '_>, regions: &[Region]) -> Option<Vec<(String, Decimal)>> {
    let (span, t) = f.table("regional_price")?;
    let ids: Vec<&str> = regions.iter().map(|r| r.id.as_str()).collect();
    let known_ids: HashSet<&str> = ids.iter().copied().collect();
    let entries = t.entries();
    for (id, kspan, _) in &entries {
        if !known_ids.contains(id) {
            let hint = f.ctx().name_hint(id, &ids);
            f.ctx().error(
                kspan.clone(),
                format!(
                    "unknown region '{id}' in [offer.regional_price] of {}: expected a region id ({}){hint}",
                    f.what(),
                    listing(&ids)
                ),
            );
        }
    }
    let known: Vec<&str> = entries.iter().map(|(k, _, _)| *k).collect();
    let rf = Fields::new(
        f.ctx(),
        t,
        &format!("[offer.regional_price] of {}", f.what()),
        &known,
        span,
    );
    let out = entries
        .iter()
        .filter(|(id, _, _)| known_ids.contains(id))
        .filter_map(|(id, _, _)| {
            rf.decimal(
                id,
                Decimal::ZERO,
                Decimal::from(1_000_000_000),
                "a price per seat-month in the region's currency",
            )
            .map(|v| (id.to_string(), v.value))
        })
        .collect();
    Some(out)
}
