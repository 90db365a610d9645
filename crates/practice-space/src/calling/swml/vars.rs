//! SWML variables for one running script and `${…}` expansion: `call.*` (the call, read-only),
//! `envs.*` (the dial's `custom_variables`), `vars.*` or a bare name (what `set` and the methods
//! set: `prompt_value`, `detect_result`, `request_response.*`, …). `%{…}` is read the same way.

use serde_json::{Map, Value};

/// The variables a script sees.
#[derive(Debug, Clone, Default)]
pub(crate) struct Vars {
    /// `call.call_id`, `call.from`, `call.to`, `call.direction`, `call.type`, …
    pub(crate) call: Map<String, Value>,
    /// `custom_variables` of the dial.
    pub(crate) envs: Map<String, Value>,
    /// Script variables.
    pub(crate) vars: Map<String, Value>,
}

impl Vars {
    pub(crate) fn set(&mut self, name: &str, value: impl Into<Value>) {
        self.vars.insert(name.to_owned(), value.into());
    }

    /// The value at a dotted path (`call.to`, `request_response.number.home`, `items.0`).
    pub(crate) fn lookup(&self, path: &str) -> Option<&Value> {
        let mut parts = path.split('.');
        let mut current = match parts.next()? {
            "call" => self.call.get(parts.next()?),
            "envs" => self.envs.get(parts.next()?),
            "vars" => self.vars.get(parts.next()?),
            name => self.vars.get(name),
        };
        for part in parts {
            current = match current? {
                Value::Object(map) => map.get(part),
                Value::Array(items) => part.parse::<usize>().ok().and_then(|i| items.get(i)),
                _ => None,
            };
        }
        current
    }

    /// The value at `path` as text: strings as they are, numbers and booleans written out,
    /// objects and lists as JSON, nothing (unset or null) as `""`.
    pub(crate) fn text(&self, path: &str) -> String {
        match self.lookup(path) {
            None | Some(Value::Null) => String::new(),
            Some(Value::String(s)) => s.clone(),
            Some(other) => other.to_string(),
        }
    }

    /// `text` with every `${path}` and `%{path}` replaced by the variable's text. Anything that is
    /// not a plain path (a JavaScript expression such as `${a.split('')}`) expands to `""`: the
    /// practice space does not evaluate expressions. `$ {` (a broken variable) stays as written.
    pub(crate) fn expand(&self, text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        let mut rest = text;
        while let Some(start) = rest.find(['$', '%']) {
            let (before, from) = rest.split_at(start);
            out.push_str(before);
            let after_sigil = &from[1..];
            match after_sigil
                .strip_prefix('{')
                .and_then(|body| body.find('}').map(|end| (body, end)))
            {
                Some((body, end)) => {
                    let inner = body[..end].trim();
                    if is_path(inner) {
                        out.push_str(&self.text(inner));
                    }
                    rest = &body[end + 1..];
                }
                None => {
                    out.push_str(&from[..1]);
                    rest = after_sigil;
                }
            }
        }
        out.push_str(rest);
        out
    }

    /// `value` with every string in it (at any depth) expanded; keys are left alone.
    pub(crate) fn expand_value(&self, value: &Value) -> Value {
        match value {
            Value::String(s) => Value::String(self.expand(s)),
            Value::Array(items) => {
                Value::Array(items.iter().map(|v| self.expand_value(v)).collect())
            }
            Value::Object(map) => Value::Object(
                map.iter()
                    .map(|(k, v)| (k.clone(), self.expand_value(v)))
                    .collect(),
            ),
            other => other.clone(),
        }
    }
}

/// A dotted path of names and indexes, e.g. `call.to` or `request_response.items.0`.
fn is_path(text: &str) -> bool {
    !text.is_empty()
        && text.split('.').all(|part| {
            !part.is_empty()
                && part
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn vars() -> Vars {
        let mut v = Vars::default();
        v.call.insert("call_id".into(), json!("abc"));
        v.call.insert("to".into(), json!("+12065550115"));
        v.envs.insert("clinic".into(), json!("Elm St"));
        v.set("prompt_value", "1");
        v.set(
            "request_response",
            json!({"number": {"home": "n/a"}, "items": [5, true]}),
        );
        v
    }

    #[test]
    fn variables_expand_by_scope_and_path() {
        let v = vars();
        assert_eq!(
            v.expand("${call.call_id}/${prompt_value}/${vars.prompt_value}/%{envs.clinic}"),
            "abc/1/1/Elm St"
        );
        assert_eq!(v.expand("${request_response.number.home}"), "n/a");
        assert_eq!(
            v.expand("${request_response.items.0}-${request_response.items.1}"),
            "5-true"
        );
        assert_eq!(v.expand("[${unknown}] [${call.nope}]"), "[] []");
    }

    #[test]
    fn broken_or_odd_variables_are_left_or_emptied_never_evaluated() {
        let v = vars();
        assert_eq!(
            v.expand("$ {prompt_value} % {call.to}"),
            "$ {prompt_value} % {call.to}"
        );
        assert_eq!(v.expand("${call.from.split('')}"), "");
        assert_eq!(v.expand("cost $5 or 100% ${"), "cost $5 or 100% ${");
        assert_eq!(v.expand("é${prompt_value}😀"), "é1😀");
    }

    #[test]
    fn bodies_expand_at_every_depth() {
        let v = vars();
        let body = json!({"key": "${prompt_value}", "n": 3, "list": ["${call.to}"], "${x}": {"y": "${call.call_id}"}});
        assert_eq!(
            v.expand_value(&body),
            json!({"key": "1", "n": 3, "list": ["+12065550115"], "${x}": {"y": "abc"}})
        );
    }
}
