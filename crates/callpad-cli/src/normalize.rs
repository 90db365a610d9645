//! `callpad normalize [--region CC]`: one number per line on stdin, one line out per line in,
//! read by callpad-core's `AddressReader`: `parse_dialable`'s answer (as the app reads the number
//! field) without the display formats it never prints. Output is streamed through a buffer.
//!
//! Each output line is the E.164 number (with `;ext=N` as in RFC 3966 when there is an
//! extension), the `sip:` URI, or `error: <reason>`. Lines that cannot be read are reported in
//! place and do not change the exit status: it is 0 unless reading stdin or writing stdout fails
//! (a closed pipe, as with `| head`, just ends the run) or `--region` is not a known region (2).

use std::io::{self, BufRead, BufWriter, IsTerminal, Write};

use callpad_core::numbers::{AddressReader, is_supported_region};

use crate::exit::Failure;

const AFTER_HELP: &str = "\
Output: one line per input line, in order:
  +442079460958            an accepted phone number, in E.164
  +16502530000;ext=123     ... with an extension, as in RFC 3966
  sip:alice@example.com    a SIP address
  error: <reason>          a line that cannot be dialled, and why

Exit status: 0 even when some lines are errors; 1 if stdin or stdout fails;
2 if --region is not a region code.";

#[derive(clap::Args)]
#[command(after_help = AFTER_HELP)]
pub struct Args {
    /// The region national numbers are read in, as a two-letter ISO code (US, GB, …).
    /// Without it only international numbers (+…) and SIP addresses can be read.
    #[arg(long, value_name = "CC", value_parser = region_code)]
    region: Option<String>,
}

fn region_code(code: &str) -> Result<String, String> {
    if is_supported_region(code) {
        Ok(code.trim().to_ascii_uppercase())
    } else {
        Err(format!(
            "\"{code}\" is not a region code libphonenumber knows; use a two-letter ISO 3166 code such as US or GB"
        ))
    }
}

pub fn run(args: Args) -> Result<(), Failure> {
    let stdin = io::stdin();
    // Typed at a terminal, each answer shows at once; piped, output goes out in large blocks.
    let interactive = stdin.is_terminal();
    let stdout = BufWriter::with_capacity(64 * 1024, io::stdout().lock());
    match normalize(stdin.lock(), stdout, args.region.as_deref(), interactive) {
        Ok(()) => Ok(()),
        Err(err) if err.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        Err(err) => Err(Failure::failed(format!("normalize: {err}"))),
    }
}

/// Reads `input` line by line and writes one line per input line to `output`, flushing at the
/// end (and after every line when `flush_each_line`). Lines need not be UTF-8: bytes that are
/// not become U+FFFD and the line is read as such.
pub fn normalize(
    mut input: impl BufRead,
    mut output: impl Write,
    region: Option<&str>,
    flush_each_line: bool,
) -> io::Result<()> {
    let reader = AddressReader::new(region)
        .map_err(|err| io::Error::new(io::ErrorKind::InvalidInput, err.to_string()))?;
    let mut line = Vec::with_capacity(128);
    loop {
        line.clear();
        if input.read_until(b'\n', &mut line)? == 0 {
            break;
        }
        let text = String::from_utf8_lossy(&line);
        let text = text.trim_end_matches(['\n', '\r']);
        match reader.read(text) {
            Ok(address) => writeln!(output, "{address}")?,
            Err(err) => writeln!(output, "error: {err}")?,
        }
        if flush_each_line {
            output.flush()?;
        }
    }
    output.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run_on(input: &str, region: Option<&str>) -> String {
        let mut out = Vec::new();
        normalize(input.as_bytes(), &mut out, region, false).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn one_line_out_per_line_in_including_blank_and_bad_ones() {
        let out = run_on(
            "020 7946 0958\r\n\n+1 650 253 0000 x12\nsip:alice@example.com\n12",
            Some("GB"),
        );
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines.len(), 5, "{out}");
        assert_eq!(lines[0], "+442079460958");
        assert!(
            lines[1].starts_with("error: the number is empty"),
            "{}",
            lines[1]
        );
        assert_eq!(lines[2], "+16502530000;ext=12");
        assert_eq!(lines[3], "sip:alice@example.com");
        assert!(
            lines[4].starts_with("error: the number is too short"),
            "{}",
            lines[4]
        );
    }

    #[test]
    fn bytes_that_are_not_utf8_give_an_error_line_not_a_failure() {
        let mut out = Vec::new();
        normalize(&b"\xff\xfe\n+33142764978\n"[..], &mut out, None, true).unwrap();
        let out = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = out.lines().collect();
        assert!(lines[0].starts_with("error: "), "{out}");
        assert_eq!(lines[1], "+33142764978");
    }

    #[test]
    fn region_codes_are_checked_against_libphonenumber() {
        assert_eq!(region_code("gb"), Ok("GB".to_owned()));
        assert!(region_code("ZZ").unwrap_err().contains("such as US or GB"));
        assert!(region_code("USA").is_err());
    }
}
