//! A user's file keeps its line ends through every edit dealbench writes
//! into it (the offers, an imported price book, a measured funnel, API
//! workloads), so `git diff` shows only the edited values.

/// `edited` with the line ends of `original`: a file written with CRLF
/// stays CRLF (toml_edit writes LF for the lines it adds), so `git diff`
/// shows only the edited values.
pub fn keep_line_ends(original: &str, edited: String) -> String {
    if !original.contains("\r\n") {
        return edited;
    }
    edited.replace("\r\n", "\n").replace('\n', "\r\n")
}
