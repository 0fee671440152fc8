//! Reading price-book TOML onto a [`PriceBook`]: the built-in asset and a
//! scenario's `[pricebook]` table, field by field, with every problem
//! reported at its place in the file. To accept a new field, list it in the
//! table's `allowed` keys and read it in the matching `apply_*`: the book's
//! own keys and its families here, a tier's in [`tier`], a model's in
//! [`model`].

mod model;
mod tier;

use rust_decimal::Decimal;

use super::{PriceBook, valid_id};
use crate::diag::Diagnostics;
use crate::reader::{Ctx, Fields, Tbl};
pub use model::MODEL;
pub use tier::TIER;

/// The keys of a `[pricebook]` table.
pub(crate) const TOP: &[&str] = &[
    "edition",
    "as_of",
    "sources",
    "note",
    "cache_write_multiplier",
    "cache_read_multiplier",
    "cache_write_1h_multiplier",
    "batch_discount_pct",
    "tier",
    "model",
    "family",
];

impl PriceBook {
    /// Apply a whole TOML document holding a price book at its top level.
    pub fn apply_source(&mut self, file: &str, src: &str, track: bool) -> Result<(), Diagnostics> {
        let ctx = Ctx::new(file, src);
        match toml_edit::Document::parse(src) {
            Ok(doc) => {
                let f = Fields::new(
                    &ctx,
                    Tbl::Table(doc.as_table()),
                    "the price book",
                    TOP,
                    0..0,
                );
                self.apply(&f, track);
            }
            Err(e) => ctx.error(e.span().unwrap_or(0..0), e.message().to_string()),
        }
        ctx.finish(())
    }

    /// Override this book with the fields of a `[pricebook]` table; with
    /// `track`, remember which fields were set.
    pub fn apply(&mut self, f: &Fields<'_, '_>, track: bool) {
        let mut changed: Vec<String> = Vec::new();
        let mut set = |key: String| changed.push(key);
        // A scenario's edition chose the book before it was applied
        // (scenario/load.rs); the asset names its own.
        if let Some(e) = f.string("edition")
            && !track
        {
            self.edition = e.value;
        }
        if let Some(d) = f.date("as_of") {
            self.as_of = Some(d.value);
            set("as_of".into());
        }
        if let Some(s) = f.strings("sources") {
            self.sources = s.value;
            set("sources".into());
        }
        let _ = f.string("note");
        let mult = Decimal::from(100);
        if let Some(v) = f.decimal(
            "cache_write_multiplier",
            Decimal::ZERO,
            mult,
            "a multiple of the input price",
        ) {
            self.cache_write_multiplier = v.value;
            set("cache_write_multiplier".into());
        }
        if let Some(v) = f.decimal(
            "cache_read_multiplier",
            Decimal::ZERO,
            mult,
            "a multiple of the input price",
        ) {
            self.cache_read_multiplier = v.value;
            set("cache_read_multiplier".into());
        }
        if let Some(v) = f.decimal(
            "cache_write_1h_multiplier",
            Decimal::ZERO,
            mult,
            "a multiple of the input price",
        ) {
            self.cache_write_1h_multiplier = v.value;
            set("cache_write_1h_multiplier".into());
        }
        if let Some(v) = f.decimal(
            "batch_discount_pct",
            Decimal::ZERO,
            Decimal::ONE_HUNDRED,
            "a number of percent",
        ) {
            self.batch_discount_pct = v.value;
            set("batch_discount_pct".into());
        }
        if let Some((span, t)) = f.table("tier") {
            for (id, kspan, node) in t.entries() {
                let Some(tt) = node.table() else {
                    f.ctx().error(
                        kspan,
                        format!(
                            "`tier.{id}` in the price book must be a table, found {}",
                            node.kind()
                        ),
                    );
                    continue;
                };
                let known: Vec<&str> = self.tiers.iter().map(|(t, _)| t.as_str()).collect();
                if !known.contains(&id)
                    && let Some(close) = crate::diag::suggest(id, &known)
                {
                    f.ctx().error(
                            kspan,
                            format!(
                                "unknown tier '{id}' in [pricebook.tier]: did you mean '{close}'? (a new tier needs a name of its own)"
                            ),
                        );
                    continue;
                }
                let what = format!("[pricebook.tier.{id}]");
                let tf = Fields::new(f.ctx(), tt, &what, TIER, span.clone());
                for key in self.apply_tier(id, &tf) {
                    set(format!("tier.{id}.{key}"));
                }
            }
        }
        if let Some((span, t)) = f.table("model") {
            for (id, kspan, node) in t.entries() {
                let Some(mt) = node.table() else {
                    f.ctx().error(
                        kspan,
                        format!(
                            "`model.{id}` in the price book must be a table, found {}",
                            node.kind()
                        ),
                    );
                    continue;
                };
                if !valid_id(id) {
                    f.ctx().error(
                        kspan.clone(),
                        format!(
                            "model id '{id}' must be lowercase letters, digits, '-', '_' or '.'"
                        ),
                    );
                }
                let what = format!("[pricebook.model.{id}]");
                let mf = Fields::new(f.ctx(), mt, &what, MODEL, span.clone());
                for key in self.apply_model(id, &mf) {
                    set(format!("model.{id}.{key}"));
                }
            }
        }
        self.apply_families(f, &changed);
        if track {
            self.overridden.extend(changed);
        }
    }

    /// `[pricebook.family]`: each family id names a versioned model of the
    /// book (`opus = "opus-5-5"`). A family model is a copy of its version,
    /// made again after every table applied, unless that table set the
    /// family model's own prices (`changed` holds `model.opus.…`).
    fn apply_families(&mut self, f: &Fields<'_, '_>, changed: &[String]) {
        if let Some((span, t)) = f.table("family") {
            let keys: Vec<&str> = t.entries().into_iter().map(|(k, _, _)| k).collect();
            let ff = Fields::new(f.ctx(), t, "[pricebook.family]", &keys, span);
            for id in keys {
                let Some(v) = ff.string(id) else { continue };
                if !valid_id(id) {
                    ff.error(
                        id,
                        format!(
                            "family id '{id}' must be lowercase letters, digits, '-', '_' or '.'"
                        ),
                    );
                    continue;
                }
                let names_family = self.families.iter().any(|(fam, _)| *fam == v.value);
                if v.value == id || names_family || self.model(&v.value).is_none() {
                    let known: Vec<&str> = self
                        .model_ids()
                        .into_iter()
                        .filter(|m| self.family_version(m).is_none() && *m != id)
                        .collect();
                    let hint = crate::diag::suggest(&v.value, &known)
                        .map(|c| format!(" (did you mean '{c}'?)"))
                        .unwrap_or_default();
                    f.ctx().error(
                        v.span,
                        format!(
                            "family '{id}' in [pricebook.family] must name a versioned model of the book, found '{}'{hint}",
                            v.value
                        ),
                    );
                    continue;
                }
                match self.families.iter_mut().find(|(fam, _)| fam == id) {
                    Some(slot) => slot.1 = v.value,
                    None => self.families.push((id.to_string(), v.value)),
                }
            }
        }
        let own = |fam: &str| {
            let prefix = format!("model.{fam}.");
            changed.iter().any(|k| k.starts_with(&prefix))
        };
        for pos in 0..self.families.len() {
            let (fam, version) = self.families[pos].clone();
            if own(&fam) {
                continue;
            }
            let Some(copy) = self.model(&version).cloned() else {
                continue;
            };
            match self.models.iter().position(|(m, _)| *m == fam) {
                Some(p) => self.models[p].1 = copy,
                None => self.models.insert(pos.min(self.models.len()), (fam, copy)),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_builtin_asset_loads_without_diagnostics() {
        let mut book = PriceBook::empty();
        let loaded = book.apply_source("assets/pricebook.toml", super::super::BUILTIN_TOML, false);
        assert_eq!(loaded, Ok(()));
        assert_eq!(book.model_ids(), vec!["opus", "sonnet", "haiku"]);
        assert!(book.tier("enterprise").is_some_and(|t| t.illustrative));
    }

    #[test]
    fn every_edition_loads_without_diagnostics_and_names_itself() {
        for e in crate::pricebook::edition::EDITIONS {
            let mut book = PriceBook::empty();
            assert_eq!(book.apply_source(e.file, e.toml, false), Ok(()), "{}", e.id);
            assert_eq!(book.edition, e.id);
            assert!(book.model("opus").is_some(), "{}", e.id);
        }
        let latest = PriceBook::edition(crate::pricebook::edition::latest()).unwrap();
        assert_eq!(
            &latest.model_ids()[..5],
            &["fable", "opus", "sonnet", "haiku", "fable-5-1"]
        );
    }

    #[test]
    fn long_context_and_one_hour_prices_default_and_override() {
        let dec = |s: &str| Decimal::from_str_exact(s).unwrap();
        let book = PriceBook::builtin();
        let sonnet = book.model("sonnet").unwrap();
        assert_eq!(book.cache_write_1h(sonnet), dec("6"));
        let lc = book.long_context_prices(sonnet);
        assert_eq!(
            (
                lc.input,
                lc.output,
                lc.cache_write,
                lc.cache_write_1h,
                lc.cache_read
            ),
            (dec("6"), dec("22.5"), dec("7.5"), dec("12"), dec("0.6"))
        );
        let haiku = book.model("haiku").unwrap();
        assert_eq!(book.long_context_prices(haiku), book.ordinary_prices(haiku));
        let mut over = PriceBook::builtin();
        let src = "[model.sonnet]\ncache_write_1h = 7\nlong_context = { output = 30, cache_read = 0.5 }\n";
        assert_eq!(over.apply_source("p.toml", src, true), Ok(()));
        let s = over.model("sonnet").unwrap();
        let lc = over.long_context_prices(s);
        assert_eq!(over.cache_write_1h(s), dec("7"));
        assert_eq!(
            (lc.input, lc.output, lc.cache_write, lc.cache_read),
            (dec("6"), dec("30"), dec("7.5"), dec("0.5"))
        );
        assert!(over.is_overridden("model.sonnet.long_context.output"));
        assert!(over.is_overridden("model.sonnet.cache_write_1h"));
    }
}
