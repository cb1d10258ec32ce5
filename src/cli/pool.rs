//! Work on many items with several threads, handing the results back in input order.
//!
//! Workers take items from one shared iterator; results wait in a reorder buffer until every
//! earlier result has been handed on. A worker does not take item `i` until the caller has
//! received result `i - window`, so at most `window` items are in flight or waiting, however
//! many there are in all (a slow item holds the others back instead of letting the buffer grow).

use std::collections::BTreeMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::{Condvar, Mutex, MutexGuard};
use std::time::Duration;

/// What the caller's sink tells the pool after each result.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flow {
    Continue,
    /// Take no more items (e.g. stdout was closed); items already running still finish.
    Stop,
}

/// How far the run has got, for a progress line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Status {
    /// Results handed to the sink.
    pub done: usize,
    /// All items, once the iterator has run out; `None` while more may come.
    pub total: Option<usize>,
}

struct State<I, R> {
    items: I,
    /// Items taken from the iterator so far (the next item's index).
    taken: usize,
    /// Results handed to the sink so far (the index of the next one due).
    handed: usize,
    /// Finished results waiting for an earlier one.
    ready: BTreeMap<usize, Option<R>>,
    exhausted: bool,
    stop: bool,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    // A panic is caught around `work`, never while the lock is held; stay usable regardless.
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// Runs `work` on every item with `jobs` threads and calls `sink` with each result in the order
/// of the items. A `work` that panics gives `None` for its item; the others go on. `tick` is
/// called after each result and about every `tick_every` while waiting for one (for a progress
/// line); `sink` and `tick` run on the calling thread.
pub fn for_each_ordered<I, R, W, S, T>(
    items: I,
    jobs: usize,
    window: usize,
    work: W,
    mut sink: S,
    mut tick: T,
    tick_every: Duration,
) where
    I: Iterator + Send,
    I::Item: Send,
    R: Send,
    W: Fn(I::Item) -> R + Sync,
    S: FnMut(Option<R>) -> Flow,
    T: FnMut(Status),
{
    let jobs = jobs.max(1);
    let window = window.max(jobs);
    let state = Mutex::new(State { items, taken: 0, handed: 0, ready: BTreeMap::new(), exhausted: false, stop: false });
    let changed = Condvar::new();

    std::thread::scope(|scope| {
        for _ in 0..jobs {
            scope.spawn(|| loop {
                let mut st = lock(&state);
                while !st.stop && !st.exhausted && st.taken >= st.handed + window {
                    st = changed.wait(st).unwrap_or_else(|e| e.into_inner());
                }
                if st.stop || st.exhausted {
                    return;
                }
                let next = catch_unwind(AssertUnwindSafe(|| st.items.next())).unwrap_or(None);
                let Some(item) = next else {
                    st.exhausted = true;
                    changed.notify_all();
                    return;
                };
                let index = st.taken;
                st.taken += 1;
                drop(st);
                let result = catch_unwind(AssertUnwindSafe(|| work(item))).ok();
                lock(&state).ready.insert(index, result);
                changed.notify_all();
            });
        }

        let mut st = lock(&state);
        loop {
            let due = st.handed;
            if let Some(result) = st.ready.remove(&due) {
                st.handed += 1;
                changed.notify_all();
                let status = status_of(&st);
                drop(st);
                let flow = sink(result);
                tick(status);
                st = lock(&state);
                if flow == Flow::Stop {
                    st.stop = true;
                    changed.notify_all();
                    break;
                }
                continue;
            }
            if st.exhausted && st.handed == st.taken {
                let status = status_of(&st);
                drop(st);
                tick(status);
                break;
            }
            let (guard, timeout) = changed.wait_timeout(st, tick_every).unwrap_or_else(|e| e.into_inner());
            st = guard;
            if timeout.timed_out() {
                let status = status_of(&st);
                drop(st);
                tick(status);
                st = lock(&state);
            }
        }
    });
}

fn status_of<I, R>(st: &State<I, R>) -> Status {
    Status { done: st.handed, total: st.exhausted.then_some(st.taken) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    /// Every result of `work` over `0..n`, in the order they were handed over.
    fn collect(n: usize, jobs: usize, window: usize, work: impl Fn(usize) -> usize + Sync) -> Vec<Option<usize>> {
        let mut out = Vec::new();
        for_each_ordered(
            0..n,
            jobs,
            window,
            work,
            |r| {
                out.push(r);
                Flow::Continue
            },
            |_| {},
            Duration::from_millis(5),
        );
        out
    }

    fn run(n: usize, jobs: usize, window: usize, delay: impl Fn(usize) -> u64 + Sync) -> Vec<Option<usize>> {
        collect(n, jobs, window, |i| {
            std::thread::sleep(Duration::from_millis(delay(i)));
            i * 10
        })
    }

    #[test]
    fn results_come_in_input_order_whatever_order_they_finish_in() {
        // Early items are the slowest, so later ones finish first.
        let out = run(40, 4, 8, |i| if i % 7 == 0 { 15 } else { 0 });
        assert_eq!(out, (0..40).map(|i| Some(i * 10)).collect::<Vec<_>>());
        assert_eq!(run(0, 3, 4, |_| 0), Vec::<Option<usize>>::new());
        assert_eq!(run(5, 1, 1, |_| 0), (0..5).map(|i| Some(i * 10)).collect::<Vec<_>>());
    }

    #[test]
    fn a_slow_item_holds_back_at_most_a_window_of_others() {
        let started = AtomicUsize::new(0);
        let max_ahead = AtomicUsize::new(0);
        let handed = AtomicUsize::new(0);
        let window = 6;
        for_each_ordered(
            0..50usize,
            4,
            window,
            |i| {
                started.fetch_add(1, Ordering::SeqCst);
                let ahead = i - handed.load(Ordering::SeqCst);
                max_ahead.fetch_max(ahead, Ordering::SeqCst);
                if i == 3 {
                    std::thread::sleep(Duration::from_millis(60));
                }
            },
            |_| {
                handed.fetch_add(1, Ordering::SeqCst);
                Flow::Continue
            },
            |_| {},
            Duration::from_millis(5),
        );
        assert_eq!(started.load(Ordering::SeqCst), 50);
        assert!(max_ahead.load(Ordering::SeqCst) <= window, "{}", max_ahead.load(Ordering::SeqCst));
    }

    #[test]
    fn a_panicking_item_gives_none_and_the_rest_go_on() {
        let out = collect(6, 2, 4, |i| if i == 2 { panic!("boom") } else { i });
        assert_eq!(out, vec![Some(0), Some(1), None, Some(3), Some(4), Some(5)]);
    }

    #[test]
    fn stop_takes_no_more_items() {
        let taken = AtomicUsize::new(0);
        let mut seen = 0;
        for_each_ordered(
            0..1000usize,
            2,
            4,
            |i| {
                taken.fetch_add(1, Ordering::SeqCst);
                i
            },
            |_| {
                seen += 1;
                if seen == 3 {
                    Flow::Stop
                } else {
                    Flow::Continue
                }
            },
            |_| {},
            Duration::from_millis(5),
        );
        assert_eq!(seen, 3);
        assert!(taken.load(Ordering::SeqCst) <= 3 + 4, "{}", taken.load(Ordering::SeqCst));
    }

    #[test]
    fn tick_reports_the_total_once_known() {
        let mut last = None;
        for_each_ordered(0..7usize, 3, 4, |i| i, |_| Flow::Continue, |s| last = Some(s), Duration::from_millis(5));
        assert_eq!(last, Some(Status { done: 7, total: Some(7) }));
    }
}
