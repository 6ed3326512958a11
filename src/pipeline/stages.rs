//! A two-stage, order-keeping executor for the corpus run: every item goes through a first
//! stage (read and clean) on any worker, then, if that does not finish it, through a
//! second stage (annotate) that one worker prefers; results reach the sink in input order.
//!
//! Why not one parallel map: the annotation stage runs big Unicode rule automata whose
//! lazy DFAs are built per thread, on the text each thread meets. With every thread
//! annotating, a run of a few thousand documents builds them once per thread, and on a
//! small corpus that duplicated warm-up was most of what a second core added. Here the
//! first worker annotates (and cleans when it has nothing to annotate); the others clean,
//! and annotate only when there is nothing left to clean, so no core ever idles while
//! work waits. There are no chunk barriers: a bounded window of items is in flight, and
//! each result is written as soon as those before it are done, by the worker that
//! completed the run of ready results (no writer thread: waking one per document cost
//! more than the writing, about 2,300 context switches per 100 MB run on two cores). With
//! one worker, the caller's thread does everything in turn.
//!
//! ```
//! use casefile::pipeline::stages::{First, run_ordered};
//! let mut out = Vec::new();
//! run_ordered(
//!     1..=6,
//!     2,
//!     4,
//!     |n: u32| if n % 2 == 0 { First::Done(n) } else { First::Next(n) },
//!     |n: u32| n * 10,
//!     |o: u32| -> Result<(), ()> {
//!         out.push(o);
//!         Ok(())
//!     },
//! )
//! .unwrap();
//! assert_eq!(out, vec![10, 2, 30, 4, 50, 6]);
//! ```

use std::collections::{BTreeMap, VecDeque};
use std::panic::{AssertUnwindSafe, catch_unwind, resume_unwind};
use std::sync::{Condvar, Mutex, MutexGuard};

/// What the first stage made of an item: a final result, or work for the second stage.
#[derive(Debug)]
pub enum First<O, M> {
    /// Finished (a skipped, reused or failed document).
    Done(O),
    /// To be finished by the second stage.
    Next(M),
}

struct State<It, M, O, E> {
    items: It,
    /// Index of the next item to take.
    taken: usize,
    exhausted: bool,
    /// Index of the next result the sink needs.
    written: usize,
    /// A worker is handing results to the sink (only one at a time).
    writing: bool,
    /// First-stage results waiting for the second stage, in input order.
    queue: VecDeque<(usize, M)>,
    /// Finished results not yet handed to the sink.
    done: BTreeMap<usize, O>,
    /// Set when the sink fails or a worker panics: everyone stops.
    abort: bool,
    /// The sink's error, returned by the run.
    error: Option<E>,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    // A panicking worker sets `abort` under the lock; the state stays consistent.
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// Runs `first` then, when it returns [`First::Next`], `second` on every item of `items`
/// with `workers` threads, at most `window` items in flight, and hands the results to
/// `sink` in input order (one call at a time, from whichever worker holds the next
/// result; with one worker, everything runs on the calling thread). Stops at the first
/// sink error and returns it. A panic in a stage or in the sink is resumed on the calling
/// thread.
pub fn run_ordered<I, M, O, E, It, F, S, K>(
    items: It,
    workers: usize,
    window: usize,
    first: F,
    second: S,
    mut sink: K,
) -> Result<(), E>
where
    It: Iterator<Item = I> + Send,
    I: Send,
    M: Send,
    O: Send,
    F: Fn(I) -> First<O, M> + Sync,
    S: Fn(M) -> O + Sync,
    K: FnMut(O) -> Result<(), E> + Send,
    E: Send,
{
    if workers <= 1 {
        // One worker: the caller's thread runs both stages and the sink in turn, so
        // `--jobs 1` is one thread (a separate writer made no measurable difference).
        for item in items {
            let o = match first(item) {
                First::Done(o) => o,
                First::Next(m) => second(m),
            };
            sink(o)?;
        }
        return Ok(());
    }
    let window = window.max(1);
    let state = Mutex::new(State {
        items,
        taken: 0,
        exhausted: false,
        written: 0,
        writing: false,
        queue: VecDeque::new(),
        done: BTreeMap::new(),
        abort: false,
        error: None,
    });
    // Only the worker that set `writing` locks it, so it is never contended.
    let sink = Mutex::new(sink);
    let changed = Condvar::new();
    // Stores a result; if no one is writing and the next result the output needs is
    // ready, this worker writes it and every ready result after it, in order.
    let finish = |i: usize, o: O| {
        let mut s = lock(&state);
        s.done.insert(i, o);
        if s.writing || s.abort || !s.done.contains_key(&s.written) {
            return;
        }
        s.writing = true;
        loop {
            let next = s.written;
            let Some(o) = s.done.remove(&next) else { break };
            s.written += 1;
            drop(s);
            let r = (lock(&sink))(o);
            s = lock(&state);
            if let Err(e) = r {
                s.error = Some(e);
                s.abort = true;
                break;
            }
        }
        s.writing = false;
        drop(s);
        // The window moved (or the run stopped): workers waiting may go on.
        changed.notify_all();
    };
    let worker = |preferred: bool| {
        let mut s = lock(&state);
        loop {
            if s.abort {
                return;
            }
            // The preferred worker finishes waiting items first (its automata are warm).
            if preferred && let Some((i, m)) = s.queue.pop_front() {
                drop(s);
                finish(i, second(m));
                s = lock(&state);
                continue;
            }
            if !s.exhausted && s.taken < s.written + window {
                match s.items.next() {
                    Some(item) => {
                        let i = s.taken;
                        s.taken += 1;
                        drop(s);
                        match first(item) {
                            First::Done(o) => finish(i, o),
                            First::Next(m) if preferred => finish(i, second(m)),
                            First::Next(m) => {
                                lock(&state).queue.push_back((i, m));
                                changed.notify_all();
                            }
                        }
                        s = lock(&state);
                        continue;
                    }
                    None => {
                        s.exhausted = true;
                        changed.notify_all();
                    }
                }
            }
            // Nothing to take (all read, or the window is full): help the second stage.
            if let Some((i, m)) = s.queue.pop_front() {
                drop(s);
                finish(i, second(m));
                s = lock(&state);
                continue;
            }
            // Done when everything taken is in hand: whoever finished the last item wrote
            // it (and all before it) before coming back here.
            if s.exhausted && !s.writing && s.written == s.taken {
                return;
            }
            s = changed.wait(s).unwrap_or_else(|e| e.into_inner());
        }
    };
    let abort = || {
        lock(&state).abort = true;
        changed.notify_all();
    };
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|w| {
                let worker = &worker;
                let abort = &abort;
                scope.spawn(move || {
                    if let Err(p) = catch_unwind(AssertUnwindSafe(|| worker(w == 0))) {
                        abort();
                        resume_unwind(p);
                    }
                })
            })
            .collect();
        for h in handles {
            if let Err(p) = h.join() {
                resume_unwind(p);
            }
        }
    });
    let s = state.into_inner().unwrap_or_else(|e| e.into_inner());
    match s.error {
        Some(e) => Err(e),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    fn collect(n: usize, workers: usize, window: usize) -> Vec<usize> {
        let mut out = Vec::new();
        run_ordered(
            0..n,
            workers,
            window,
            |i| {
                // Uneven work, so results finish out of order.
                let spin = (i * 7919) % 5000;
                std::hint::black_box((0..spin).sum::<usize>());
                if i % 3 == 0 {
                    First::Done(i)
                } else {
                    First::Next(i)
                }
            },
            |i| i + 1_000_000,
            |o| -> Result<(), ()> {
                out.push(o);
                Ok(())
            },
        )
        .expect("no sink error");
        out
    }

    #[test]
    fn results_keep_input_order_for_any_worker_count_and_window() {
        let want: Vec<usize> = (0..500)
            .map(|i| if i % 3 == 0 { i } else { i + 1_000_000 })
            .collect();
        for (workers, window) in [(1, 1), (1, 64), (2, 1), (2, 3), (3, 16), (4, 500)] {
            assert_eq!(
                collect(500, workers, window),
                want,
                "{workers} workers, window {window}"
            );
        }
        assert!(collect(0, 2, 8).is_empty());
    }

    #[test]
    fn a_sink_error_stops_the_run_and_is_returned() {
        let started = AtomicUsize::new(0);
        let mut seen = 0;
        let r = run_ordered(
            0..10_000,
            2,
            8,
            |i: usize| {
                started.fetch_add(1, Ordering::Relaxed);
                First::<usize, usize>::Next(i)
            },
            |i| i,
            |o| {
                seen += 1;
                if o == 20 {
                    Err(format!("disk full at {o}"))
                } else {
                    Ok(())
                }
            },
        );
        assert_eq!(r, Err("disk full at 20".to_string()));
        assert_eq!(seen, 21);
        // The window bounds how far the workers ran ahead of the failed write.
        assert!(started.load(Ordering::Relaxed) <= 21 + 8 + 2, "{started:?}");
    }

    #[test]
    fn a_panicking_stage_reaches_the_caller_instead_of_hanging() {
        let r = catch_unwind(AssertUnwindSafe(|| {
            run_ordered(
                0..100usize,
                2,
                4,
                First::<usize, usize>::Next,
                |i| {
                    if i == 37 {
                        panic!("stage failed on {i}")
                    } else {
                        i
                    }
                },
                |_| -> Result<(), ()> { Ok(()) },
            )
        }));
        let p = r.expect_err("the panic is resumed");
        let msg = p.downcast_ref::<String>().cloned().unwrap_or_default();
        assert!(msg.contains("stage failed on 37"), "{msg}");
    }

    #[test]
    fn a_panicking_sink_reaches_the_caller_and_a_sink_error_stops_one_worker_too() {
        // Workers write in turn; a panic while one of them writes must not leave the
        // others waiting.
        for workers in [2, 3] {
            let r = catch_unwind(AssertUnwindSafe(|| {
                run_ordered(
                    0..1000usize,
                    workers,
                    16,
                    First::<usize, usize>::Next,
                    |i| i,
                    |o| -> Result<(), ()> {
                        if o == 500 {
                            panic!("sink failed on {o}")
                        }
                        Ok(())
                    },
                )
            }));
            let p = r.expect_err("the panic is resumed");
            let msg = p.downcast_ref::<String>().cloned().unwrap_or_default();
            assert!(msg.contains("sink failed on 500"), "{msg}");
        }
        let mut seen = Vec::new();
        let r = run_ordered(
            0..100usize,
            1,
            8,
            First::<usize, usize>::Done,
            |i| i,
            |o| {
                seen.push(o);
                if o == 3 { Err("stop") } else { Ok(()) }
            },
        );
        assert_eq!(r, Err("stop"));
        assert_eq!(seen, vec![0, 1, 2, 3]);
    }
}
