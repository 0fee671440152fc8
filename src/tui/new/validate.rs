//! Whether the form holds: each field read as the flags are
//! ([`crate::cli::new::fields`]), the funnel rule on a region's figures as
//! far as they are typed, and the request the whole form makes.

use super::{Form, REGION_FIELDS, Slot};
use crate::cli::new::build::Request;
use crate::cli::new::fields::{self, FunnelSpec, RegionSpec};
use crate::scenario::template::Quote;

impl Form {
    /// Why the text of `slot` does not hold, or `None` when it does (a
    /// blank optional field holds).
    pub fn check(&self, slot: Slot) -> Option<String> {
        let t = self.text(slot);
        let blank = t.trim().is_empty();
        let cur = self.currency.trim();
        let result = match slot {
            Slot::Name => fields::deal_name(t).map(drop),
            Slot::Currency => fields::currency(t).map(drop),
            Slot::Start => fields::start(t).map(drop),
            Slot::Usage | Slot::ApiUsage => Ok(()),
            Slot::Region(i, _) if self.region_blank(i) => Ok(()),
            Slot::Region(i, 0) if blank => Err(format!("region {}: expected a name", i + 1)),
            Slot::Region(_, 0) => Ok(()),
            Slot::Region(i, j) if blank => match j >= 2 && self.funnel_measured(i) {
                true => Ok(()),
                false => Err(format!(
                    "region {}: expected the {}",
                    i + 1,
                    REGION_FIELDS[j]
                )),
            },
            Slot::Region(i, _) => self.region(i).map(drop),
            Slot::Seats if blank => Err("expected the seats the vendor quotes".into()),
            Slot::Seats => fields::count(t, 1).map(drop),
            Slot::Price if blank => Ok(()),
            Slot::Price => fields::seat_price(t, cur).map(drop),
            Slot::Term => fields::term(t).map(drop),
            Slot::Uplift => fields::uplift(t).map(drop),
            Slot::ApiCommit => fields::api_commit(t, cur).map(drop),
        };
        result.err().map(|e| format!("{}: {e}", Form::label(slot)))
    }

    /// A blank field the form cannot do without (a blank region row holds
    /// until it is the only source of regions).
    pub(super) fn needs(&self, slot: Slot) -> bool {
        matches!(slot, Slot::Name | Slot::Seats | Slot::Region(_, 0))
            && self.text(slot).trim().is_empty()
    }

    /// Region `i` leaves its whole funnel to the usage file.
    fn funnel_measured(&self, i: usize) -> bool {
        !self.usage.trim().is_empty() && self.regions[i][2..].iter().all(|t| t.trim().is_empty())
    }

    fn region_blank(&self, i: usize) -> bool {
        self.regions[i].iter().all(|t| t.trim().is_empty())
    }

    /// Region `i` as far as it is typed: the funnel when all four figures
    /// are there, the funnel rule checked on the figures given so far.
    fn region(&self, i: usize) -> Result<RegionSpec, String> {
        let r = &self.regions[i];
        let name = r[0].trim().to_string();
        let figure = |j: usize| -> Result<Option<u64>, String> {
            match r[j].trim() {
                "" => Ok(None),
                t => fields::count(t, 0).map(Some),
            }
        };
        let headcount = figure(1)?.unwrap_or(0);
        let f = [figure(2)?, figure(3)?, figure(4)?, figure(5)?];
        let known = [Some(headcount), f[0], f[1], f[2], f[3]];
        let filled: Vec<(usize, u64)> = known
            .iter()
            .enumerate()
            .filter_map(|(k, v)| v.map(|v| (k, v)))
            .collect();
        for pair in filled.windows(2) {
            let [(hi_k, hi), (lo_k, lo)] = pair else {
                continue;
            };
            if lo > hi {
                return Err(format!(
                    "funnel of '{name}' out of order: expected {} ≤ {} ({hi}), found '{lo}'",
                    REGION_FIELDS[lo_k + 1],
                    REGION_FIELDS[hi_k + 1]
                ));
            }
        }
        let funnel = match f {
            [Some(provisioned), Some(mau), Some(wau), Some(dau)] => Some(FunnelSpec {
                provisioned,
                mau,
                wau,
                dau,
            }),
            _ => None,
        };
        Ok(RegionSpec {
            name,
            headcount,
            funnel,
        })
    }

    /// The request the form describes, or why it cannot be made yet (the
    /// first field at fault gets the cursor).
    pub(super) fn request(&mut self) -> Result<Request, String> {
        let slots = self.slots();
        if let Some((k, e)) = slots
            .iter()
            .enumerate()
            .find_map(|(k, s)| self.check(*s).map(|e| (k, e)))
        {
            self.focus = k;
            return Err(e);
        }
        let regions = (0..self.regions.len())
            .filter(|i| !self.region_blank(*i))
            .map(|i| self.region(i))
            .collect::<Result<Vec<_>, _>>()?;
        let usage = Some(self.usage.trim()).filter(|u| !u.is_empty());
        if regions.is_empty() && usage.is_none() {
            return Err(
                "expected a region (Ctrl-N adds one) or a usage file to measure them from".into(),
            );
        }
        let cur = fields::currency(&self.currency)?;
        let price = self.price.trim();
        Ok(Request {
            name: fields::deal_name(&self.name)?,
            start: fields::start(&self.start)?,
            regions,
            usage: usage.map(Into::into),
            api_usage: self.api_usage.split_whitespace().map(Into::into).collect(),
            quote: Quote {
                seats: fields::count(&self.seats, 1)?,
                seat_price: match price.is_empty() {
                    true => None,
                    false => Some(fields::seat_price(price, &cur)?),
                },
                term_months: fields::term(&self.term)?,
                uplift_pct: fields::uplift(&self.uplift)?,
                api_commit: fields::api_commit(&self.api_commit, &cur)?,
            },
            currency: cur,
        })
    }
}
