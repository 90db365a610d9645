//! Forgiving field readers for SignalWire's JSON: numbers that arrive as strings, strings that
//! arrive as numbers, and nulls anywhere. Used through `#[serde(deserialize_with = …)]`.

use serde::{Deserialize, Deserializer};
use serde_json::Value;

/// A number, a numeric string, or null/absent/anything else (→ `None`).
pub(crate) fn opt_f64<'de, D: Deserializer<'de>>(de: D) -> Result<Option<f64>, D::Error> {
    Ok(match Value::deserialize(de)? {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    })
}

/// A whole non-negative number, a numeric string, or null (→ `None`). Fractions are truncated.
pub(crate) fn opt_u64<'de, D: Deserializer<'de>>(de: D) -> Result<Option<u64>, D::Error> {
    Ok(opt_f64(de)?
        .filter(|n| n.is_finite() && *n >= 0.0)
        .map(|n| n as u64))
}

/// A string, a number or bool written as a string, or null (→ `None`).
pub(crate) fn opt_string<'de, D: Deserializer<'de>>(de: D) -> Result<Option<String>, D::Error> {
    Ok(match Value::deserialize(de)? {
        Value::String(s) => Some(s),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    })
}

/// A list, or null/absent (→ empty). Items that do not parse are dropped rather than failing all.
pub(crate) fn vec_or_empty<'de, D, T>(de: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: serde::de::DeserializeOwned,
{
    Ok(match Value::deserialize(de)? {
        Value::Array(items) => items
            .into_iter()
            .filter_map(|item| serde_json::from_value(item).ok())
            .collect(),
        _ => Vec::new(),
    })
}

/// A value that must not fail the whole parse: anything unreadable becomes `None`.
pub(crate) fn opt_any<'de, D, T>(de: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: serde::de::DeserializeOwned,
{
    Ok(match Value::deserialize(de)? {
        Value::Null => None,
        value => serde_json::from_value(value).ok(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Deserialize)]
    struct Sample {
        #[serde(default, deserialize_with = "opt_f64")]
        price: Option<f64>,
        #[serde(default, deserialize_with = "opt_u64")]
        ms: Option<u64>,
        #[serde(default, deserialize_with = "opt_string")]
        code: Option<String>,
        #[serde(default, deserialize_with = "vec_or_empty")]
        tags: Vec<String>,
    }

    #[test]
    fn accepts_strings_numbers_and_nulls() {
        let s: Sample =
            serde_json::from_str(r#"{"price":"0.0125","ms":1500.0,"code":422,"tags":null}"#)
                .unwrap();
        assert_eq!(s.price, Some(0.0125));
        assert_eq!(s.ms, Some(1500));
        assert_eq!(s.code.as_deref(), Some("422"));
        assert!(s.tags.is_empty());

        let s: Sample = serde_json::from_str(r#"{"price":null,"tags":["a",1,"b"]}"#).unwrap();
        assert_eq!(s.price, None);
        assert_eq!(s.ms, None);
        assert_eq!(s.tags, vec!["a", "b"]);
    }
}
