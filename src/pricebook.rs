//! The price book: list seat prices per tier and API prices per model.
//!
//! The built-in book is `assets/pricebook.toml`, embedded in the binary
//! ([`PriceBook::builtin`]); a scenario's `[pricebook]` table overrides it
//! field by field ([`PriceBook::apply`], in `apply.rs`). Amounts are read in
//! the deal currency. Beside it:
//!
//! * [`litellm`] — imports model prices exactly from LiteLLM's
//!   `model_prices_and_context_window.json`;
//! * [`write`] — writes imported models into a scenario's `[pricebook]`,
//!   keeping its comments and layout;
//! * [`edition`] — the dated editions of the built-in book, and a
//!   scenario's `edition` line set in its text.
//!
//! Nothing here reads or writes a file or prints: the `dealbench pricebook`
//! command over these is `crate::cli::pricebook`.
//!
//! SPEC.md §8 adds a model's one-hour cache write price and its
//! long-context prices ([`LongContext`]); [`PriceBook::ordinary_prices`] and
//! [`PriceBook::long_context_prices`] resolve every price the engine uses.
//!
//! To add a field, add it to the `allowed` lists in `apply/` (`tier.rs`,
//! `model.rs`), to [`Tier`] or [`Model`], and to the writers in
//! `report/pricebook.rs`.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use rust_decimal::Decimal;

pub(crate) mod apply;
pub mod edition;
pub mod litellm;
pub mod write;

/// The embedded built-in price book of the default edition (2026-02-15),
/// as shipped.
pub const BUILTIN_TOML: &str = include_str!("../assets/pricebook.toml");

/// A seat tier (Team, Enterprise).
#[derive(Debug, Clone, PartialEq)]
pub struct Tier {
    pub name: Option<String>,
    /// List price per seat-month, annual billing.
    pub seat_price: Decimal,
    /// How much more month-to-month billing costs, in percent.
    pub monthly_premium_pct: Decimal,
    /// The smallest seat count the tier sells (binds monthly billing).
    pub min_seats: u64,
    /// The list price is not published: an illustrative figure.
    pub illustrative: bool,
    /// Volume tiers (§6): at or above `min_seats`, `discount_pct` off list.
    pub volume: Vec<VolumeTier>,
}

/// A volume discount step of a tier (§6).
#[derive(Debug, Clone, PartialEq)]
pub struct VolumeTier {
    pub min_seats: u64,
    pub discount_pct: Decimal,
}

/// API list prices of one model, per million tokens.
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    pub name: Option<String>,
    pub input: Decimal,
    pub output: Decimal,
    /// Per-model cache write price; else input × cache_write_multiplier.
    pub cache_write: Option<Decimal>,
    /// Per-model cache read price; else input × cache_read_multiplier.
    pub cache_read: Option<Decimal>,
    /// Per-model one-hour cache write price (§8); else input ×
    /// cache_write_1h_multiplier.
    pub cache_write_1h: Option<Decimal>,
    /// Prices for requests in the 200k–1M context window (§8); None: the
    /// ordinary prices (no premium).
    pub long_context: Option<LongContext>,
    /// The LiteLLM entry the prices were imported from, if any.
    pub litellm: Option<String>,
    /// Prices of the Message Batches API of the model's own, where its list
    /// gives them; None: the ordinary prices less `batch_discount_pct`.
    pub batch: Option<Batch>,
    /// The price multiplier of US-only inference (`inference_geo = "us"`,
    /// 1.1 on Opus 4.6, Sonnet 4.6 and later); None: the model cannot run
    /// US-only.
    pub inference_geo_us: Option<Decimal>,
}

/// A model's own batch prices per million tokens, as written; an absent
/// one is the ordinary price less the book's `batch_discount_pct`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Batch {
    pub input: Option<Decimal>,
    pub output: Option<Decimal>,
    pub cache_write: Option<Decimal>,
    pub cache_write_1h: Option<Decimal>,
    pub cache_read: Option<Decimal>,
}

/// A model's long-context prices (§8), per million tokens, as written.
/// `input` and `output` default to the model's ordinary prices; a cache
/// price defaults to the long-context input × its multiplier when `input`
/// is set here, else to the model's ordinary cache price.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LongContext {
    pub input: Option<Decimal>,
    pub output: Option<Decimal>,
    pub cache_write: Option<Decimal>,
    pub cache_write_1h: Option<Decimal>,
    pub cache_read: Option<Decimal>,
}

/// Every price of a model in force at one context length, per million
/// tokens: what the engine multiplies volumes by.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Prices {
    pub input: Decimal,
    pub output: Decimal,
    /// 5-minute cache write.
    pub cache_write: Decimal,
    /// One-hour cache write.
    pub cache_write_1h: Decimal,
    pub cache_read: Decimal,
}

/// The price book in force for a scenario.
#[derive(Debug, Clone, PartialEq)]
pub struct PriceBook {
    /// The edition of the built-in book this one starts from.
    pub edition: String,
    /// Family ids (`opus`) and the versioned model each names (`opus-5-5`),
    /// in the book's order: the family's model is a copy of that version.
    pub families: Vec<(String, String)>,
    pub as_of: Option<NaiveDate>,
    pub sources: Vec<String>,
    pub cache_write_multiplier: Decimal,
    pub cache_read_multiplier: Decimal,
    /// One-hour cache write, × input price (§8).
    pub cache_write_1h_multiplier: Decimal,
    pub batch_discount_pct: Decimal,
    pub tiers: Vec<(String, Tier)>,
    pub models: Vec<(String, Model)>,
    /// Dotted keys a scenario set over the built-in book
    /// (`model.opus.input`), so a figure's origin can be told.
    pub overridden: BTreeSet<String>,
}

/// Upper bound of any price-book amount.
pub const MAX_PRICE: i64 = 1_000_000;

impl PriceBook {
    /// The built-in price book of the default edition (SPEC.md §2): what a
    /// file that names no edition is priced on.
    pub fn builtin() -> PriceBook {
        PriceBook::edition(edition::DEFAULT_EDITION).unwrap_or_else(PriceBook::empty)
    }

    /// The built-in price book of edition `id`, if there is one.
    pub fn edition(id: &str) -> Option<PriceBook> {
        let e = edition::find(id)?;
        let mut book = PriceBook::empty();
        // Every asset is tested to load; failure would be a build defect, and
        // the empty book's figures (all zero) would then be visible in tests.
        let _ = book.apply_source(e.file, e.toml, false);
        book.edition = e.id.to_string();
        book.overridden.clear();
        Some(book)
    }

    fn empty() -> PriceBook {
        PriceBook {
            edition: String::new(),
            families: Vec::new(),
            as_of: None,
            sources: Vec::new(),
            cache_write_multiplier: Decimal::ZERO,
            cache_read_multiplier: Decimal::ZERO,
            cache_write_1h_multiplier: Decimal::ZERO,
            batch_discount_pct: Decimal::ZERO,
            tiers: Vec::new(),
            models: Vec::new(),
            overridden: BTreeSet::new(),
        }
    }

    pub fn tier(&self, id: &str) -> Option<&Tier> {
        self.tiers.iter().find(|(t, _)| t == id).map(|(_, t)| t)
    }

    pub fn model(&self, id: &str) -> Option<&Model> {
        self.models.iter().find(|(m, _)| m == id).map(|(_, m)| m)
    }

    pub fn model_ids(&self) -> Vec<&str> {
        self.models.iter().map(|(m, _)| m.as_str()).collect()
    }

    pub fn model_mut(&mut self, id: &str) -> Option<&mut Model> {
        self.models
            .iter_mut()
            .find(|(m, _)| m == id)
            .map(|(_, m)| m)
    }

    /// Cache write price per million tokens for a model.
    pub fn cache_write(&self, m: &Model) -> Decimal {
        m.cache_write
            .unwrap_or_else(|| m.input * self.cache_write_multiplier)
    }

    /// Cache read price per million tokens for a model.
    pub fn cache_read(&self, m: &Model) -> Decimal {
        m.cache_read
            .unwrap_or_else(|| m.input * self.cache_read_multiplier)
    }

    /// One-hour cache write price per million tokens for a model (§8).
    pub fn cache_write_1h(&self, m: &Model) -> Decimal {
        m.cache_write_1h
            .unwrap_or_else(|| m.input * self.cache_write_1h_multiplier)
    }

    /// The model's prices at ordinary context lengths.
    pub fn ordinary_prices(&self, m: &Model) -> Prices {
        Prices {
            input: m.input,
            output: m.output,
            cache_write: self.cache_write(m),
            cache_write_1h: self.cache_write_1h(m),
            cache_read: self.cache_read(m),
        }
    }

    /// The model's prices in the 200k–1M context window (§8): its
    /// `long_context` figures, each absent one as [`LongContext`] says.
    pub fn long_context_prices(&self, m: &Model) -> Prices {
        let ordinary = self.ordinary_prices(m);
        let Some(lc) = &m.long_context else {
            return ordinary;
        };
        let derive = |own: Option<Decimal>, mult: Decimal, fallback: Decimal| {
            own.unwrap_or_else(|| lc.input.map_or(fallback, |i| i * mult))
        };
        Prices {
            input: lc.input.unwrap_or(m.input),
            output: lc.output.unwrap_or(m.output),
            cache_write: derive(
                lc.cache_write,
                self.cache_write_multiplier,
                ordinary.cache_write,
            ),
            cache_write_1h: derive(
                lc.cache_write_1h,
                self.cache_write_1h_multiplier,
                ordinary.cache_write_1h,
            ),
            cache_read: derive(
                lc.cache_read,
                self.cache_read_multiplier,
                ordinary.cache_read,
            ),
        }
    }

    /// The versioned model a family id names in this book (`opus` →
    /// `opus-5-5`), if `id` is a family id.
    pub fn family_version(&self, id: &str) -> Option<&str> {
        self.families
            .iter()
            .find(|(f, _)| f == id)
            .map(|(_, v)| v.as_str())
    }

    /// The model's batch prices at one context length, from the prices in
    /// force there (`p`): its own where it has them (ordinary context
    /// only), else `p` less `batch_discount_pct`. None when the model
    /// lists no batch price of its own: the caller then applies the §3
    /// discount to the whole cost, exactly as §3 writes it.
    pub fn batch_prices(&self, m: &Model, p: &Prices, ordinary: bool) -> Option<Prices> {
        let b = m.batch.as_ref()?;
        let off = Decimal::ONE - self.batch_discount_pct / Decimal::ONE_HUNDRED;
        let own = |x: Option<Decimal>, base: Decimal| match x {
            Some(v) if ordinary => v,
            _ => base * off,
        };
        Some(Prices {
            input: own(b.input, p.input),
            output: own(b.output, p.output),
            cache_write: own(b.cache_write, p.cache_write),
            cache_write_1h: own(b.cache_write_1h, p.cache_write_1h),
            cache_read: own(b.cache_read, p.cache_read),
        })
    }

    /// True when the scenario set this dotted key itself.
    pub fn is_overridden(&self, key: &str) -> bool {
        self.overridden.contains(key)
    }
}

/// Whether `id` can name a tier or model: lowercase ASCII letters, digits,
/// '-', '_' or '.'.
pub fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.chars().all(|c| {
            c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_' || c == '.'
        })
}
