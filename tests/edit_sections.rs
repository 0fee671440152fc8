//! Editing the deal, regions, workloads, FX and `[uncertainty]` from typed
//! text (`scenario::edit`): each edit is exact or refused in the loader's
//! words, and a save writes only the lines the edit implies — comments,
//! order and every other table stay byte for byte.

use dealbench::scenario::authored::{Rows, Sections};
use dealbench::scenario::edit::{
    DealField, Edit, Edited, RegionField, UncertaintyField, WorkloadField, attempt,
};
use dealbench::scenario::save::{Baseline, SaveTextError};
use dealbench::scenario::{Scenario, parse_str};

mod common;
use common::diff::diff;

const DEMO: &str = include_str!("../assets/demo.toml");

/// A file being edited: its text and values as loaded, and the state now.
struct Session {
    source: String,
    saved: Scenario,
    now: Edited,
}

impl Session {
    fn open(source: &str) -> Session {
        let saved = parse_str("deal.toml", source).unwrap();
        let rows = Rows::loaded(&Sections::of(&saved));
        Session {
            source: source.to_string(),
            now: Edited {
                scenario: saved.clone(),
                rows,
            },
            saved,
        }
    }

    fn text_of(&self, s: &Scenario, rows: &Rows) -> Result<String, SaveTextError> {
        let sections = Sections::of(&self.saved);
        let base = Baseline {
            source: &self.source,
            offers: &self.saved.offers,
            sections: &sections,
            log: self.saved.log.len(),
        };
        base.text(s, rows)
    }

    /// Apply `edit`; the loader's reason when it refuses.
    fn edit(&mut self, edit: Edit) -> Result<(), String> {
        let now = &self.now;
        let next = attempt(&now.scenario, &now.rows, &edit, |s, r| self.text_of(s, r))?;
        self.now = next;
        Ok(())
    }

    fn ok(&mut self, edit: Edit) -> &mut Self {
        if let Err(e) = self.edit(edit.clone()) {
            panic!("{edit:?} refused: {e}");
        }
        self
    }

    /// The saved text, checked to load as the edited scenario.
    fn save(&self) -> String {
        let text = self.text_of(&self.now.scenario, &self.now.rows).unwrap();
        let back = parse_str("deal.toml", &text).unwrap();
        assert_eq!(Sections::of(&back), Sections::of(&self.now.scenario));
        text
    }
}

fn region(i: usize, f: RegionField, text: &str) -> Edit {
    Edit::Region(i, f, text.into())
}

/// The lines of `after` not in `before` and of `before` not in `after`,
/// in order, as `+line` / `-line` (the diff without line numbers).
fn changes(before: &str, after: &str) -> Vec<String> {
    diff(before.trim_end(), after.trim_end())
        .into_iter()
        .map(|l| {
            let (sign, rest) = l.split_at(1);
            let text = rest.split_once(' ').map_or("", |(_, t)| t);
            format!("{sign}{text}")
        })
        .collect()
}

#[test]
fn a_funnel_figure_is_one_line_and_the_funnel_rule_is_the_loaders() {
    let mut s = Session::open(DEMO);
    s.ok(region(0, RegionField::Mau, "800"));
    assert_eq!(changes(DEMO, &s.save()), ["-mau = 760", "+mau = 800"]);
    let refused = s.edit(region(0, RegionField::Wau, "900")).unwrap_err();
    assert_eq!(
        refused,
        "funnel out of order in [[region]] 'na': expected wau ≤ mau (800), found wau = '900'"
    );
    let refused = s.edit(region(0, RegionField::Dau, "1.5")).unwrap_err();
    assert_eq!(refused, "expected a whole number for dau, found '1.5'");
    assert_eq!(
        s.now.scenario.regions[0].wau, 610,
        "a refused edit changes nothing"
    );
}

#[test]
fn a_new_region_and_workload_are_appended_after_their_kind() {
    let mut s = Session::open(DEMO);
    s.ok(Edit::AddRegion)
        .ok(region(3, RegionField::Id, "apac"))
        .ok(region(3, RegionField::Headcount, "300"))
        .ok(region(3, RegionField::Provisioned, "120"))
        .ok(Edit::AddWorkload)
        .ok(Edit::Workload(3, WorkloadField::Input, "40".into()));
    let text = s.save();
    let region = "requires = [\"jp_residency\"]\n\n[[region]]\nid = \"apac\"\nheadcount = 300\nprovisioned = 120\nmau = 0\nwau = 0\ndau = 0\n\n[[workload]]\nname = \"support-assistant\"";
    let workload = "route = { sonnet = 1.0 }\n\n[[workload]]\nname = \"workload-1\"\ninput_mtok = 40\noutput_mtok = 0\n\n[[offer]]";
    assert!(text.contains(region), "{text}");
    assert!(text.contains(workload), "{text}");
    assert_eq!(changes(DEMO, &text).len(), 13, "{text}");
}

#[test]
fn a_removed_region_takes_its_own_comments_and_renames_follow_into_offers() {
    let src = DEMO
        .replace(
            "[[region]]\nid = \"jp\"",
            "# Japan goes live mid-year.\n[[region]]\nid = \"jp\"",
        )
        .replace(
            "[[offer]]\nname = \"Vendor quote\"",
            "[[offer]]\nname = \"Vendor quote\"\n[offer.regional_price]\nemea = 55",
        );
    // `[offer.regional_price]` must come after the offer's own keys.
    let src = src.replacen(
        "[[offer]]\nname = \"Vendor quote\"\n[offer.regional_price]\nemea = 55\nby = \"vendor\"",
        "[[offer]]\nname = \"Vendor quote\"\nby = \"vendor\"",
        1,
    );
    let src = src.replacen(
        "terms = [\"no_training\", \"sso\", \"scim\", \"audit_log\", \"us_residency\"]\n",
        "terms = [\"no_training\", \"sso\", \"scim\", \"audit_log\", \"us_residency\"]\n\n[offer.regional_price]\nemea = 55   # euro list\n",
        1,
    );
    let mut s = Session::open(&src);
    s.ok(region(1, RegionField::Id, "eu"));
    let renamed = s.save();
    assert_eq!(
        changes(&src, &renamed),
        [
            "-id = \"emea\"",
            "+id = \"eu\"",
            "-emea = 55   # euro list",
            "+eu = 55   # euro list",
            "-emea = 54",
            "+eu = 54"
        ]
    );
    s.ok(Edit::RemoveRegion(2));
    let removed = s.save();
    assert!(!removed.contains("Japan goes live"), "{removed}");
    assert!(!removed.contains("id = \"jp\""));
    assert!(removed.contains("route = { opus = 1.0 }"));
    s.ok(Edit::RemoveRegion(1));
    assert!(
        !s.save().contains("eu = 55"),
        "the offer's price for it goes too"
    );
}

#[test]
fn a_field_left_out_follows_what_the_loader_derives_it_from() {
    // North America without `target_wau`: it follows `wau`, and stays out.
    let src = DEMO.replacen("target_wau = 900\n", "", 1);
    let mut s = Session::open(&src);
    s.ok(region(0, RegionField::Wau, "700"));
    assert_eq!(s.now.scenario.regions[0].target_wau, 700);
    assert_eq!(changes(&src, &s.save()), ["-wau = 610", "+wau = 700"]);
}

#[test]
fn the_deal_fx_and_uncertainty_change_in_place_or_are_added_where_they_belong() {
    let mut s = Session::open(DEMO);
    s.ok(Edit::Deal(DealField::Buffer, "10%".into()))
        .ok(Edit::Deal(DealField::Horizon, "none".into()))
        .ok(Edit::Deal(DealField::Start, "2027-04-01".into()))
        .ok(Edit::Fx("gbp".into(), "0.79".into()))
        .ok(Edit::Fx("EUR".into(), "0.93".into()))
        .ok(Edit::AddUncertainty)
        .ok(Edit::Uncertainty(UncertaintyField::Adoption, "20".into()));
    let text = s.save();
    assert_eq!(
        changes(DEMO, &text),
        [
            "-start = 2027-01-01",
            "-horizon_months = 36          # compare every offer over three years",
            "-buffer_pct = 15              # growth buffer when a commit is re-sized to usage",
            "+start = 2027-04-01",
            "+buffer_pct = 10              # growth buffer when a commit is re-sized to usage",
            "-EUR = 0.92",
            "+EUR = 0.93",
            "+GBP = 0.79",
            "+",
            "+[uncertainty]",
            "+adoption_pct = 20",
        ]
    );
    assert!(
        text.ends_with("\n[uncertainty]\nadoption_pct = 20\n"),
        "{text}"
    );
    let refused = s.edit(Edit::RemoveFx("EUR".into())).unwrap_err();
    assert_eq!(
        refused,
        "region currency 'EUR' has no rate: expected `EUR = <units per USD>` in [fx]"
    );
    let refused = s
        .edit(Edit::Deal(DealField::Buffer, "120".into()))
        .unwrap_err();
    assert_eq!(
        refused,
        "`buffer_pct` in [deal] must be a number of percent from 0 to 100, found an integer '120'"
    );
}

#[test]
fn a_route_share_is_typed_exactly_and_the_others_make_room() {
    let mut s = Session::open(DEMO);
    // contract-review: opus 0.5, sonnet 0.5; haiku is model 2.
    s.ok(Edit::RouteShare {
        workload: 1,
        model: 2,
        text: "0.3".into(),
    });
    assert_eq!(
        changes(DEMO, &s.save()),
        [
            "-route = { opus = 0.5, sonnet = 0.5 }",
            "+route = { opus = 0.2, sonnet = 0.5, haiku = 0.3 }"
        ]
    );
    let refused = s
        .edit(Edit::RouteShare {
            workload: 1,
            model: 2,
            text: "1.5".into(),
        })
        .unwrap_err();
    assert!(
        refused.starts_with(
            "`haiku` in `route` of [[workload]] 'contract-review' must be a share from 0 to 1"
        ),
        "{refused}"
    );
}

#[test]
fn a_renamed_workload_takes_its_offer_plans_along() {
    let mut s = Session::open(DEMO);
    let before = s.now.scenario.offers.iter().filter(|o| {
        o.api
            .as_ref()
            .is_some_and(|a| a.workloads.iter().any(|(n, _)| n == "contract-review"))
    });
    let had = before.count();
    assert!(had > 0, "the demo has a plan for contract-review");
    s.ok(Edit::Workload(1, WorkloadField::Name, "contracts".into()));
    let text = s.save();
    assert!(text.contains("[offer.api.workload.contracts]"), "{text}");
    assert!(!text.contains("contract-review"));
    let refused = s
        .edit(Edit::Workload(
            1,
            WorkloadField::Name,
            "support-assistant".into(),
        ))
        .unwrap_err();
    assert_eq!(
        refused,
        "duplicate workload name: expected each name once, found 'support-assistant' again"
    );
}

#[test]
fn a_share_on_a_model_the_route_lacks_adds_it() {
    let mut s = Session::open(DEMO);
    s.ok(Edit::RouteShare {
        workload: 0,
        model: 1,
        text: "0.25".into(),
    });
    assert_eq!(
        changes(DEMO, &s.save()),
        [
            "-route = { opus = 1.0 }",
            "+route = { opus = 0.75, sonnet = 0.25 }"
        ]
    );
}

#[test]
fn a_table_written_inline_is_refused_with_the_reason_not_rewritten() {
    let src = DEMO.replacen(
        "[fx]\nEUR = 0.92\nJPY = 154\n",
        "fx = { EUR = 0.92, JPY = 154 }\n",
        1,
    );
    // `fx = { … }` after [deal] would belong to [deal]: put it at the top.
    let src = src
        .replacen("fx = { EUR = 0.92, JPY = 154 }\n", "", 1)
        .replacen(
            "schema = 1\n",
            "schema = 1\nfx = { EUR = 0.92, JPY = 154 }\n",
            1,
        );
    let mut s = Session::open(&src);
    let refused = s.edit(Edit::Fx("EUR".into(), "0.95".into())).unwrap_err();
    assert_eq!(
        refused,
        "`fx` is written inline in the file; the workbench edits it only as `[fx]` / `[[fx]]` tables: write it as tables to edit it here"
    );
    s.ok(region(0, RegionField::Mau, "800"));
}

#[test]
fn every_workload_removed_and_one_added_leaves_one_table_after_the_regions() {
    let mut s = Session::open(DEMO);
    s.ok(Edit::RemoveWorkload(0))
        .ok(Edit::RemoveWorkload(0))
        .ok(Edit::RemoveWorkload(0))
        .ok(Edit::AddWorkload)
        .ok(Edit::Workload(0, WorkloadField::Input, "10".into()));
    let text = s.save();
    assert_eq!(text.matches("[[workload]]").count(), 1, "{text}");
    assert!(
        text.contains("requires = [\"jp_residency\"]\n\n[[workload]]\nname = \"workload-1\"\ninput_mtok = 10\noutput_mtok = 0\n\n[[offer]]"),
        "{text}"
    );
    assert!(
        !text.contains("[offer.api.workload.contract-review]"),
        "{text}"
    );
}

#[test]
fn uncertainty_removed_takes_its_own_comment_and_rows_match_by_id_after_a_rename() {
    let src = format!("{DEMO}\n# How unsure we are.\n[uncertainty]\nadoption_pct = 20\n");
    let mut s = Session::open(&src);
    s.ok(Edit::RemoveUncertainty);
    let text = s.save();
    assert_eq!(text.trim_end(), DEMO.trim_end());
    let saved = parse_str("deal.toml", DEMO).unwrap();
    let mut renamed = Sections::of(&saved);
    renamed.regions[1].id = "eu".into();
    renamed.regions.remove(0);
    let rows = Rows::matched(&Sections::of(&saved), &renamed);
    assert_eq!(
        rows.regions,
        [None, Some(2)],
        "emea renamed and na removed: no pairing"
    );
    let mut only_renamed = Sections::of(&saved);
    only_renamed.regions[1].id = "eu".into();
    let rows = Rows::matched(&Sections::of(&saved), &only_renamed);
    assert_eq!(rows.regions, [Some(0), Some(1), Some(2)]);
}
