//! Stress (SPEC.md §6 `[stress]`): what each offer costs when adoption
//! misses the plan, and the true-up exposure that follows.
//!
//! Three demand curves replace the planned D(m), each rounded up to whole
//! seats month by month:
//! * low adoption: ⌈D(m) · (1 − adoption_pct/100)⌉;
//! * high adoption: ⌈D(m) · (1 + adoption_pct/100)⌉;
//! * a spike: D(m) everywhere except the first month of highest planned
//!   demand, which needs ⌈D(m) · (1 + spike_pct/100)⌉.
//!
//! The stress applies to total demand D(m), as the spec writes it, not to
//! each region (rounding region by region would add up to a few seats more
//! than the spec's figure). Team seats serve stressed demand first, as they
//! do planned demand; re-sizing at renewal and downsizing follow the
//! stressed demand. The API side is left as planned: API workloads are
//! sized in tokens, not seats.
//!
//! Exposure = stressed total − planned total. Below plan, a fixed commit
//! shows an exposure near 0 (the seats are paid for anyway) while a
//! pay-as-you-use offer falls; above plan, the true-up clauses decide how
//! much more is billed; a spike shows what an annual-peak true-up and a
//! ratchet make of one busy month.

use rust_decimal::Decimal;

use super::Shared;
use super::priced::Priced;
use super::pricer::Pricer;
use crate::money::{Exact, Overflow, ceil_seats, pct};
use crate::scenario::{Offer, Scenario};

/// The stressed demand curves of a scenario.
#[derive(Debug, Clone, PartialEq)]
pub struct Curves {
    pub adoption_pct: Decimal,
    pub spike_pct: Decimal,
    /// The month of the spike: the first month of highest planned demand.
    pub spike_month: u32,
    pub low: Vec<u64>,
    pub high: Vec<u64>,
    pub spike: Vec<u64>,
}

impl Curves {
    /// The three curves from the scenario's `[stress]` and planned demand.
    pub fn of(s: &Scenario, shared: &Shared) -> Result<Curves, Overflow> {
        let planned = &shared.demand.total;
        let a = pct(s.stress.adoption_pct);
        let scaled = |factor: Decimal| -> Result<Vec<u64>, Overflow> {
            planned
                .iter()
                .map(|&d| ceil_seats(Decimal::from(d).mul_x(factor, "stressed demand")?))
                .collect()
        };
        let peak = planned.iter().copied().max().unwrap_or(0);
        let spike_month = planned.iter().position(|&d| d == peak).unwrap_or(0);
        let mut spike = planned.clone();
        if let Some(d) = spike.get_mut(spike_month) {
            *d = ceil_seats(
                Decimal::from(*d).mul_x(Decimal::ONE + pct(s.stress.spike_pct), "a spike")?,
            )?;
        }
        Ok(Curves {
            adoption_pct: s.stress.adoption_pct,
            spike_pct: s.stress.spike_pct,
            spike_month: spike_month as u32,
            low: scaled(Decimal::ONE - a)?,
            high: scaled(Decimal::ONE + a)?,
            spike,
        })
    }
}

/// One offer under one stressed curve.
#[derive(Debug, Clone, PartialEq)]
pub struct Stressed {
    pub total: Decimal,
    /// Stressed total − planned total: positive is money at risk.
    pub exposure: Decimal,
    pub billed_seat_months: u64,
    pub idle_seat_months: u64,
    pub unserved_seat_months: u64,
}

/// One offer under stress, side by side with its plan.
#[derive(Debug, Clone, PartialEq)]
pub struct OfferStress {
    pub name: String,
    pub planned: Decimal,
    pub low: Stressed,
    pub high: Stressed,
    pub spike: Stressed,
}

/// The three stressed cases, in the order reports show them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Case {
    LowAdoption,
    HighAdoption,
    Spike,
}

impl Case {
    pub const ALL: [Case; 3] = [Case::LowAdoption, Case::HighAdoption, Case::Spike];

    /// A stable identifier for JSON.
    pub fn key(self) -> &'static str {
        match self {
            Case::LowAdoption => "low_adoption",
            Case::HighAdoption => "high_adoption",
            Case::Spike => "spike",
        }
    }

    /// The case in words, with the scenario's percentages: "Adoption −25 %".
    pub fn label(self, curves: &Curves) -> String {
        let a = crate::money::plain(curves.adoption_pct);
        match self {
            Case::LowAdoption => format!("Adoption −{a} %"),
            Case::HighAdoption => format!("Adoption +{a} %"),
            Case::Spike => format!("Spike +{} %", crate::money::plain(curves.spike_pct)),
        }
    }
}

impl OfferStress {
    /// The offer under one case.
    pub fn case(&self, c: Case) -> &Stressed {
        match c {
            Case::LowAdoption => &self.low,
            Case::HighAdoption => &self.high,
            Case::Spike => &self.spike,
        }
    }
}

/// Every offer under stress, in file order.
#[derive(Debug, Clone, PartialEq)]
pub struct Stress {
    pub curves: Curves,
    pub offers: Vec<OfferStress>,
}

/// Stress every offer of the scenario.
pub fn run(s: &Scenario) -> Result<Stress, Overflow> {
    let shared = Shared::of(s)?;
    let curves = Curves::of(s, &shared)?;
    let mut p = Pricer::new(s, &shared);
    let offers = s
        .resolved_offers()
        .iter()
        .map(|o| offer(&mut p, o, &curves))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Stress { curves, offers })
}

/// Stress one offer (the workbench stresses only the offer on the table).
pub fn offer(p: &mut Pricer<'_>, o: &Offer, curves: &Curves) -> Result<OfferStress, Overflow> {
    let planned = p.price(o)?.total;
    let mut under = |demand: &[u64]| -> Result<Stressed, Overflow> {
        let p: Priced = p.price_with_demand(o, demand)?;
        Ok(Stressed {
            exposure: p.total.sub_x(planned, "a stress exposure")?,
            total: p.total,
            billed_seat_months: p.billed_seat_months,
            idle_seat_months: p.idle_seat_months,
            unserved_seat_months: p.unserved_seat_months,
        })
    };
    Ok(OfferStress {
        name: o.name.clone(),
        planned,
        low: under(&curves.low)?,
        high: under(&curves.high)?,
        spike: under(&curves.spike)?,
    })
}
