//! Dial pacing: at most `rate` dials per second, on a fixed grid (dial k at start + k × interval,
//! so waking a little late does not add up over hundreds of calls), and never more than
//! `ceil(rate)` dials planned inside any one second. The interval is 1/rate plus
//! [`SAFETY_MARGIN`], so a few milliseconds of jitter between here and the Space cannot put one
//! dial too many into a second as the Space counts them. The runner plans each dial's moment
//! here, writes its attempt, then sends it at that moment. Monotonic time ([`Instant`]), since the
//! limit is the Space's, whatever the driven clock says.

use std::collections::VecDeque;
use std::time::Duration;

use tokio::time::Instant;

/// How much longer than 1/rate the interval is (0.5 %: 1 ms at 5 calls a second, so five
/// intervals leave 5 ms for jitter; 300 calls at 5/s take 60.3 s).
pub const SAFETY_MARGIN: f64 = 0.005;

#[derive(Debug)]
pub struct Pacer {
    interval: Duration,
    per_second: usize,
    next_slot: Option<Instant>,
    recent: VecDeque<Instant>,
}

impl Pacer {
    /// `rate` dials per second (above 0).
    pub fn new(rate: f64) -> Pacer {
        let rate = if rate.is_finite() && rate > 0.0 {
            rate
        } else {
            1.0
        };
        Pacer {
            interval: Duration::from_secs_f64((1.0 + SAFETY_MARGIN) / rate),
            per_second: (rate.ceil() as usize).max(1),
            next_slot: None,
            recent: VecDeque::new(),
        }
    }

    /// The interval between dials.
    pub fn interval(&self) -> Duration {
        self.interval
    }

    /// The earliest moment the next dial may be sent (`now` at the earliest).
    pub fn ready_at(&self, now: Instant) -> Instant {
        let mut at = self.next_slot.unwrap_or(now);
        if self.recent.len() >= self.per_second
            && let Some(oldest) = self.recent.front()
        {
            at = at.max(*oldest + Duration::from_secs(1));
        }
        at.max(now)
    }

    /// Records a dial to be sent at `now` (a moment at or after `ready_at`).
    pub fn take(&mut self, now: Instant) {
        // Keep the grid when only a little late; after a pause, start a new one from now.
        let slot = match self.next_slot {
            Some(slot) if now.saturating_duration_since(slot) < self.interval => slot,
            _ => now,
        };
        self.next_slot = Some(slot + self.interval);
        self.recent.push_back(now);
        while self.recent.len() > self.per_second {
            self.recent.pop_front();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn five_a_second_on_a_grid_never_six_in_a_second() {
        let start = Instant::now();
        let mut p = Pacer::new(5.0);
        let mut sent = Vec::new();
        let mut now = start;
        for i in 0..50 {
            now = p.ready_at(now).max(now);
            // Every third dial goes out 3 ms late.
            let late = if i % 3 == 0 {
                Duration::from_millis(3)
            } else {
                Duration::ZERO
            };
            now += late;
            p.take(now);
            sent.push(now);
        }
        for w in sent.windows(6) {
            assert!(w[5] - w[0] >= Duration::from_secs(1), "{:?}", w[5] - w[0]);
        }
        let total = *sent.last().unwrap() - start;
        assert!(
            total < Duration::from_millis(9_849 + 20),
            "49 intervals of 0.201 s, drift kept small: {total:?}"
        );
    }

    #[test]
    fn after_a_pause_the_next_dial_goes_at_once() {
        let start = Instant::now();
        let mut p = Pacer::new(1.0);
        p.take(start);
        let later = start + Duration::from_secs(30);
        assert_eq!(p.ready_at(later), later);
        assert_eq!(
            Pacer::new(0.5).ready_at(start),
            start,
            "a fresh pacer is ready"
        );
    }
}
