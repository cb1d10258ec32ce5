//! The progress line of a long `check` run: one line on stderr, rewritten in place with `\r`.
//! Only when stderr is a terminal, and only once the run has taken a second (a short run never
//! shows it). Whatever else is written goes through [`Progress::clear`] first, so the line never
//! ends up in the middle of other output.

use super::pool::Status;
use std::io::Write;
use std::time::{Duration, Instant};

const SHOW_AFTER: Duration = Duration::from_secs(1);
const REDRAW_EVERY: Duration = Duration::from_millis(200);

pub struct Progress {
    enabled: bool,
    start: Instant,
    last_draw: Option<Instant>,
    shown: bool,
    bytes: u64,
}

impl Progress {
    pub fn new(enabled: bool) -> Self {
        Progress { enabled, start: Instant::now(), last_draw: None, shown: false, bytes: 0 }
    }

    pub fn add_bytes(&mut self, n: usize) {
        self.bytes += n as u64;
    }

    pub fn update(&mut self, status: Status) {
        if !self.enabled {
            return;
        }
        let now = Instant::now();
        let elapsed = now - self.start;
        if elapsed < SHOW_AFTER || self.last_draw.is_some_and(|t| now - t < REDRAW_EVERY) {
            return;
        }
        self.last_draw = Some(now);
        let line = line(status, self.bytes, elapsed);
        let mut err = std::io::stderr().lock();
        let _ = write!(err, "\r{line}\x1b[K");
        let _ = err.flush();
        self.shown = true;
    }

    /// Removes the line (before other output, and at the end).
    pub fn clear(&mut self) {
        if self.shown {
            let mut err = std::io::stderr().lock();
            let _ = write!(err, "\r\x1b[K");
            let _ = err.flush();
            self.shown = false;
            // Redraw at the next update, not a full interval later.
            self.last_draw = None;
        }
    }
}

/// `已检查 1200/5000 个文件 · 310 个/秒 · 2.4 MB/s` (the total once every file has been found).
pub fn line(status: Status, bytes: u64, elapsed: Duration) -> String {
    let secs = elapsed.as_secs_f64().max(1e-9);
    let count = match status.total {
        Some(total) => format!("{}/{total}", status.done),
        None => status.done.to_string(),
    };
    format!(
        "已检查 {count} 个文件 / files checked · {:.0} 个/秒 files/s · {:.1} MB/s",
        status.done as f64 / secs,
        bytes as f64 / 1e6 / secs
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_shows_count_total_and_rates() {
        let l = line(Status { done: 150, total: Some(600) }, 3_000_000, Duration::from_secs(2));
        assert_eq!(l, "已检查 150/600 个文件 / files checked · 75 个/秒 files/s · 1.5 MB/s");
        let l = line(Status { done: 10, total: None }, 0, Duration::from_secs(1));
        assert!(l.starts_with("已检查 10 个文件"), "{l}");
    }

    #[test]
    fn disabled_never_draws() {
        let mut p = Progress::new(false);
        p.start = p.start.checked_sub(Duration::from_secs(5)).unwrap_or(p.start);
        p.update(Status { done: 1, total: None });
        assert!(!p.shown);
    }
}
