//! `dealbench usage --sql` and `--from-funnel`: the funnel computed in a
//! warehouse, from the query it runs to the result read back.

use std::io::Write;
use std::path::Path;

use super::{Failure, UsageArgs, bad_input, io_failure, print, write_scenario};
use crate::diag::sanitize;
use crate::style::Style;
use crate::usage::dates::Zone;
use crate::usage::sql::{DateType, Dialect, SqlOptions, funnel_query};

/// `--sql`: the funnel query on stdout.
pub(super) fn print_sql(args: &UsageArgs, dialect: Dialect) -> Result<(), Failure> {
    let date_type = args.date_type.unwrap_or_default();
    let default_date = match date_type {
        DateType::Date => "date",
        _ => "timestamp",
    };
    let options = SqlOptions {
        dialect,
        events: args.events_table.clone().unwrap_or_else(|| "events".into()),
        roster: args.roster.as_ref().map(|r| r.display().to_string()),
        user_col: args.user_col.clone().unwrap_or_else(|| "user".into()),
        region_col: args.region_col.clone().unwrap_or_else(|| "region".into()),
        date_col: args.date_col.clone().unwrap_or_else(|| default_date.into()),
        date_type,
        order_col: args.order_col.clone(),
        as_of: args.as_of,
        zone: args.tz.unwrap_or(Zone::UTC),
    };
    let mut out = std::io::stdout().lock();
    out.write_all(funnel_query(&options).as_bytes())
        .and_then(|()| out.flush())
        .map_err(io_failure)
}

/// `--from-funnel`: a funnel measured elsewhere, printed and written as
/// if measured here.
pub(super) fn from_result(args: &UsageArgs, path: &Path) -> Result<(), Failure> {
    let result = crate::usage::from_funnel::read(path).map_err(bad_input)?;
    let funnel = &result.funnel;
    if funnel.total.provisioned == 0 {
        return Err(bad_input(format!(
            "error: {}: no seat holders in the result",
            sanitize(&path.display().to_string())
        )));
    }
    print(args, funnel, &path.display().to_string())?;
    let Some(scenario) = &args.write else {
        return Ok(());
    };
    let name = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let source = match &result.source {
        Some(query) => format!("{query}, result {name}"),
        None => format!("funnel result {name}"),
    };
    write_scenario(scenario, funnel, &source, Style::for_stderr())
}
