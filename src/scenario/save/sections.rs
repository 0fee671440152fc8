//! Writing the authored sections ([`Sections`]) back into the file's own
//! text: `[deal]`, `[fx]`, `[[region]]`, `[[workload]]` and
//! `[uncertainty]`, each key only where its value changed, comments and
//! layout kept. A table the file lacks is added where SPEC.md §1 puts it
//! (`[fx]` after `[deal]`, the first `[[workload]]` after the regions,
//! `[uncertainty]` at the end); a table removed takes its own comments.

use rust_decimal::Decimal;
use toml_edit::{DocumentMut, Item, Table};

use super::deal::{deal_fields, uncertainty_fields};
use super::layout::{remove_key, set_field};
use super::regions::{region_fields, workload_fields};
use super::rows::{end_of, insert_table_after, new_table, update_row, write_rows};
use super::tables::{last_position, remove_table};
use super::{SaveTextError, decimal, keep_line_ends, parse};
use crate::scenario::authored::{Rows, Sections};
use crate::scenario::model::{OfferSpec, Scenario};

/// `source` (which holds `before` exactly) with the sections changed to
/// `after`; `rows` says which table each row of `after` was loaded from.
pub fn write_sections(
    source: &str,
    before: &Sections,
    after: &Sections,
    rows: &Rows,
) -> Result<String, SaveTextError> {
    let mut doc = parse(source)?;
    if before == after && rows == &Rows::loaded(before) {
        return Ok(keep_line_ends(source, doc.to_string()));
    }
    if before.deal != after.deal {
        let Some(deal) = doc.get_mut("deal").and_then(Item::as_table_mut) else {
            return Err(SaveTextError::Inline("deal"));
        };
        update_row(deal, &deal_fields(&before.deal), &deal_fields(&after.deal));
    }
    write_fx(&mut doc, &before.fx, &after.fx)?;
    let deal_end = end_of(&doc, "fx").or_else(|| end_of(&doc, "deal"));
    let region = |r: &crate::scenario::model::Region| region_fields(r, &after.deal);
    let (b, a) = (&before.regions, &after.regions);
    write_rows(
        &mut doc,
        "region",
        b,
        a,
        &rows.regions,
        region,
        deal_end.unwrap_or(0),
    )?;
    let region_end = end_of(&doc, "region").or(deal_end).unwrap_or(0);
    let (b, a) = (&before.workloads, &after.workloads);
    write_rows(
        &mut doc,
        "workload",
        b,
        a,
        &rows.workloads,
        workload_fields,
        region_end,
    )?;
    write_uncertainty(&mut doc, before, after)?;
    Ok(keep_line_ends(source, doc.to_string()))
}

/// `[fx]`: a changed rate in place, a new currency after the others, a
/// removed one with its line's own comment; a first rate adds the table
/// after `[deal]`, the last one removed takes the table.
fn write_fx(
    doc: &mut DocumentMut,
    before: &[(String, Decimal)],
    after: &[(String, Decimal)],
) -> Result<(), SaveTextError> {
    if before == after {
        return Ok(());
    }
    if after.is_empty() {
        remove_table(doc, "fx");
        return Ok(());
    }
    if doc.get("fx").is_none() {
        let at = end_of(doc, "deal").unwrap_or(0);
        insert_table_after(doc, "fx", Table::new(), at);
    }
    let Some(fx) = doc.get_mut("fx").and_then(Item::as_table_mut) else {
        return Err(SaveTextError::Inline("fx"));
    };
    let order: Vec<&str> = after.iter().map(|(c, _)| c.as_str()).collect();
    for (code, _) in before.iter().filter(|(c, _)| !order.contains(&c.as_str())) {
        remove_key(fx, code);
    }
    for (code, rate) in after {
        let was = before.iter().find(|(c, _)| c == code).map(|(_, r)| *r);
        if was != Some(*rate) {
            set_field(fx, code, Some(decimal(*rate)), &order);
        }
    }
    Ok(())
}

/// `[uncertainty]` added at the end of the file, edited in place, or
/// removed with its own comments.
fn write_uncertainty(
    doc: &mut DocumentMut,
    before: &Sections,
    after: &Sections,
) -> Result<(), SaveTextError> {
    match (&before.uncertainty, &after.uncertainty) {
        (Some(_), None) => remove_table(doc, "uncertainty"),
        (None, Some(u)) => {
            let mut table = new_table(&uncertainty_fields(u));
            table.decor_mut().set_prefix("\n");
            let last = last_position(doc.as_table()).unwrap_or(0);
            insert_table_after(doc, "uncertainty", table, last);
        }
        (Some(b), Some(a)) if b != a => {
            let Some(t) = doc.get_mut("uncertainty").and_then(Item::as_table_mut) else {
                return Err(SaveTextError::Inline("uncertainty"));
            };
            update_row(t, &uncertainty_fields(b), &uncertainty_fields(a));
        }
        _ => {}
    }
    Ok(())
}

/// What a file held when it was loaded or last saved: the text and the
/// values a save writes the differences from.
#[derive(Debug, Clone, PartialEq)]
pub struct Baseline<'a> {
    pub source: &'a str,
    pub offers: &'a [OfferSpec],
    pub sections: &'a Sections,
    /// How many `[[log]]` entries the file holds; later ones are new.
    pub log: usize,
}

impl Baseline<'_> {
    /// The file's text with the scenario changed to `now` (its rows where
    /// `rows` says): the offers, the sections, the log entries added.
    pub fn text(&self, now: &Scenario, rows: &Rows) -> Result<String, SaveTextError> {
        let new_log = &now.log[self.log.min(now.log.len())..];
        let targets = (now.deal.target_total, now.deal.walk_away_total);
        let text = super::write_offers(self.source, self.offers, &now.offers)?;
        let text = write_sections(&text, self.sections, &Sections::of(now), rows)?;
        super::write_deal_and_log(&text, targets, new_log)
    }
}
