//! The line-level diff the minimal-diff tests assert on.

/// The line-level diff of two texts as `git diff` shows it (a longest
/// common subsequence): `-N text` for line N of `before` that went, `+N
/// text` for line N of `after` that came.
pub fn diff(before: &str, after: &str) -> Vec<String> {
    let a: Vec<&str> = before.split('\n').collect();
    let b: Vec<&str> = after.split('\n').collect();
    let mut lcs = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            lcs[i][j] = if a[i] == b[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let (mut i, mut j, mut out) = (0, 0, Vec::new());
    while i < a.len() || j < b.len() {
        if i < a.len() && j < b.len() && a[i] == b[j] {
            i += 1;
            j += 1;
        } else if i < a.len() && (j == b.len() || lcs[i + 1][j] >= lcs[i][j + 1]) {
            out.push(format!("-{} {}", i + 1, a[i]));
            i += 1;
        } else {
            out.push(format!("+{} {}", j + 1, b[j]));
            j += 1;
        }
    }
    out
}
