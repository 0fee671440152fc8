//! `dealbench seek FILE --offer NAME --lever seats|api-commit --minimise
//! mean|p90 [--json]`: the commit to sign under `[uncertainty]`
//! ([`crate::engine::risk::minimise`]).
//!
//! The text answer names the value, the figure there and at the offer's own
//! value, and what it saves; `--json` prints `offer`, `lever`, `minimise`,
//! `value`, `current_value`, `figure`, `current_figure`, `saving`,
//! `exhaustive` and the offer's full `risk` figures at both values.

use std::io::Write;

use serde_json::{Value, json};

use super::super::{Failure, bad_input, failed, output_failure};
use super::{SeekArgs, amount, value_string};
use crate::diag::sanitize;
use crate::engine::risk::default_threads;
use crate::engine::risk::minimise::{self, Minimum};
use crate::engine::seek::SeekError;
use crate::money::two_places;
use crate::report::markdown::cash;
use crate::scenario::Scenario;

/// Run `seek --minimise`.
pub(super) fn run(
    args: &SeekArgs,
    s: &Scenario,
    offer: usize,
    figure: minimise::Figure,
) -> Result<(), Failure> {
    let file = sanitize(&args.file.display().to_string());
    let m = minimise::minimise(s, offer, args.lever, figure, default_threads()).map_err(
        |e| match e {
            SeekError::Overflow(_) => {
                bad_input(format!("error: {file}: {}", sanitize(&e.to_string())))
            }
            other => failed(format!("error: {file}: {}", sanitize(&other.to_string()))),
        },
    )?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if args.json {
        crate::report::json::write_value(&mut out, &to_json(&m))
    } else {
        write_text(&mut out, s, &m)
    }
    .and_then(|()| out.flush())
    .map_err(output_failure)
}

/// The answer as a JSON object.
pub fn to_json(m: &Minimum) -> Value {
    json!({
        "offer": m.offer_name,
        "lever": m.lever.name(),
        "key": m.lever.key(),
        "minimise": m.figure.name(),
        "value": value_string(m.lever, m.value),
        "current_value": value_string(m.lever, m.current_value),
        "figure": two_places(m.figure.of(&m.at)),
        "current_figure": two_places(m.figure.of(&m.current)),
        "saving": two_places(m.saving()),
        "exhaustive": m.exhaustive,
        "risk": crate::report::json::risk(&m.at),
        "current_risk": crate::report::json::risk(&m.current),
    })
}

/// The answer in sentences.
pub fn write_text(out: &mut impl Write, s: &Scenario, m: &Minimum) -> std::io::Result<()> {
    let cur = &s.deal.currency;
    let what = match m.figure {
        minimise::Figure::Mean => "mean total",
        minimise::Figure::P90 => "P90 total",
    };
    let draws = crate::money::format_count(m.at.draws);
    writeln!(
        out,
        "Over {draws} draws, '{}' has its lowest {what} at {}: {} (now {} at {}), {} less.",
        sanitize(&m.offer_name),
        amount(cur, m.lever, m.value),
        cash(cur, m.figure.of(&m.at)),
        cash(cur, m.figure.of(&m.current)),
        amount(cur, m.lever, m.current_value),
        cash(cur, m.saving()),
    )?;
    writeln!(
        out,
        "There: mean {}, P10 {}, P50 {}, P90 {}; true-up in {} % of draws, unused API commit in {} %.",
        cash(cur, m.at.mean),
        cash(cur, m.at.p10),
        cash(cur, m.at.p50),
        cash(cur, m.at.p90),
        two_places(m.at.prob_true_up),
        two_places(m.at.prob_unused_api_commit),
    )?;
    if !m.exhaustive {
        writeln!(
            out,
            "(Found by a grid of 257 values refined by bisection, not by pricing every value: docs/risk.md.)"
        )?;
    }
    Ok(())
}
