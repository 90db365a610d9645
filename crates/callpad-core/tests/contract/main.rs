//! Contract tests: the SignalWire client against a practice space over real HTTP on loopback.
//! One module per endpoint family; `support` drives the practice control API, `wire` a scripted server.

mod dial;
mod end;
mod errors;
mod live;
mod lookup;
mod numbers;
mod reconcile;
mod support;
mod voice_log;
mod wire;
