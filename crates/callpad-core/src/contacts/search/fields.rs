//! The index's storage: every field (a name, company, tag, or a number's digits) is a run of bytes
//! in one buffer, ended by NUL, with a [`Field`] saying where it is and whose it is; [`scan`] maps a
//! buffer-wide search back to fields.

use memchr::memmem::Finder;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum FieldKind {
    Name,
    Company,
    Tag,
    /// E.164 digits (no `+`) of number `n` of the doc.
    Digits(u16),
}

#[derive(Debug, Clone, Copy)]
pub(super) struct Field {
    pub(super) start: u32,
    pub(super) end: u32,
    pub(super) slot: u32,
    pub(super) kind: FieldKind,
}

/// Calls `found(field, offset)` for every match of `finder` in `hay`, in order.
pub(super) fn scan(
    hay: &[u8],
    fields: &[Field],
    finder: &Finder<'_>,
    mut found: impl FnMut(&Field, u32),
) {
    let mut cursor = 0;
    for at in finder.find_iter(hay) {
        let at = at as u32;
        // Fields are laid out in order and the needle holds no separator, so the match is in the
        // first field that ends after it starts.
        while fields[cursor].end <= at {
            cursor += 1;
        }
        found(&fields[cursor], at);
    }
}

/// Whether `byte` ends a word, so the byte after it starts one.
pub(super) fn is_word_break(byte: u8) -> bool {
    matches!(
        byte,
        b' ' | b'-' | b'.' | b'\'' | b'(' | b')' | b'/' | b'&' | b',' | b'_' | b'"' | b'@' | b'+'
    )
}

/// Appends `text` to `buf` as one field of `slot`.
pub(super) fn push_field(
    buf: &mut Vec<u8>,
    fields: &mut Vec<Field>,
    slot: u32,
    kind: FieldKind,
    text: &str,
) {
    let start = u32::try_from(buf.len()).expect("index under 4 GiB");
    buf.extend_from_slice(text.as_bytes());
    let end = u32::try_from(buf.len()).expect("index under 4 GiB");
    buf.push(0);
    fields.push(Field {
        start,
        end,
        slot,
        kind,
    });
}
