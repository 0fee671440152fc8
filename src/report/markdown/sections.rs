//! The brief's sections, one function each, in the order they appear.

use std::io::{self, Write};

use super::{Brief, md, table};
use crate::engine::Outcome;
use crate::engine::drivers::Waterfall;
use crate::engine::seats::usage_sized;
use crate::engine::seek::SeekError;
use crate::engine::stress::Case;
use crate::money::{format_count, plain, two_places};
use crate::report::break_even::BreakEven;
use crate::report::schedule::month_date;
use crate::scenario::SeatPlan;

pub(super) fn deal(out: &mut impl Write, b: &Brief<'_>) -> io::Result<()> {
    let s = b.s;
    writeln!(out, "# Negotiation brief: {}\n", md(&s.deal.name))?;
    let vendor = s
        .deal
        .vendor
        .as_deref()
        .map(|v| format!(" with {}", md(v)))
        .unwrap_or_default();
    write!(
        out,
        "A deal in {}{vendor}, starting {}; every offer compared over the same {} months. Reference offer: **{}**.",
        md(&s.deal.currency),
        s.deal.start,
        b.ev.horizon,
        md(b.reference_name())
    )?;
    if let Some(d) = s.pricebook.as_of {
        write!(out, " Price book as of {d}.")?;
    }
    writeln!(out, "\n")
}

pub(super) fn walk_in_number(out: &mut impl Write, b: &Brief<'_>) -> io::Result<()> {
    let s = b.s;
    let t = &b.ev.funnel.total;
    writeln!(out, "## The number to walk in with\n")?;
    writeln!(
        out,
        "**{} weekly active users**: the working population, out of {} provisioned seats ({} monthly active, {} daily active, {} dormant).",
        format_count(t.wau),
        format_count(t.provisioned),
        format_count(t.mau),
        format_count(t.dau),
        format_count(t.dormant)
    )?;
    writeln!(
        out,
        "A fair commit is **{} seats**: the working population plus a {} % buffer.",
        format_count(t.usage_sized_commit),
        plain(s.deal.buffer_pct)
    )?;
    if let Some(line) = peak_line(b) {
        writeln!(out, "{line}")?;
    }
    if let Some(sources) = funnel_sources(b) {
        writeln!(out, "Funnel figures: {sources}.")?;
    }
    for (label, v) in [
        ("Our target total", s.deal.target_total),
        ("Walk-away total", s.deal.walk_away_total),
    ] {
        if let Some(v) = v {
            writeln!(out, "{label}: {}.", b.cash(v))?;
        }
    }
    writeln!(out)
}

/// Where planned demand peaks, when ramps take it beyond today's weekly
/// active.
fn peak_line(b: &Brief<'_>) -> Option<String> {
    let months = &b.ev.outcomes.first()?.months;
    let peak = months.iter().map(|m| m.seats.demand).max()?;
    let at = months.iter().position(|m| m.seats.demand == peak)?;
    if peak == b.ev.funnel.total.wau {
        return None;
    }
    let sized = usage_sized(peak, b.s.deal.buffer_pct).unwrap_or(peak);
    Some(format!(
        "With the planned ramps, demand peaks at {} seats in {} ({} with the buffer).",
        format_count(peak),
        month_date(b.s.deal.start, at as u32),
        format_count(sized)
    ))
}

fn funnel_sources(b: &Brief<'_>) -> Option<String> {
    let list: Vec<String> =
        b.s.regions
            .iter()
            .filter(|r| r.funnel_source.is_some() || r.funnel_as_of.is_some())
            .map(|r| {
                let src = r.funnel_source.as_deref().map(md).unwrap_or_default();
                let at = r
                    .funnel_as_of
                    .map(|d| format!(" as of {d}"))
                    .unwrap_or_default();
                format!("{} from {src}{at}", md(&r.name))
            })
            .collect();
    (!list.is_empty()).then(|| list.join("; "))
}

pub(super) fn funnel(out: &mut impl Write, b: &Brief<'_>) -> io::Result<()> {
    writeln!(out, "## Seat funnel\n")?;
    let head: Vec<String> = [
        "Region",
        "Headcount",
        "Provisioned",
        "Monthly active",
        "Weekly active",
        "Daily active",
        "Dormant",
        "Usage-sized commit",
    ]
    .map(String::from)
    .to_vec();
    let f = &b.ev.funnel;
    let mut rows: Vec<_> = f.regions.iter().collect();
    if rows.len() > 1 {
        rows.push(&f.total);
    }
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            let mut v = vec![md(&r.name)];
            v.extend(
                [
                    r.headcount,
                    r.provisioned,
                    r.mau,
                    r.wau,
                    r.dau,
                    r.dormant,
                    r.usage_sized_commit,
                ]
                .map(format_count),
            );
            v
        })
        .collect();
    table(out, &head, 1, &cells)
}

pub(super) fn offer_head(b: &Brief<'_>, first: &str) -> Vec<String> {
    let mut head = vec![first.to_string()];
    head.extend(b.ev.outcomes.iter().map(|o| md(&o.offer.name)));
    head
}

fn seats_cell(o: &Outcome) -> String {
    match &o.offer.seats {
        _ if o.offer.billing == crate::scenario::Billing::Monthly => "monthly, no commit".into(),
        Some(SeatPlan::Fixed(n)) => format_count(*n),
        Some(SeatPlan::Ramp(steps)) => steps
            .iter()
            .map(|s| format_count(s.seats))
            .collect::<Vec<_>>()
            .join(" → "),
        None => "none".into(),
    }
}

pub(super) fn offers(out: &mut impl Write, b: &Brief<'_>) -> io::Result<()> {
    writeln!(out, "## Offers side by side\n")?;
    let oc = &b.ev.outcomes;
    let row = |label: &str, f: &dyn Fn(&Outcome) -> String| {
        let mut r = vec![label.to_string()];
        r.extend(oc.iter().map(f));
        r
    };
    let mut rows = vec![
        row("Proposed by", &|o| o.offer.by.as_str().into()),
        row("Seats committed", &seats_cell),
        row("Seat price, year 1", &|o| {
            b.cash(o.years.first().map_or(o.offer.seat_price, |y| y.price))
        }),
        row("Term", &|o| format!("{} months", o.offer.term_months)),
        row("**Total**", &|o| format!("**{}**", b.cash(o.total))),
        row("Savings vs reference", &|o| b.cash(o.savings)),
        row("Savings %", &|o| format!("{} %", two_places(o.savings_pct))),
        row("Seat cost", &|o| b.cash(o.seat_cost)),
        row("API cost", &|o| b.cash(o.api_cost)),
    ];
    let years = oc.iter().map(|o| o.years.len()).max().unwrap_or(0);
    for y in 0..years {
        rows.push(row(&format!("Year {} total", y + 1), &|o| {
            o.years.get(y).map_or(String::new(), |y| b.cash(y.total))
        }));
    }
    rows.extend([
        row("Idle seat-months", &|o| format_count(o.idle_seat_months)),
        row("Idle seat cost", &|o| b.cash(o.idle_cost)),
        row("Unserved seat-months", &|o| {
            format_count(o.unserved_seat_months)
        }),
        row("API unused commit", &|o| b.cash(o.api_unused_commit)),
        row("Missing terms", &|o| o.missing_terms.len().to_string()),
        row("Warnings", &|o| o.warnings.len().to_string()),
    ]);
    table(out, &offer_head(b, ""), 1, &rows)
}

pub(super) fn break_even(out: &mut impl Write, b: &Brief<'_>) -> io::Result<()> {
    if b.break_evens.is_empty() {
        return Ok(());
    }
    let reference = md(b.reference_name());
    writeln!(out, "## Break-even seat price\n")?;
    writeln!(
        out,
        "The seat price at which **{reference}** would cost no more than each counter-offer, everything else as quoted.\n"
    )?;
    let head = [
        "Counter-offer",
        "Its total",
        "Break-even seat price",
        "Quoted seat price",
    ]
    .map(String::from)
    .to_vec();
    let rows: Vec<Vec<String>> = b.break_evens.iter().map(|e| break_even_row(b, e)).collect();
    table(out, &head, 1, &rows)
}

fn break_even_row(b: &Brief<'_>, e: &BreakEven) -> Vec<String> {
    let name = md(&e.counter_name);
    let total =
        b.ev.outcomes
            .get(e.counter)
            .map_or(String::new(), |o| b.cash(o.total));
    match &e.result {
        Ok(r) => vec![name, total, b.cash(r.value), b.cash(r.current_value)],
        Err(SeekError::NoSolution(n)) => vec![
            name,
            total,
            format!(
                "none: at {} it still costs {}",
                b.cash(n.lowest_at),
                b.cash(n.lowest_total)
            ),
            b.ev.outcomes
                .get(b.ev.reference)
                .map_or(String::new(), |r| b.cash(r.offer.seat_price)),
        ],
        Err(err) => vec![
            name,
            total,
            md(&format!("not computed: {err}")),
            String::new(),
        ],
    }
}

pub(super) fn drivers(out: &mut impl Write, b: &Brief<'_>) -> io::Result<()> {
    let Ok(power) = &b.power else {
        return writeln!(
            out,
            "## What drove the difference\n\nNot computed: a figure is too large for exact arithmetic.\n"
        );
    };
    if power.walks.iter().all(Option::is_none) {
        return Ok(());
    }
    writeln!(out, "## What drove the difference\n")?;
    writeln!(
        out,
        "Each counter-offer reached from **{}** one lever group at a time (SPEC order); each step is the change in total it causes, and the steps add up exactly to the difference. Groups the offers agree on are left out.\n",
        md(b.reference_name())
    )?;
    for w in power.walks.iter().flatten() {
        waterfall(out, b, w)?;
    }
    Ok(())
}

fn waterfall(out: &mut impl Write, b: &Brief<'_>, w: &Waterfall) -> io::Result<()> {
    writeln!(out, "### {} → {}\n", md(&w.from), md(&w.to))?;
    let head = [
        "Lever group",
        "From",
        "To",
        "Change in total",
        "Running total",
    ]
    .map(String::from)
    .to_vec();
    let blank = String::new;
    let mut rows = vec![vec![
        format!("Start: {}", md(&w.from)),
        blank(),
        blank(),
        blank(),
        b.cash(w.start),
    ]];
    for st in w.steps.iter().filter(|st| st.changed) {
        rows.push(vec![
            st.group.label().into(),
            md(&st.from),
            md(&st.to),
            b.cash(st.effect),
            b.cash(st.total),
        ]);
    }
    rows.push(vec![
        format!("**{}**", md(&w.to)),
        blank(),
        blank(),
        format!("**{}**", b.cash(w.end - w.start)),
        format!("**{}**", b.cash(w.end)),
    ]);
    table(out, &head, 3, &rows)
}

pub(super) fn stress(out: &mut impl Write, b: &Brief<'_>) -> io::Result<()> {
    let Ok(power) = &b.power else {
        return Ok(());
    };
    let st = &power.stress;
    let c = &st.curves;
    let (a, sp) = (plain(c.adoption_pct), plain(c.spike_pct));
    let when = month_date(b.s.deal.start, c.spike_month);
    writeln!(out, "## Stress\n")?;
    writeln!(
        out,
        "Each offer's total if adoption runs {a} % below or above plan, and with a one-month spike of {sp} % in {when} (the first month of highest planned demand). Exposure is the change from the planned total.\n"
    )?;
    let row = |label: String, f: &dyn Fn(usize) -> String| {
        let mut r = vec![label];
        r.extend((0..st.offers.len()).map(f));
        r
    };
    let mut rows = vec![row("Planned total".into(), &|i| {
        b.cash(st.offers[i].planned)
    })];
    for case in Case::ALL {
        let mut label = case.label(c);
        if case == Case::Spike {
            label = format!("{label} in {when}");
        }
        rows.push(row(label, &|i| b.cash(st.offers[i].case(case).total)));
        rows.push(row("exposure".into(), &|i| {
            b.cash(st.offers[i].case(case).exposure)
        }));
    }
    table(out, &offer_head(b, ""), 1, &rows)
}

pub(super) fn terms_and_warnings(out: &mut impl Write, b: &Brief<'_>) -> io::Result<()> {
    writeln!(out, "## Missing terms\n")?;
    let missing: Vec<&Outcome> =
        b.ev.outcomes
            .iter()
            .filter(|o| !o.missing_terms.is_empty())
            .collect();
    if missing.is_empty() {
        writeln!(
            out,
            "Every offer carries every term the deal and its regions require."
        )?;
    }
    for o in missing {
        let list: Vec<String> = o.missing_terms.iter().map(|t| md(t)).collect();
        writeln!(out, "- **{}**: {}", md(&o.offer.name), list.join(", "))?;
    }
    writeln!(out)?;
    if b.ev.outcomes.iter().all(|o| o.warnings.is_empty()) {
        return Ok(());
    }
    writeln!(out, "## Warnings\n")?;
    for o in &b.ev.outcomes {
        for w in &o.warnings {
            writeln!(out, "- **{}**: {}", md(&o.offer.name), md(w))?;
        }
    }
    writeln!(out)
}
