//! Number labels: the five Callpad knows (`mobile`, `work`, `home`, `main`, `other`) and the
//! words other apps use for them. Anything else is kept as the person's own words.

pub const MOBILE: &str = "mobile";
pub const WORK: &str = "work";
pub const HOME: &str = "home";
pub const MAIN: &str = "main";
pub const OTHER: &str = "other";

/// The known label for `raw` if it names one (`Cell`, `Business Phone`, `_$!<Mobile>!$_`, …),
/// else `raw` trimmed; `other` when empty.
pub fn normalize(raw: &str) -> String {
    let trimmed = raw
        .trim()
        .trim_start_matches('*')
        .trim()
        // Apple's built-in labels: `_$!<Mobile>!$_`.
        .trim_start_matches("_$!<")
        .trim_end_matches(">!$_")
        .trim();
    match known(trimmed) {
        Some(label) => label.to_owned(),
        None if trimmed.is_empty() => OTHER.to_owned(),
        None => trimmed.to_owned(),
    }
}

/// The known label a word or phrase stands for, if any.
pub fn known(raw: &str) -> Option<&'static str> {
    let lower = raw.trim().to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && !matches!(*w, "phone" | "number" | "tel" | "voice"))
        .collect();
    match words.as_slice() {
        [] => Some(OTHER),
        ["mobile" | "cell" | "cellular" | "iphone" | "handy" | "portable"]
        | ["mobile" | "cell", "2"] => Some(MOBILE),
        ["work" | "business" | "office"] | ["work" | "business" | "office", "2"] => Some(WORK),
        ["home" | "private" | "personal"] | ["home", "2"] => Some(HOME),
        ["main" | "primary" | "pref" | "company"] | ["company", "main"] => Some(MAIN),
        ["other"] => Some(OTHER),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn other_apps_words_become_known_labels() {
        for (raw, want) in [
            ("Mobile", MOBILE),
            ("CELL", MOBILE),
            ("Mobile Phone", MOBILE),
            ("* Mobile", MOBILE),
            ("_$!<Mobile>!$_", MOBILE),
            ("Business Phone 2", WORK),
            ("work", WORK),
            ("Home Phone", HOME),
            ("Company Main Phone", MAIN),
            ("Primary Phone", MAIN),
            ("Other Phone", OTHER),
            ("Phone", OTHER),
            ("", OTHER),
        ] {
            assert_eq!(normalize(raw), want, "{raw}");
        }
    }

    #[test]
    fn own_words_are_kept() {
        assert_eq!(normalize(" Lake house "), "Lake house");
        assert_eq!(normalize("Assistant's Phone"), "Assistant's Phone");
    }
}
