//! End-to-end tests of the practice space over real HTTP on loopback, one module per area.
//! Shared harness (space, client, webhook receiver) is in `common.rs`.

mod common;

mod auth_and_routing;
mod control;
mod dial_and_end;
mod dial_validation;
mod faults;
mod lookup;
mod numbers;
mod outcomes;
mod pacing;
mod reminder_flow;
mod swml_steps;
mod voice_logs;
mod webhooks;
