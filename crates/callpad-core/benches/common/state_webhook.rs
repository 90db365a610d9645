//! One `calling.call.state` webhook body as SignalWire sends it, for the webhook benchmark and
//! the fault suite (`crates/callpad-cli/tests/fault_suite.rs` includes this file by path): call
//! `n` starts at a fixed instant, rings after 0.4 s, is answered at 6 s and ends at 66.2 s, or
//! ends unanswered at 25.4 s.

use serde_json::json;

/// The body for call `call_id` (number `n`) reaching `state`, from `from` to a number made of `n`.
pub fn state_webhook(
    call_id: &str,
    n: usize,
    state: &str,
    reason: Option<&str>,
    answered: bool,
    from: &str,
) -> Vec<u8> {
    let start = 1_700_000_000_000_i64 + n as i64 * 1_000;
    let at = start
        + match state {
            "created" => 0,
            "ringing" => 400,
            "answered" => 6_000,
            "ending" => 66_000,
            _ if answered => 66_200,
            _ => 25_400,
        };
    let answer_time =
        (answered && !matches!(state, "created" | "ringing")).then_some(start + 6_000);
    serde_json::to_vec(&json!({
        "event_type": "calling.call.state",
        "timestamp": at as f64 / 1000.0,
        "project_id": "4b7d8a8e-3c1f-4f0e-9a61-2f3c5d7e9b10",
        "space_id": "c1a2b3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d",
        "params": {
            "call_id": call_id,
            "node_id": "7f1c2d3e-4a5b-4c6d-8e9f-a0b1c2d3e4f5@us-west",
            "call_state": state,
            "direction": "outbound",
            "device": {"type": "phone", "params": {
                "from_number": from, "to_number": format!("+1206555{:04}", n % 10_000)}},
            "end_reason": reason,
            "start_time": start,
            "answer_time": answer_time,
            "end_time": (state == "ended").then_some(at)
        }
    }))
    .expect("JSON serialises")
}
