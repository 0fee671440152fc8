//! Seat demand month by month (SPEC.md §3, Demand): each region's working
//! population ramps from today's weekly active to its target after go-live.

use crate::scenario::{Region, Scenario};

/// Seats region `r` needs in contract month `m`.
pub fn region_demand(r: &Region, m: u32) -> u64 {
    if m < r.go_live {
        return 0;
    }
    let t = m - r.go_live;
    if r.ramp_months == 0 {
        return r.target_wau;
    }
    let done = i128::from(t.min(r.ramp_months));
    let ramp = i128::from(r.ramp_months);
    let diff = i128::from(r.target_wau) - i128::from(r.wau);
    let step = ceil_div(diff * done, ramp);
    u64::try_from(i128::from(r.wau) + step).unwrap_or(0)
}

fn ceil_div(a: i128, b: i128) -> i128 {
    -((-a).div_euclid(b))
}

/// Demand over the horizon: per region (file order) and in total.
#[derive(Debug, Clone, PartialEq)]
pub struct Demand {
    /// `per_region[r][m]`: seats region r needs in month m.
    pub per_region: Vec<Vec<u64>>,
    /// D(m): total seats needed in month m.
    pub total: Vec<u64>,
}

impl Demand {
    /// Demand of every region of `s` over `horizon` months.
    pub fn of(s: &Scenario, horizon: u32) -> Demand {
        let per_region: Vec<Vec<u64>> = s
            .regions
            .iter()
            .map(|r| (0..horizon).map(|m| region_demand(r, m)).collect())
            .collect();
        let total = (0..horizon as usize)
            .map(|m| per_region.iter().map(|d| d[m]).sum())
            .collect();
        Demand { per_region, total }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn region(wau: u64, target: u64, go_live: u32, ramp: u32) -> Region {
        Region {
            id: "r".into(),
            name: "r".into(),
            currency: "USD".into(),
            headcount: 10_000,
            provisioned: wau,
            mau: wau,
            wau,
            dau: 0,
            go_live,
            target_wau: target,
            ramp_months: ramp,
            requires: vec![],
            funnel_source: None,
            funnel_as_of: None,
            uncertainty_pct: None,
        }
    }

    #[test]
    fn ramp_rounds_up_each_month() {
        // 110 → 220 over 12 months: month 1 needs ⌈110 + 110/12⌉ = ⌈119.17⌉ = 120.
        let r = region(110, 220, 0, 12);
        assert_eq!(region_demand(&r, 0), 110);
        assert_eq!(region_demand(&r, 1), 120);
        assert_eq!(region_demand(&r, 6), 165);
        assert_eq!(region_demand(&r, 12), 220);
        assert_eq!(region_demand(&r, 30), 220);
    }

    #[test]
    fn nothing_before_go_live_and_target_at_once_without_ramp() {
        let r = region(0, 240, 6, 0);
        assert_eq!(region_demand(&r, 5), 0);
        assert_eq!(region_demand(&r, 6), 240);
    }

    #[test]
    fn a_shrinking_ramp_rounds_up_too() {
        // 100 → 50 over 4 months: month 1 = ⌈100 − 12.5⌉ = 88.
        let r = region(100, 50, 0, 4);
        assert_eq!(region_demand(&r, 1), 88);
        assert_eq!(region_demand(&r, 4), 50);
    }
}
