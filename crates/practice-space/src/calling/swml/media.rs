//! How long `play` and `prompt` media take on the practice clock: `say:` a set time per spoken
//! word (`Config::ms_per_word`), `silence:N` N seconds, `ring:[N:]cc` N seconds (one ring without
//! N), and an audio file a fixed time (the practice space does not fetch it).

use serde_json::Value;

use super::vars::Vars;

/// Simulated seconds an audio file (`http(s)://…`) plays for.
pub const AUDIO_FILE_SECS: f64 = 3.0;
/// Simulated seconds of one ring (`ring:us`): 2 s on, 4 s off.
pub const ONE_RING_SECS: f64 = 6.0;

/// The URLs a `play` (`url` or `urls`) or `prompt` (`play`: one or a list) names, expanded.
pub(crate) fn urls(value: Option<&Value>, vars: &Vars) -> Vec<String> {
    match value {
        Some(Value::String(url)) => vec![vars.expand(url)],
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(Value::as_str)
            .map(|u| vars.expand(u))
            .collect(),
        _ => Vec::new(),
    }
}

/// Simulated milliseconds the `urls` take to play, one after the other.
pub(crate) fn duration_ms(urls: &[String], ms_per_word: u64) -> u64 {
    urls.iter().map(|url| one_ms(url, ms_per_word)).sum()
}

fn one_ms(url: &str, ms_per_word: u64) -> u64 {
    let secs_ms = |secs: f64| (secs.max(0.0) * 1000.0).round() as u64;
    if let Some(text) = url.strip_prefix("say:") {
        let words = u64::try_from(text.split_whitespace().count()).unwrap_or(u64::MAX);
        words.saturating_mul(ms_per_word)
    } else if let Some(secs) = url.strip_prefix("silence:") {
        secs_ms(secs.trim().parse().unwrap_or(0.0))
    } else if let Some(ring) = url.strip_prefix("ring:") {
        match ring.split_once(':') {
            Some((secs, _country)) => secs_ms(secs.trim().parse().unwrap_or(ONE_RING_SECS)),
            None => secs_ms(ONE_RING_SECS),
        }
    } else {
        secs_ms(AUDIO_FILE_SECS)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_kind_of_media_has_its_length() {
        let u = |s: &str| vec![s.to_owned()];
        assert_eq!(duration_ms(&u("say:Hi there,  Sam."), 400), 1_200);
        assert_eq!(duration_ms(&u("say:"), 400), 0);
        assert_eq!(duration_ms(&u("silence:2.5"), 400), 2_500);
        assert_eq!(duration_ms(&u("ring:20.0:us"), 400), 20_000);
        assert_eq!(duration_ms(&u("ring:us"), 400), 6_000);
        assert_eq!(duration_ms(&u("https://x/a.mp3"), 400), 3_000);
        assert_eq!(
            duration_ms(&["say:one two".to_owned(), "silence:1".to_owned()], 10),
            1_020
        );
    }
}
