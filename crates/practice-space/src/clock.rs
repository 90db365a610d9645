//! The practice clock: simulated wall time in milliseconds that runs `speed` times faster than real
//! time. It converts between simulated times and real instants (and reads the real wall clock);
//! it schedules nothing itself.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use tokio::time::Instant;

/// Where times too far away for an `Instant` are put (about 30 years: never, in practice).
const FAR_FUTURE: Duration = Duration::from_secs(30 * 365 * 86_400);

/// Simulated time. It starts at the real wall-clock time the space started and then advances
/// `speed` simulated milliseconds per real millisecond.
#[derive(Debug, Clone)]
pub(crate) struct Clock {
    origin: Instant,
    origin_ms: u64,
    speed: f64,
}

impl Clock {
    pub(crate) fn new(speed: f64) -> Self {
        Self {
            origin: Instant::now(),
            origin_ms: real_now_ms(),
            speed,
        }
    }

    /// Simulated milliseconds since the Unix epoch, now.
    pub(crate) fn now_ms(&self) -> u64 {
        let sim_elapsed = self.origin.elapsed().as_secs_f64() * self.speed * 1000.0;
        // Truncation is intended: a simulated millisecond has not passed until it has. The cast
        // saturates, so absurd speeds cannot overflow.
        self.origin_ms.saturating_add(sim_elapsed as u64)
    }

    /// The real instant at which simulated time reaches `ms`.
    pub(crate) fn instant_at(&self, ms: u64) -> Instant {
        let sim_ms = ms.saturating_sub(self.origin_ms);
        let real_secs = sim_ms as f64 / 1000.0 / self.speed;
        Duration::try_from_secs_f64(real_secs)
            .ok()
            .and_then(|real| self.origin.checked_add(real))
            .unwrap_or_else(|| self.origin + FAR_FUTURE)
    }

    /// Waits (in real time) until simulated time reaches `ms`.
    pub(crate) async fn sleep_until(&self, ms: u64) {
        tokio::time::sleep_until(self.instant_at(ms)).await;
    }
}

/// Real wall-clock time (not the practice clock), Unix milliseconds.
pub(crate) fn real_now_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fast_clock_maps_simulated_seconds_to_short_real_waits() {
        let clock = Clock::new(50.0);
        let start = clock.origin_ms;
        let at = clock.instant_at(start + 2_000);
        let real = at.duration_since(clock.origin);
        assert_eq!(real, Duration::from_millis(40));
    }

    #[test]
    fn extreme_speeds_do_not_panic() {
        let slow = Clock::new(1e-300);
        assert_eq!(
            slow.instant_at(slow.origin_ms + 1),
            slow.origin + FAR_FUTURE
        );
        let fast = Clock::new(1e300);
        assert!(fast.now_ms() >= fast.origin_ms);
    }

    #[test]
    fn times_before_the_origin_map_to_the_origin() {
        let clock = Clock::new(2.0);
        assert_eq!(clock.instant_at(0), clock.origin);
    }
}
