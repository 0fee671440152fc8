//! `dealbench seek FILE --offer NAME --lever LEVER (--match OTHER | --total
//! AMOUNT) [--json]`: the lever value at which an offer's total comes as
//! close as possible to a target without exceeding it ([`engine::seek`]).
//!
//! The text answer is one sentence a negotiator can repeat ("'Vendor quote'
//! (1,000 seats) costs no more than 'Working population + buffer'
//! ($468,000.00) only at $39.00 a seat or less"), then the total at that
//! value. `--json` prints `offer`, `lever`, `value` (a decimal string: whole
//! seats, two decimals otherwise), `total`, `target` and the rest of
//! [`SeekResult`]. With `--minimise mean|p90` instead of a target, the seats
//! or API commit minimising that figure over the draws ([`minimise`]). Exit status 1 when no value of the lever meets the target
//! or the lever does not apply to the offer; 2 for bad input.

mod minimise;

use std::io::Write;
use std::path::PathBuf;

use rust_decimal::Decimal;
use serde_json::{Value, json};

use super::{Failure, bad_input, failed, load, offer_index, output_failure};
use crate::diag::sanitize;
use crate::engine::risk::minimise::Figure;
use crate::engine::seek::{self, Lever, SeekError, SeekResult, Target};
use crate::money::{format_count, parse_amount, two_places};
use crate::report::markdown::cash;
use crate::scenario::{Offer, Scenario, SeatPlan};

/// The options of `dealbench seek`.
#[derive(Debug, Clone, clap::Args)]
#[command(group(clap::ArgGroup::new("target").required(true).args(["other", "total", "minimise"])))]
pub struct SeekArgs {
    /// The scenario file (TOML, schema 1).
    pub file: PathBuf,
    /// The offer whose lever moves (names may begin with '-').
    #[arg(long, value_name = "NAME", allow_hyphen_values = true)]
    pub offer: String,
    /// seat-price, seats, uplift, api-commit or api-discount.
    #[arg(long, value_name = "LEVER", value_parser = parse_lever)]
    pub lever: Lever,
    /// Aim at this offer's total, as the file has it.
    #[arg(long = "match", value_name = "OTHER", allow_hyphen_values = true)]
    pub other: Option<String>,
    /// Aim at this total over the horizon, in the deal currency.
    #[arg(long, value_name = "AMOUNT", allow_hyphen_values = true)]
    pub total: Option<String>,
    /// Instead of a target: the seats or API commit minimising the mean or
    /// the P90 total over the [uncertainty] draws (docs/risk.md).
    #[arg(long, value_name = "mean|p90", value_parser = parse_figure)]
    pub minimise: Option<Figure>,
    /// Print the answer as JSON.
    #[arg(long)]
    pub json: bool,
}

fn parse_figure(text: &str) -> Result<Figure, String> {
    Figure::parse(text).ok_or_else(|| format!("expected mean or p90, found '{text}'"))
}

fn parse_lever(text: &str) -> Result<Lever, String> {
    Lever::parse(text).ok_or_else(|| {
        let names: Vec<&str> = Lever::ALL.iter().map(|l| l.name()).collect();
        format!("expected one of {}, found '{text}'", names.join(", "))
    })
}

/// Run the command.
pub fn run(args: &SeekArgs) -> Result<(), Failure> {
    let (s, _) = load(&args.file)?;
    let offer = offer_index(&args.file, &s, "--offer", &args.offer)?;
    if let Some(figure) = args.minimise {
        return minimise::run(args, &s, offer, figure);
    }
    let target = match (&args.other, &args.total) {
        (Some(other), _) => Target::Match(offer_index(&args.file, &s, "--match", other)?),
        (None, Some(t)) => Target::Total(parse_amount(t, &s.deal.currency).map_err(|why| {
            bad_input(format!(
                "error: --total: {} (an amount in {} over the horizon)",
                sanitize(&why),
                sanitize(&s.deal.currency)
            ))
        })?),
        (None, None) => return Err(bad_input("error: expected --match OTHER or --total AMOUNT")),
    };
    let file = sanitize(&args.file.display().to_string());
    let result = seek::solve(&s, offer, args.lever, target).map_err(|e| match e {
        SeekError::Overflow(_) => bad_input(format!("error: {file}: {}", sanitize(&e.to_string()))),
        other => failed(format!("error: {file}: {}", sanitize(&other.to_string()))),
    })?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if args.json {
        crate::report::json::write_value(&mut out, &to_json(&result))
    } else {
        write_text(&mut out, &s, &result).and_then(|()| writeln!(out))
    }
    .and_then(|()| out.flush())
    .map_err(output_failure)
}

/// A lever value in JSON: whole seats, two decimals otherwise.
fn value_string(lever: Lever, v: Decimal) -> String {
    if lever == Lever::Seats {
        v.trunc().to_string()
    } else {
        two_places(v)
    }
}

/// The answer as a JSON object.
pub fn to_json(r: &SeekResult) -> Value {
    let v = |d: Decimal| value_string(r.lever, d);
    let ramp = match (&r.moved.seats, r.lever) {
        (Some(SeatPlan::Ramp(steps)), Lever::Seats) => json!(
            steps
                .iter()
                .map(|s| json!({ "month": s.month, "seats": s.seats }))
                .collect::<Vec<_>>()
        ),
        _ => Value::Null,
    };
    json!({
        "offer": r.offer_name,
        "lever": r.lever.name(),
        "key": r.lever.key(),
        "value": v(r.value),
        "total": two_places(r.total),
        "target": two_places(r.target),
        "target_offer": r.target_offer,
        "under_target": two_places(r.target - r.total),
        "current_value": v(r.current_value),
        "current_total": two_places(r.current_total),
        "same_total_from": v(r.same_total.0),
        "same_total_to": v(r.same_total.1),
        "seat_ramp": ramp,
    })
}

/// The lever at `v` in words: "$39.00 a seat", "650 seats", "an uplift of
/// 3.00 %", "a ramp ending at 1,704 seats".
fn phrase(cur: &str, lever: Lever, v: Decimal, o: &Offer) -> String {
    match lever {
        Lever::SeatPrice => format!("{} a seat", cash(cur, v)),
        Lever::Seats if matches!(o.seats, Some(SeatPlan::Ramp(_))) => {
            format!("a ramp ending at {} seats", lever.format(v))
        }
        Lever::Seats => format!("{} seats", lever.format(v)),
        Lever::Uplift => format!("an uplift of {}", lever.format(v)),
        Lever::ApiCommit => format!("an API commit of {} a year", cash(cur, v)),
        Lever::ApiDiscount => format!("an API discount of {}", lever.format(v)),
    }
}

/// The moved ramp, step by step, when the seat lever moved one.
fn ramp_line(r: &SeekResult) -> Option<String> {
    let (Lever::Seats, Some(SeatPlan::Ramp(steps))) = (r.lever, &r.moved.seats) else {
        return None;
    };
    let list: Vec<String> = steps
        .iter()
        .map(|s| format!("{} from month {}", format_count(s.seats), s.month))
        .collect();
    let delta = r.value - r.current_value;
    let sign = if delta.is_sign_negative() { "" } else { "+" };
    Some(format!(
        "The ramp, every step moved by {sign}{}: {}.",
        delta.trunc(),
        list.join(", ")
    ))
}

/// A lever value with its currency or unit.
pub(super) fn amount(cur: &str, lever: Lever, v: Decimal) -> String {
    match lever {
        Lever::SeatPrice => format!("{} a seat", cash(cur, v)),
        Lever::ApiCommit => format!("{} a year", cash(cur, v)),
        _ => lever.format_with_unit(v),
    }
}

/// What else about the offer a reader needs beside the lever.
fn context(cur: &str, lever: Lever, o: &Offer) -> String {
    match (lever, &o.seats) {
        (Lever::SeatPrice, Some(SeatPlan::Fixed(n))) => format!(" ({} seats)", format_count(*n)),
        (Lever::SeatPrice, Some(SeatPlan::Ramp(steps))) => format!(
            " (a ramp to {} seats)",
            format_count(steps.last().map_or(0, |s| s.seats))
        ),
        (Lever::Seats, _) => format!(" at {} a seat", cash(cur, o.seat_price)),
        _ => String::new(),
    }
}

/// The answer's first sentence: the value at which the offer meets the
/// target, or that any value does.
fn headline(cur: &str, r: &SeekResult) -> String {
    let o = &r.moved;
    let target = match &r.target_offer {
        Some(name) => format!("'{}' ({})", sanitize(name), cash(cur, r.target)),
        None => cash(cur, r.target),
    };
    let offer = format!("'{}'{}", sanitize(&r.offer_name), context(cur, r.lever, o));
    let now = phrase(cur, r.lever, r.current_value, o);
    let (low, high) = r.lever.range();
    let (end, bound) = if r.lever.rises() {
        (high, "or less")
    } else {
        (low, "or more")
    };
    if r.value == end {
        format!(
            "{offer} costs no more than {target} whatever its {} (now {now}).",
            r.lever.label()
        )
    } else {
        format!(
            "{offer} costs no more than {target} only at {} {bound} (now {now}).",
            phrase(cur, r.lever, r.value, o)
        )
    }
}

/// The answer in sentences a negotiator can repeat.
pub fn write_text(out: &mut impl Write, s: &Scenario, r: &SeekResult) -> std::io::Result<()> {
    let cur = &s.deal.currency;
    writeln!(out, "{}", headline(cur, r))?;
    if let Some(line) = ramp_line(r) {
        writeln!(out, "{line}")?;
    }
    let gap = r.target - r.total;
    let gap = if gap.is_zero() {
        "exactly on target".to_string()
    } else {
        format!("{} under the target", cash(cur, gap))
    };
    write!(
        out,
        "With {} its total is {}, {gap}; as quoted it is {}.",
        phrase(cur, r.lever, r.value, &r.moved),
        cash(cur, r.total),
        cash(cur, r.current_total)
    )?;
    let (a, b) = r.same_total;
    if a != b {
        write!(
            out,
            "\nAny {} from {} to {} gives the same total.",
            r.lever.label(),
            amount(cur, r.lever, a),
            amount(cur, r.lever, b)
        )?;
    }
    Ok(())
}
