//! Quoting text from an imported file in a message: cut short, and with nothing in it that a
//! terminal would act on (control characters, bidi overrides).

/// How many characters of a cell a message echoes at most.
pub const EXCERPT_CHARS: usize = 40;

/// Text from a file, made safe to show in a message: in double quotes, control characters
/// (escape sequences, line breaks) and bidi overrides shown as `�`/spaces rather than passed to
/// the terminal, and cut after [`EXCERPT_CHARS`] characters with `…` and the full length.
pub fn excerpt(text: &str) -> String {
    let text = text.trim();
    let mut out = String::with_capacity(EXCERPT_CHARS + 16);
    out.push('"');
    for (shown, c) in text.chars().enumerate() {
        if shown == EXCERPT_CHARS {
            out.push_str(&format!("…\" ({} characters)", text.chars().count()));
            return out;
        }
        out.push(match c {
            '\n' | '\r' | '\t' => ' ',
            c if c.is_control() || is_invisible_format(c) => '\u{FFFD}',
            c => c,
        });
    }
    out.push('"');
    out
}

/// Bidi overrides and isolates, which can make a terminal show text in another order.
fn is_invisible_format(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// A column name as a message shows it: the header cell, cleaned like [`excerpt`], unquoted.
pub(crate) fn excerpt_column(column: &str) -> String {
    let quoted = excerpt(column);
    quoted
        .strip_prefix('"')
        .and_then(|q| q.strip_suffix('"'))
        .map_or(quoted.clone(), str::to_owned)
}
