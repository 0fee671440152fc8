//! Compare: every offer side by side; choose a column, scroll, mark the
//! offer to walk from, put an offer on the table.

use crate::tui::action::Action;
use crate::tui::compare;
use crate::tui::model::{Mode, Model};

/// Keys in Compare: choose a column, scroll, put an offer on the table.
pub fn compare(m: &mut Model, action: Action) {
    let Mode::Compare { col, row, diff } = m.mode else {
        return;
    };
    let cols = m.eval.outcomes.len();
    let rows = compare::rows(m).len();
    m.mode = match action {
        Action::Step { steps, .. } => Mode::Compare {
            col: (col as i64 + steps).clamp(0, cols as i64 - 1) as usize,
            row,
            diff,
        },
        Action::Up => Mode::Compare {
            col,
            row: row.saturating_sub(1),
            diff,
        },
        Action::Down => Mode::Compare {
            col,
            row: (row + 1).min(rows.saturating_sub(1)),
            diff,
        },
        Action::Char('v') => Mode::Compare {
            col,
            row,
            diff: !diff,
        },
        Action::Char('m') => {
            m.compare_from = Some(col);
            m.toast = Some(format!(
                "walk from '{}': D shows what drove the difference",
                m.eval.outcomes[col].offer.name
            ));
            Mode::Compare { col, row, diff }
        }
        Action::Char('D') => {
            let from = m.compare_from.unwrap_or(m.eval.reference);
            let compare = Mode::Compare { col, row, diff };
            super::power::open_drivers(m, from, col);
            if matches!(m.mode, Mode::Drivers { .. }) {
                // Esc in the drivers view goes back to Compare.
                m.drivers_back = Some(Box::new(compare));
            }
            return;
        }
        Action::Enter => {
            m.table = col;
            m.lever = 0;
            Mode::Normal
        }
        Action::Cancel => Mode::Normal,
        _ => Mode::Compare { col, row, diff },
    };
}
