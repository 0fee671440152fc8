//! The fast path of [`super::Rows`]: a row on one line ended by `\n`, with
//! no quote and no `\r` in it, is its bytes split at each comma. The line
//! is read a word of eight bytes at a time: one test marks every byte
//! that could be `,`, `\n`, `"` or `\r` (every byte below `-`, which
//! letters, digits, `@`, `.` and `-` are not), and only those are looked
//! at. At the first `"` or `\r`, or when the buffer ends before the line
//! does, the row is left to the general parser (which gives a plain row
//! the same fields).

use super::Row;

/// The byte 0x80 in every lane of a word.
const HIGH: u64 = 0x8080_8080_8080_8080;
/// The first byte that cannot end a field (`-`, after `,`), in every lane.
const ABOVE_COMMA: u64 = 0x2d2d_2d2d_2d2d_2d2d;

/// 0x80 in each byte of `word` below `-` (and so in every `,` `"` `\n`
/// `\r`), 0 in the others. Exact: each lane's high bit is set before the
/// subtraction, so no lane borrows from the next.
fn candidates(word: u64) -> u64 {
    let below = !((word | HIGH) - ABOVE_COMMA) & HIGH;
    below & !word
}

/// Read the row at the start of `input` into `row` (cleared first) when
/// it is plain; the bytes it takes, its `\n` included. `None`: the row is
/// not plain or goes on past `input` (`row` then holds a part of it).
pub(super) fn plain_row(input: &[u8], row: &mut Row) -> Option<usize> {
    row.clear();
    let (mut start, mut at) = (0, 0);
    while at < input.len() {
        let mut hits = match input.get(at..at + 8) {
            Some(chunk) => candidates(word(chunk)),
            None => {
                // The last bytes of the input: the lanes past its end are
                // no bytes of it.
                let n = input.len() - at;
                candidates(word(&input[at..])) & ((1u64 << (8 * n)) - 1)
            }
        };
        while hits != 0 {
            let i = at + (hits.trailing_zeros() / 8) as usize;
            match input[i] {
                b',' => {
                    row.spans.push((start, i));
                    start = i + 1;
                }
                b'\n' => {
                    row.spans.push((start, i));
                    row.bytes.extend_from_slice(&input[..i]);
                    return Some(i + 1);
                }
                b'"' | b'\r' => return None,
                _ => {}
            }
            hits &= hits - 1;
        }
        at += 8;
    }
    None
}

/// Up to eight bytes as a little-endian word (zeros past the end).
fn word(bytes: &[u8]) -> u64 {
    let mut word = [0u8; 8];
    match <[u8; 8]>::try_from(bytes) {
        Ok(whole) => word = whole,
        Err(_) => {
            for (lane, &b) in word.iter_mut().zip(bytes) {
                *lane = b;
            }
        }
    }
    u64::from_le_bytes(word)
}

/// Whether a cell holds a `,`, `"`, `\n` or `\r` (and so must be quoted
/// in CSV), looked for eight bytes at a time (the last word overlapping
/// the one before it).
pub fn needs_quotes(cell: &[u8]) -> bool {
    let special = |b: &u8| matches!(b, b',' | b'"' | b'\n' | b'\r');
    let Some(last) = cell.len().checked_sub(8) else {
        return cell.iter().any(special);
    };
    let mut at = 0;
    loop {
        let start = at.min(last);
        let chunk = &cell[start..start + 8];
        let mut hits = candidates(word(chunk));
        while hits != 0 {
            if special(&chunk[(hits.trailing_zeros() / 8) as usize]) {
                return true;
            }
            hits &= hits - 1;
        }
        if start == last {
            return false;
        }
        at += 8;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn candidates_are_exactly_the_bytes_below_a_dash() {
        for byte in 0..=255u8 {
            for lane in 0..8 {
                let mut word = [b'a'; 8];
                word[lane] = byte;
                let expected = if byte < b'-' {
                    0x80u64 << (8 * lane)
                } else {
                    0
                };
                assert_eq!(
                    candidates(u64::from_le_bytes(word)),
                    expected,
                    "{byte} at {lane}"
                );
            }
        }
    }

    #[test]
    fn plain_rows_are_split_and_others_left() {
        let mut row = Row::default();
        assert_eq!(
            plain_row(b"ann@x.com,emea,2026-11-20\nbob", &mut row),
            Some(26)
        );
        let fields: Vec<&[u8]> = row.fields().collect();
        assert_eq!(fields, [&b"ann@x.com"[..], b"emea", b"2026-11-20"]);
        assert_eq!(plain_row(b"a,,\n", &mut row), Some(4));
        assert_eq!(row.len(), 3);
        for (cell, quoted) in [
            (&b"ann@example.com"[..], false),
            (b"a,b", true),
            (b"0123456789\r", true),
            (b"01234567,9", true),
            (b"0123456789abcdef", false),
            (b"0123456789abcdef\"", true),
        ] {
            assert_eq!(needs_quotes(cell), quoted);
        }
        for not_plain in [
            &b"ann,\"emea\"\n"[..],
            b"ann,emea\r\n",
            b"ann,emea",
            b"a,b\rc\n",
        ] {
            assert_eq!(plain_row(not_plain, &mut row), None);
        }
    }
}
