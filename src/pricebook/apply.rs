//! Reading price-book TOML onto a [`PriceBook`]: the built-in asset and a
//! scenario's `[pricebook]` table, field by field, with every problem
//! reported at its place in the file. To accept a new field, list it in the
//! table's `allowed` keys below and read it in the matching `apply_*`.

use rust_decimal::Decimal;

use super::{Batch, LongContext, MAX_PRICE, Model, PriceBook, Tier, VolumeTier, valid_id};
use crate::diag::Diagnostics;
use crate::scenario::reader::{Ctx, Fields, Tbl};

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
/// The fields of a `[pricebook.tier.ID]` (docs/format.md#pricebook-tier).
pub const TIER: &[&str] = &[
    "name",
    "seat_price",
    "monthly_premium_pct",
    "min_seats",
    "illustrative",
    "volume",
];
/// The fields of a `[pricebook.model.ID]` (docs/format.md#pricebook-model).
pub const MODEL: &[&str] = &[
    "name",
    "input",
    "output",
    "cache_write",
    "cache_read",
    "cache_write_1h",
    "long_context",
    "batch",
    "inference_geo_us",
    "litellm",
];
const LONG_CONTEXT: &[&str] = &[
    "input",
    "output",
    "cache_write",
    "cache_write_1h",
    "cache_read",
];
const VOLUME: &[&str] = &["min_seats", "discount_pct"];

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

    fn apply_tier(&mut self, id: &str, f: &Fields<'_, '_>) -> Vec<&'static str> {
        let mut changed = Vec::new();
        let pos = match self.tiers.iter().position(|(t, _)| t == id) {
            Some(p) => p,
            None => {
                if !f.has("seat_price") {
                    f.missing("seat_price", "the list price per seat-month of a new tier");
                }
                self.tiers.push((
                    id.to_string(),
                    Tier {
                        name: None,
                        seat_price: Decimal::ZERO,
                        monthly_premium_pct: Decimal::ZERO,
                        min_seats: 0,
                        illustrative: false,
                        volume: Vec::new(),
                    },
                ));
                self.tiers.len() - 1
            }
        };
        let tier = &mut self.tiers[pos].1;
        if let Some(s) = f.string("name") {
            tier.name = Some(s.value);
        }
        if let Some(v) = f.decimal(
            "seat_price",
            Decimal::ZERO,
            Decimal::from(MAX_PRICE),
            "a price per seat-month",
        ) {
            tier.seat_price = v.value;
            tier.illustrative = false;
            changed.push("seat_price");
        }
        if let Some(v) = f.decimal(
            "monthly_premium_pct",
            Decimal::ZERO,
            Decimal::from(1000),
            "a number of percent",
        ) {
            tier.monthly_premium_pct = v.value;
            changed.push("monthly_premium_pct");
        }
        if let Some(v) = f.whole("min_seats", 0, 10_000_000, "seats") {
            tier.min_seats = v.value;
            changed.push("min_seats");
        }
        if let Some(v) = f.boolean("illustrative") {
            tier.illustrative = v.value;
        }
        if f.has("volume") {
            tier.volume = read_volume(f);
            changed.push("volume");
        }
        changed
    }

    fn apply_model(&mut self, id: &str, f: &Fields<'_, '_>) -> Vec<&'static str> {
        let mut changed = Vec::new();
        let pos = match self.models.iter().position(|(m, _)| m == id) {
            Some(p) => p,
            None => {
                for key in ["input", "output"] {
                    if !f.has(key) {
                        f.missing(key, "the price per million tokens of a new model");
                    }
                }
                self.models.push((
                    id.to_string(),
                    Model {
                        name: None,
                        input: Decimal::ZERO,
                        output: Decimal::ZERO,
                        cache_write: None,
                        cache_read: None,
                        cache_write_1h: None,
                        long_context: None,
                        litellm: None,
                        batch: None,
                        inference_geo_us: None,
                    },
                ));
                self.models.len() - 1
            }
        };
        let model = &mut self.models[pos].1;
        let price = |key: &str| {
            f.decimal(
                key,
                Decimal::ZERO,
                Decimal::from(MAX_PRICE),
                "a price per million tokens",
            )
        };
        if let Some(s) = f.string("name") {
            model.name = Some(s.value);
        }
        if let Some(s) = f.string("litellm") {
            model.litellm = Some(s.value);
        }
        if let Some(v) = price("input") {
            model.input = v.value;
            changed.push("input");
        }
        if let Some(v) = price("output") {
            model.output = v.value;
            changed.push("output");
        }
        if let Some(v) = price("cache_write") {
            model.cache_write = Some(v.value);
            changed.push("cache_write");
        }
        if let Some(v) = price("cache_read") {
            model.cache_read = Some(v.value);
            changed.push("cache_read");
        }
        if let Some(v) = price("cache_write_1h") {
            model.cache_write_1h = Some(v.value);
            changed.push("cache_write_1h");
        }
        if let Some(v) = f.decimal(
            "inference_geo_us",
            Decimal::ONE,
            Decimal::from(10),
            "the price multiplier of US-only inference",
        ) {
            model.inference_geo_us = Some(v.value);
            changed.push("inference_geo_us");
        }
        if let Some((span, t)) = f.table("batch") {
            let what = format!("`batch` of {}", f.what());
            let bf = Fields::new(f.ctx(), t, &what, LONG_CONTEXT, span);
            let b = model.batch.get_or_insert_with(Batch::default);
            for (key, slot) in [
                ("input", &mut b.input),
                ("output", &mut b.output),
                ("cache_write", &mut b.cache_write),
                ("cache_write_1h", &mut b.cache_write_1h),
                ("cache_read", &mut b.cache_read),
            ] {
                if let Some(v) = bf.decimal(
                    key,
                    Decimal::ZERO,
                    Decimal::from(MAX_PRICE),
                    "a price per million tokens",
                ) {
                    *slot = Some(v.value);
                    changed.push(batch_key(key));
                }
            }
        }
        if let Some((span, t)) = f.table("long_context") {
            let what = format!("`long_context` of {}", f.what());
            let lf = Fields::new(f.ctx(), t, &what, LONG_CONTEXT, span);
            let lc = model.long_context.get_or_insert_with(LongContext::default);
            for (key, slot) in [
                ("input", &mut lc.input),
                ("output", &mut lc.output),
                ("cache_write", &mut lc.cache_write),
                ("cache_write_1h", &mut lc.cache_write_1h),
                ("cache_read", &mut lc.cache_read),
            ] {
                if let Some(v) = lf.decimal(
                    key,
                    Decimal::ZERO,
                    Decimal::from(MAX_PRICE),
                    "a price per million tokens",
                ) {
                    *slot = Some(v.value);
                    changed.push(long_key(key));
                }
            }
        }
        changed
    }
}

/// The dotted key of a long-context price, for `overridden`.
fn long_key(key: &str) -> &'static str {
    match key {
        "input" => "long_context.input",
        "output" => "long_context.output",
        "cache_write" => "long_context.cache_write",
        "cache_write_1h" => "long_context.cache_write_1h",
        _ => "long_context.cache_read",
    }
}

/// The dotted key of a batch price, for `overridden`.
fn batch_key(key: &str) -> &'static str {
    match key {
        "input" => "batch.input",
        "output" => "batch.output",
        "cache_write" => "batch.cache_write",
        "cache_write_1h" => "batch.cache_write_1h",
        _ => "batch.cache_read",
    }
}

fn read_volume(f: &Fields<'_, '_>) -> Vec<VolumeTier> {
    let mut out: Vec<VolumeTier> = Vec::new();
    for (span, t) in f.tables("volume") {
        let vf = Fields::new(
            f.ctx(),
            t,
            &format!("{} volume tier", f.what()),
            VOLUME,
            span,
        );
        let min = vf.whole("min_seats", 0, 10_000_000, "seats");
        let disc = vf.decimal(
            "discount_pct",
            Decimal::ZERO,
            Decimal::ONE_HUNDRED,
            "a number of percent",
        );
        if !vf.has("min_seats") {
            vf.missing("min_seats", "the seat count the discount starts at");
        }
        if !vf.has("discount_pct") {
            vf.missing("discount_pct", "the discount off list in percent");
        }
        if let (Some(min), Some(disc)) = (min, disc) {
            if out.last().is_some_and(|p| p.min_seats >= min.value) {
                vf.error("min_seats", format!("volume tiers must rise in `min_seats`, found '{}' after a tier at or above it", min.value));
            }
            out.push(VolumeTier {
                min_seats: min.value,
                discount_pct: disc.value,
            });
        }
    }
    out
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
