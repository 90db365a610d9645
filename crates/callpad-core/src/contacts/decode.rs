//! Turning an imported file's bytes into text: UTF-8 (with or without a BOM), UTF-16 (with a BOM,
//! or recognised by its zero bytes), and Windows-1252 line by line where a line is not UTF-8;
//! with a description of how it was read for the import preview.

/// The file's text and how it was read: UTF-8 (BOM dropped), UTF-16 with a BOM or recognised
/// by its zero bytes, else UTF-8 line by line, where a line that is not UTF-8 is read as
/// Windows-1252 (what Outlook writes on many systems) and named in the description.
pub(crate) fn decode(bytes: &[u8]) -> (String, String) {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return (decode_lines(rest).0, "UTF-8 with BOM".to_owned());
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return (utf16(rest, u16::from_le_bytes), "UTF-16".to_owned());
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return (utf16(rest, u16::from_be_bytes), "UTF-16".to_owned());
    }
    match utf16_without_bom(bytes) {
        Some(Endian::Little) => {
            return (
                utf16(bytes, u16::from_le_bytes),
                "UTF-16 LE without a byte-order mark (recognised by its zero bytes)".to_owned(),
            );
        }
        Some(Endian::Big) => {
            return (
                utf16(bytes, u16::from_be_bytes),
                "UTF-16 BE without a byte-order mark (recognised by its zero bytes)".to_owned(),
            );
        }
        None => {}
    }
    let (text, not_utf8) = decode_lines(bytes);
    let description = match not_utf8.as_slice() {
        [] => "UTF-8".to_owned(),
        _ if !bytes.is_ascii() && not_utf8.len() == count_non_ascii_lines(bytes) => {
            "Windows-1252 (the file is not UTF-8)".to_owned()
        }
        lines => {
            const SHOWN: usize = 5;
            let mut named: Vec<String> = lines.iter().take(SHOWN).map(usize::to_string).collect();
            if lines.len() > SHOWN {
                named.push(format!("and {} more", lines.len() - SHOWN));
            }
            format!(
                "UTF-8; line{} {} {} not UTF-8 and {} read as Windows-1252, check {}",
                if lines.len() == 1 { "" } else { "s" },
                named.join(", "),
                if lines.len() == 1 { "is" } else { "are" },
                if lines.len() == 1 { "was" } else { "were" },
                if lines.len() == 1 { "it" } else { "them" },
            )
        }
    };
    (text, description)
}

#[derive(Debug, PartialEq, Eq)]
enum Endian {
    Little,
    Big,
}

/// UTF-16 text without a BOM has a zero byte in most pairs when it is mostly ASCII: at odd
/// offsets when little-endian, at even ones when big-endian. UTF-8 text has none.
fn utf16_without_bom(bytes: &[u8]) -> Option<Endian> {
    let sample = &bytes[..bytes.len().min(4096) & !1];
    let pairs = sample.len() / 2;
    if pairs < 2 {
        return None;
    }
    let even = sample.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd = sample
        .iter()
        .skip(1)
        .step_by(2)
        .filter(|&&b| b == 0)
        .count();
    if odd * 10 >= pairs * 6 && even * 10 < pairs {
        Some(Endian::Little)
    } else if even * 10 >= pairs * 6 && odd * 10 < pairs {
        Some(Endian::Big)
    } else {
        None
    }
}

fn utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> String {
    let units: Vec<u16> = bytes.chunks_exact(2).map(|p| unit([p[0], p[1]])).collect();
    String::from_utf16_lossy(&units)
}

/// Each line as UTF-8 when it is, else as Windows-1252, and the (1-based) lines that were not.
fn decode_lines(bytes: &[u8]) -> (String, Vec<usize>) {
    if let Ok(text) = std::str::from_utf8(bytes) {
        return (text.to_owned(), Vec::new());
    }
    let mut text = String::with_capacity(bytes.len() + bytes.len() / 8);
    let mut not_utf8 = Vec::new();
    for (i, line) in bytes.split_inclusive(|&b| b == b'\n').enumerate() {
        match std::str::from_utf8(line) {
            Ok(line) => text.push_str(line),
            Err(_) => {
                not_utf8.push(i + 1);
                text.extend(line.iter().map(|&b| windows_1252(b)));
            }
        }
    }
    (text, not_utf8)
}

fn count_non_ascii_lines(bytes: &[u8]) -> usize {
    bytes
        .split_inclusive(|&b| b == b'\n')
        .filter(|line| !line.is_ascii())
        .count()
}

fn windows_1252(byte: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž',
        '\u{8F}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}',
        'ž', 'Ÿ',
    ];
    match byte {
        0x80..=0x9F => HIGH[usize::from(byte - 0x80)],
        _ => char::from(byte),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decode_reads_bom_utf16_and_windows_1252() {
        assert_eq!(
            decode(b"\xEF\xBB\xBFName"),
            ("Name".into(), "UTF-8 with BOM".into())
        );
        assert_eq!(decode("Zoë".as_bytes()).0, "Zoë");
        assert_eq!(decode(b"\xFF\xFEN\x00o\x00").0, "No");
        let (text, encoding) = decode(b"Ren\xE9e \x80");
        assert_eq!(text, "Renée €");
        assert!(encoding.starts_with("Windows-1252"));
    }
}
