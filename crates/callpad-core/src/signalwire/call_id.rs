//! What a call id looks like: SignalWire's are UUIDs. Checked before a hang-up or a log request is
//! sent, so a mistyped id is refused here with a clear message instead of reaching the Space.

use crate::{Error, Result};

/// Accepts a UUID in its usual 8-4-4-4-12 hex form (any case); refuses anything else.
pub fn check_call_id(id: &str) -> Result<()> {
    let id = id.trim();
    let groups: Vec<&str> = id.split('-').collect();
    let shape = [8, 4, 4, 4, 12];
    let ok = groups.len() == shape.len()
        && groups
            .iter()
            .zip(shape)
            .all(|(g, n)| g.len() == n && g.bytes().all(|b| b.is_ascii_hexdigit()));
    if ok {
        return Ok(());
    }
    let shown: String = id.chars().filter(|c| !c.is_control()).take(60).collect();
    Err(Error::InvalidRequest {
        field: "call ID",
        reason: format!(
            "\"{shown}\" is not a call ID; call IDs look like 3fa85f64-5717-4562-b3fc-2c963f66afa6 (`callpad call` prints one, history lists them)"
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uuids_pass_and_anything_else_is_refused() {
        assert!(check_call_id("3fa85f64-5717-4562-b3fc-2c963f66AFA6").is_ok());
        for bad in [
            "",
            "not-a-uuid",
            "3fa85f64571745624b3fc2c963f66afa6",
            "3fa85f64-5717-4562-b3fc-2c963f66afa6/../x",
            "😀",
        ] {
            let err = check_call_id(bad).unwrap_err();
            assert!(err.to_string().contains("is not a call ID"), "{bad}: {err}");
        }
    }
}
