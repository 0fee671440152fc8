//! The seat funnel per region and in total: headcount → provisioned →
//! monthly → weekly (the working population) → daily active, the dormant
//! seats, and the usage-sized commit ⌈WAU · (1 + buffer)⌉ a negotiator walks
//! in with.

use crate::money::Overflow;
use crate::scenario::Scenario;

use super::seats::usage_sized;

/// One row of the funnel.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FunnelRow {
    pub id: String,
    pub name: String,
    pub headcount: u64,
    pub provisioned: u64,
    pub mau: u64,
    /// The working population.
    pub wau: u64,
    /// The core.
    pub dau: u64,
    /// Provisioned seats without activity in 30 days.
    pub dormant: u64,
    /// ⌈WAU · (1 + buffer_pct/100)⌉: the commit sized to usage.
    pub usage_sized_commit: u64,
    /// Working population once ramped.
    pub target_wau: u64,
}

/// The funnel of every region and of the whole footprint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Funnel {
    pub regions: Vec<FunnelRow>,
    pub total: FunnelRow,
}

impl Funnel {
    pub fn of(s: &Scenario) -> Result<Funnel, Overflow> {
        let buffer = s.deal.buffer_pct;
        let mut regions = Vec::with_capacity(s.regions.len());
        let mut total = FunnelRow {
            id: "total".into(),
            name: "Total".into(),
            headcount: 0,
            provisioned: 0,
            mau: 0,
            wau: 0,
            dau: 0,
            dormant: 0,
            usage_sized_commit: 0,
            target_wau: 0,
        };
        for r in &s.regions {
            total.headcount += r.headcount;
            total.provisioned += r.provisioned;
            total.mau += r.mau;
            total.wau += r.wau;
            total.dau += r.dau;
            total.dormant += r.dormant();
            total.target_wau += r.target_wau;
            regions.push(FunnelRow {
                id: r.id.clone(),
                name: r.name.clone(),
                headcount: r.headcount,
                provisioned: r.provisioned,
                mau: r.mau,
                wau: r.wau,
                dau: r.dau,
                dormant: r.dormant(),
                usage_sized_commit: usage_sized(r.wau, buffer)?,
                target_wau: r.target_wau,
            });
        }
        total.usage_sized_commit = usage_sized(total.wau, buffer)?;
        Ok(Funnel { regions, total })
    }
}
