//! Every editor of the workbench as a list of typed fields on the one form
//! component ([`super::form`]): what each field is called, its hint, and how
//! its text becomes the exact value (or why it cannot). `update` submits
//! them and turns the draft into a model change; the views draw their
//! labels and hints from the same lists, so what is shown and what is
//! checked cannot drift apart.
//!
//! * [`lever`] — the exact value of the lever under the cursor (Enter).
//! * [`name`] — an offer's name (new counter-offer, rename).
//! * [`path`] — the file to save to, and the export's path and format.
//! * [`total`] — our target and the walk-away total (call mode).
//! * [`call`] — call mode's quick form: the vendor's new numbers.

pub mod call;
pub mod lever;
pub mod name;
pub mod path;
pub mod total;
