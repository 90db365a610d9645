//! Reading an inline SWML document: an object, or a JSON string holding one (older docs), with
//! `sections.main` a list of one-key steps; and whether the space runs it step by step.

use serde_json::Value;

/// The methods of a plain flow (a spoken message, "call me first"). A document made only of
/// these is played out on the fixed timeline (answered 20 s, or the `connect` leg); any other
/// method makes it a script, run step by step (`swml::run`).
const PLAIN_METHODS: [&str; 4] = ["answer", "play", "connect", "hangup"];

/// The document `swml` holds, or why it is not one.
pub(crate) fn parse(swml: &Value) -> Result<Value, String> {
    let document = match swml {
        Value::Object(_) => swml.clone(),
        Value::String(text) => serde_json::from_str::<Value>(text)
            .map_err(|e| format!("swml is a string but not valid JSON: {e}"))?,
        _ => return Err("swml must be a SWML object or a JSON string holding one".to_owned()),
    };
    if !document.is_object() {
        return Err("swml must be a JSON object".to_owned());
    }
    match main(&document) {
        Some(_) => Ok(document),
        None => Err("swml must have sections.main, a list of steps".to_owned()),
    }
}

/// `sections.main`.
pub(crate) fn main(document: &Value) -> Option<&Vec<Value>> {
    document.get("sections")?.get("main")?.as_array()
}

/// The method name of a one-key step such as `{"play":{…}}`.
pub(crate) fn method(step: &Value) -> Option<(&str, &Value)> {
    let object = step.as_object()?;
    if object.len() != 1 {
        return None;
    }
    object
        .iter()
        .next()
        .map(|(name, params)| (name.as_str(), params))
}

/// Whether the document is run step by step: its `main` uses a method beyond the plain ones.
pub(crate) fn scripted(document: &Value) -> bool {
    main(document).is_some_and(|steps| {
        steps
            .iter()
            .any(|step| method(step).is_none_or(|(name, _)| !PLAIN_METHODS.contains(&name)))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_json_string_is_read_like_an_object() {
        let doc = json!({"version":"1.0.0","sections":{"main":[{"answer":{}}]}});
        assert_eq!(parse(&Value::String(doc.to_string())).unwrap(), doc);
        assert!(parse(&json!({"sections":{}})).is_err());
        assert!(parse(&json!("{not json")).is_err());
        assert!(parse(&json!(5)).is_err());
    }

    #[test]
    fn only_plain_flows_keep_the_fixed_timeline() {
        let plain =
            json!({"sections":{"main":[{"answer":{}},{"play":{"url":"say:Hi"}},{"hangup":{}}]}});
        assert!(!scripted(&plain));
        let reminder =
            json!({"sections":{"main":[{"answer":{}},{"prompt":{"play":"say:Press 1"}}]}});
        assert!(scripted(&reminder));
        let odd = json!({"sections":{"main":[{"answer":{}, "play":{}}]}});
        assert!(scripted(&odd), "a malformed step is the script's to fail");
    }
}
