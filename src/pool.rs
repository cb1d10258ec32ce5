//! A cache of small blocks in front of an allocator. A check makes about a thousand small
//! allocations (cells' texts, tokens, terms) and frees them all; the allocator's bookkeeping for
//! each was about a tenth of the check's time (talc in wasm, glibc's malloc natively). Here a
//! block of up to 256 bytes goes back to a free list of its size class (16-byte steps), one of
//! up to 64 KB to that of its power of two (the texts, maps and token lists a check makes a few
//! dozen of: glibc's bins cost a few hundred instructions for each), and the next block of that
//! class is popped from it: a few loads and stores. Larger blocks go to the allocator below.
//!
//! Two kinds of lists: [`OneThread`] for wasm32 without threads (the wasm's global allocator, in
//! front of talc), and [`PerThread`] for the command line (in front of the system allocator),
//! where each thread has its own lists, each at most [`PER_THREAD_CAP`] blocks long (a large
//! class's at most [`LARGE_CLASS_BYTES`] in all): a block
//! freed on another thread than its own (a report made by a worker, written by the main thread)
//! joins the freeing thread's list, or goes back to the system allocator when that is full, so
//! the lists never grow without bound. A thread's lists go back to the system allocator when
//! the thread ends (the command line reads each PDF on a thread of its own).
//!
//! Otherwise blocks in the lists are never given back (wasm memory never shrinks anyway): what
//! they hold is bounded by the most small blocks of a class live at once, and by the cap.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
#[cfg(any(target_arch = "wasm32", test))]
use std::cell::UnsafeCell;
use std::ptr;

/// The size step of the classes, and the alignment every pooled block has.
const GRAIN: usize = 16;
/// Classes of 16, 32, … 256 bytes.
const SMALL_CLASSES: usize = 16;
/// Then classes of 512 bytes, 1 KB, … 64 KB.
const CLASSES: usize = SMALL_CLASSES + 8;
/// The largest block pooled.
const LARGEST: usize = 512 << (CLASSES - SMALL_CLASSES - 1);
/// The most blocks one thread's list of one small class holds (at most 1.1 MB a thread in all).
pub const PER_THREAD_CAP: u32 = 512;
/// The most bytes one thread's list of one large class holds (at most 2 MB a thread in all).
pub const LARGE_CLASS_BYTES: usize = 256 * 1024;

/// How many blocks one thread's list of class `c` holds at most.
fn cap(c: usize) -> u32 {
    if c < SMALL_CLASSES {
        PER_THREAD_CAP
    } else {
        (LARGE_CLASS_BYTES / class_layout(c).size()) as u32
    }
}

pub struct Pooled<A, L> {
    inner: A,
    lists: L,
}

/// Where a pool keeps its free lists. A free block holds the address of the next.
pub trait FreeLists {
    /// Takes the first free block of class `c` off its list, or null when it is empty.
    ///
    /// # Safety
    /// `c < CLASSES`; every block on the lists was put there by [`FreeLists::push`].
    unsafe fn pop(&self, c: usize) -> *mut u8;
    /// Puts `block` first on class `c`'s list, or returns false when that list is full.
    ///
    /// # Safety
    /// `c < CLASSES`; `block` is free, GRAIN-aligned and at least GRAIN bytes long.
    unsafe fn push(&self, c: usize, block: *mut u8) -> bool;
}

/// Lists for a program with one thread (wasm32 without the atomics feature), unbounded.
#[cfg(any(target_arch = "wasm32", test))]
pub struct OneThread(UnsafeCell<[*mut u8; CLASSES]>);

// SAFETY: only ever used by one thread (wasm32 without threads; a test's own pool).
#[cfg(any(target_arch = "wasm32", test))]
unsafe impl Sync for OneThread {}

#[cfg(any(target_arch = "wasm32", test))]
impl<A> Pooled<A, OneThread> {
    pub(crate) const fn one_thread(inner: A) -> Self {
        Pooled { inner, lists: OneThread(UnsafeCell::new([ptr::null_mut(); CLASSES])) }
    }
}

#[cfg(any(target_arch = "wasm32", test))]
impl FreeLists for OneThread {
    unsafe fn pop(&self, c: usize) -> *mut u8 {
        // SAFETY: one thread; the caller's promises.
        unsafe {
            let heads = &mut *self.0.get();
            let block = heads[c];
            if !block.is_null() {
                heads[c] = *(block as *mut *mut u8);
            }
            block
        }
    }

    unsafe fn push(&self, c: usize, block: *mut u8) -> bool {
        // SAFETY: one thread; the caller's promises.
        unsafe {
            let heads = &mut *self.0.get();
            *(block as *mut *mut u8) = heads[c];
            heads[c] = block;
        }
        true
    }
}

/// Each thread's own lists, of at most [`PER_THREAD_CAP`] blocks each (a large class's, at most
/// [`LARGE_CLASS_BYTES`]), in front of the system allocator (which the lists give their blocks
/// back to when their thread ends).
pub struct PerThread;

/// One thread's lists. Its constant start needs no lazy initialization; dropping it (when the
/// thread ends) gives every block back to the system allocator. The destructor is registered on
/// the thread's first use through the C library (`__cxa_thread_atexit_impl`), whose own
/// allocation does not come back here. After it has run, the thread's remaining allocations and
/// frees go straight to the system allocator (`try_with` fails).
struct Lists {
    heads: [Cell<*mut u8>; CLASSES],
    lengths: [Cell<u32>; CLASSES],
}

impl Drop for Lists {
    fn drop(&mut self) {
        for c in 0..CLASSES {
            let mut block = self.heads[c].replace(ptr::null_mut());
            while !block.is_null() {
                // SAFETY: a block on a list holds the next; every block on a PerThread list was
                // allocated by the system allocator with `class_layout(c)`.
                unsafe {
                    let next = *(block as *mut *mut u8);
                    System.dealloc(block, class_layout(c));
                    block = next;
                }
                #[cfg(test)]
                RELEASED.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            }
            self.lengths[c].set(0);
        }
    }
}

/// Blocks given back by ending threads' lists (for the tests).
#[cfg(test)]
static RELEASED: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

thread_local! {
    static LISTS: Lists = const {
        Lists { heads: [const { Cell::new(ptr::null_mut()) }; CLASSES], lengths: [const { Cell::new(0) }; CLASSES] }
    };
}

impl Pooled<System, PerThread> {
    pub const fn per_thread() -> Self {
        Pooled { inner: System, lists: PerThread }
    }
}

impl FreeLists for PerThread {
    unsafe fn pop(&self, c: usize) -> *mut u8 {
        LISTS
            .try_with(|l| {
                let block = l.heads[c].get();
                if !block.is_null() {
                    // SAFETY: a block on this thread's list holds the next.
                    l.heads[c].set(unsafe { *(block as *mut *mut u8) });
                    l.lengths[c].set(l.lengths[c].get() - 1);
                }
                block
            })
            .unwrap_or(ptr::null_mut())
    }

    unsafe fn push(&self, c: usize, block: *mut u8) -> bool {
        LISTS
            .try_with(|l| {
                if l.lengths[c].get() >= cap(c) {
                    return false;
                }
                // SAFETY: the caller's promises: the block is free and holds a pointer.
                unsafe { *(block as *mut *mut u8) = l.heads[c].get() };
                l.heads[c].set(block);
                l.lengths[c].set(l.lengths[c].get() + 1);
                true
            })
            .unwrap_or(false)
    }
}

/// The class a layout is pooled in, if it is small enough.
fn class(layout: Layout) -> Option<usize> {
    let size = layout.size();
    if size == 0 || size > LARGEST || layout.align() > GRAIN {
        return None;
    }
    Some(match size {
        ..=256 => (size - 1) / GRAIN,
        // 257–512 → the first large class, 513–1024 → the next, …
        _ => SMALL_CLASSES + (usize::BITS - (size - 1).leading_zeros()) as usize - 9,
    })
}

/// The layout every block of class `c` is allocated with.
fn class_layout(c: usize) -> Layout {
    let size = if c < SMALL_CLASSES { (c + 1) * GRAIN } else { 512 << (c - SMALL_CLASSES) };
    // SAFETY: a non-zero multiple of GRAIN, a power of two, far below isize::MAX.
    unsafe { Layout::from_size_align_unchecked(size, GRAIN) }
}

unsafe impl<A: GlobalAlloc, L: FreeLists> GlobalAlloc for Pooled<A, L> {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let Some(c) = class(layout) else {
            return unsafe { self.inner.alloc(layout) };
        };
        // SAFETY: c is a class; the lists hold only blocks pushed by `dealloc`.
        let block = unsafe { self.lists.pop(c) };
        if block.is_null() {
            // SAFETY: a layout of non-zero size.
            return unsafe { self.inner.alloc(class_layout(c)) };
        }
        block
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        if class(layout).is_none() {
            return unsafe { self.inner.alloc_zeroed(layout) };
        }
        // SAFETY: as `alloc`; the block has at least `layout.size()` bytes.
        unsafe {
            let block = self.alloc(layout);
            if !block.is_null() {
                ptr::write_bytes(block, 0, layout.size());
            }
            block
        }
    }

    unsafe fn dealloc(&self, block: *mut u8, layout: Layout) {
        let Some(c) = class(layout) else {
            return unsafe { self.inner.dealloc(block, layout) };
        };
        // SAFETY: the block came from `alloc` with a layout of this class, so it is GRAIN-aligned
        // and at least GRAIN bytes long (and was allocated below with `class_layout(c)`).
        unsafe {
            if !self.lists.push(c, block) {
                self.inner.dealloc(block, class_layout(c));
            }
        }
    }

    unsafe fn realloc(&self, block: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: the caller promises `new_size`, rounded up to the alignment, fits isize.
        let new = unsafe { Layout::from_size_align_unchecked(new_size, layout.align()) };
        match (class(layout), class(new)) {
            (None, None) => unsafe { self.inner.realloc(block, layout, new_size) },
            // The block already has the room (its class's size).
            (Some(a), Some(b)) if a == b => block,
            // SAFETY: a new block, the old one's bytes copied over, the old one freed.
            _ => unsafe {
                let moved = self.alloc(new);
                if !moved.is_null() {
                    ptr::copy_nonoverlapping(block, moved, layout.size().min(new_size));
                    self.dealloc(block, layout);
                }
                moved
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_freed_small_block_is_the_next_of_its_class() {
        let pool = Pooled::one_thread(System);
        let (a, b) = (Layout::from_size_align(20, 4).unwrap(), Layout::from_size_align(32, 8).unwrap());
        unsafe {
            let p = pool.alloc(a);
            pool.dealloc(p, a);
            assert_eq!(pool.alloc(b), p, "20 and 32 bytes are both of the 32-byte class");
            let big = Layout::from_size_align(LARGEST + 1, 8).unwrap();
            let q = pool.alloc(big);
            pool.dealloc(q, big);
            assert!((*pool.lists.0.get()).iter().all(|head| head.is_null()), "a large block is not pooled");
        }
    }

    #[test]
    fn every_size_has_the_smallest_class_that_holds_it() {
        for size in 1..=LARGEST + 1 {
            let layout = Layout::from_size_align(size, 8).unwrap();
            let smallest = (0..CLASSES).find(|&c| class_layout(c).size() >= size);
            assert_eq!(class(layout), smallest, "{size}");
        }
        assert_eq!(class_layout(CLASSES - 1).size(), LARGEST);
        assert_eq!(class(Layout::from_size_align(64, 32).unwrap()), None, "an alignment above the grain");
    }

    /// A large class's list holds at most LARGE_CLASS_BYTES.
    #[test]
    fn a_large_class_holds_a_bounded_number_of_bytes() {
        let pool = Pooled::per_thread();
        let layout = Layout::from_size_align(40_000, 8).unwrap();
        let c = class(layout).unwrap();
        std::thread::scope(|s| {
            s.spawn(|| unsafe {
                let blocks: Vec<*mut u8> = (0..20).map(|_| pool_alloc(&pool, layout)).collect();
                for &b in &blocks {
                    pool.dealloc(b, layout);
                }
                let held = LISTS.with(|l| l.lengths[c].get()) as usize;
                assert_eq!(held, LARGE_CLASS_BYTES / 65536);
                assert!(held * class_layout(c).size() <= LARGE_CLASS_BYTES);
            });
        });
    }

    /// Random allocations, reallocations and frees through each kind of pool over the system
    /// allocator: every block keeps its bytes while it lives, and no two live blocks overlap.
    #[test]
    fn blocks_keep_their_bytes_and_do_not_overlap() {
        random_steps(&Pooled::one_thread(System));
        random_steps(&Pooled::per_thread());
        // Again on other threads, each with lists of its own.
        let pool = Pooled::per_thread();
        std::thread::scope(|s| {
            s.spawn(|| random_steps(&pool));
            s.spawn(|| random_steps(&pool));
        });
    }

    /// A thread's list holds at most PER_THREAD_CAP blocks of a class; the rest go back below.
    #[test]
    fn a_full_list_gives_blocks_back() {
        let pool = Pooled::per_thread();
        let layout = Layout::from_size_align(200, 8).unwrap();
        let c = class(layout).unwrap();
        let n = PER_THREAD_CAP as usize + 50;
        std::thread::scope(|s| {
            s.spawn(|| unsafe {
                let blocks: Vec<*mut u8> = (0..n).map(|_| pool.alloc(layout)).collect();
                for &b in &blocks {
                    pool.dealloc(b, layout);
                }
                LISTS.with(|l| assert_eq!(l.lengths[c].get(), PER_THREAD_CAP));
                // The list kept the first blocks freed, and hands them out newest first.
                for &b in blocks[..PER_THREAD_CAP as usize].iter().rev() {
                    assert_eq!(pool.alloc(layout), b);
                }
                LISTS.with(|l| assert_eq!(l.lengths[c].get(), 0));
            });
        });
    }

    /// Blocks made on one thread and freed on another (a worker's report, written by the main
    /// thread) join the freeing thread's lists, up to the cap: the lists stay bounded however
    /// many pass.
    #[test]
    fn blocks_freed_on_another_thread_stay_bounded() {
        let pool = &Pooled::per_thread();
        let layout = Layout::from_size_align(48, 8).unwrap();
        let c = class(layout).unwrap();
        let (send, receive) = std::sync::mpsc::sync_channel::<usize>(64);
        std::thread::scope(|s| {
            s.spawn(move || {
                for i in 0..20_000usize {
                    let p = unsafe { pool_alloc(pool, layout) };
                    unsafe { *(p as *mut usize) = i };
                    send.send(p as usize).unwrap();
                }
            });
            s.spawn(move || {
                for (i, p) in receive.iter().enumerate() {
                    assert_eq!(unsafe { *(p as *const usize) }, i, "a block changed in passing");
                    unsafe { pool.dealloc(p as *mut u8, layout) };
                }
                LISTS.with(|l| assert_eq!(l.lengths[c].get(), PER_THREAD_CAP));
            });
        });
    }

    /// An ending thread's lists go back to the system allocator (a thread per PDF would
    /// otherwise leave up to three megabytes behind each).
    #[test]
    fn an_ending_thread_gives_its_lists_back() {
        let pool = Pooled::per_thread();
        let layout = Layout::from_size_align(64, 8).unwrap();
        let before = RELEASED.load(std::sync::atomic::Ordering::Relaxed);
        std::thread::scope(|s| {
            s.spawn(|| unsafe {
                let blocks: Vec<*mut u8> = (0..100).map(|_| pool_alloc(&pool, layout)).collect();
                for b in blocks {
                    pool.dealloc(b, layout);
                }
                LISTS.with(|l| assert_eq!(l.lengths[class(layout).unwrap()].get(), 100));
            })
            // Joined explicitly: the wait lasts until the thread's destructors have run.
            .join()
            .unwrap();
        });
        assert!(RELEASED.load(std::sync::atomic::Ordering::Relaxed) - before >= 100);
    }

    unsafe fn pool_alloc<L: FreeLists>(pool: &Pooled<System, L>, layout: Layout) -> *mut u8 {
        let p = unsafe { pool.alloc(layout) };
        assert!(!p.is_null());
        p
    }

    fn random_steps<L: FreeLists>(pool: &Pooled<System, L>) {
        let mut live: Vec<(*mut u8, Layout, u8)> = Vec::new();
        let mut seed = 0x2545_F491_4F6C_DD1Du64;
        let mut next = || {
            crate::text::xorshift(&mut seed);
            seed
        };
        let fill = |p: *mut u8, n: usize, v: u8| unsafe { ptr::write_bytes(p, v, n) };
        let holds = |p: *mut u8, n: usize, v: u8| (0..n).all(|i| unsafe { *p.add(i) } == v);
        for step in 0..20_000u32 {
            let r = next();
            let tag = (step % 251) as u8;
            if live.len() < 200 && r % 3 != 0 {
                let size = [1, 8, 15, 16, 17, 100, 255, 256, 257, 1000, 4096, 70_000][(r >> 8) as usize % 12];
                let align = [1, 2, 4, 8, 16, 32][(r >> 16) as usize % 6];
                let layout = Layout::from_size_align(size, align).unwrap();
                let p = if r & 1 == 0 { unsafe { pool.alloc(layout) } } else { unsafe { pool.alloc_zeroed(layout) } };
                assert!(!p.is_null() && p as usize % align == 0);
                if r & 1 == 1 {
                    assert!(holds(p, size, 0), "alloc_zeroed gave a dirty block");
                }
                fill(p, size, tag);
                live.push((p, layout, tag));
            } else if !live.is_empty() {
                let k = (r >> 24) as usize % live.len();
                let (p, layout, v) = live.swap_remove(k);
                assert!(holds(p, layout.size(), v), "a live block lost its bytes");
                if r % 2 == 0 {
                    let new_size = [1, 16, 40, 256, 300, 2000, 5000, LARGEST, LARGEST + 1][(r >> 32) as usize % 9];
                    let q = unsafe { pool.realloc(p, layout, new_size) };
                    assert!(!q.is_null() && q as usize % layout.align() == 0);
                    assert!(holds(q, layout.size().min(new_size), v), "realloc lost bytes");
                    let layout = Layout::from_size_align(new_size, layout.align()).unwrap();
                    fill(q, new_size, tag);
                    live.push((q, layout, tag));
                } else {
                    unsafe { pool.dealloc(p, layout) };
                }
            }
            if step % 997 == 0 {
                let mut spans: Vec<(usize, usize)> =
                    live.iter().map(|(p, l, _)| (*p as usize, *p as usize + l.size())).collect();
                spans.sort_unstable();
                assert!(spans.windows(2).all(|w| w[0].1 <= w[1].0), "live blocks overlap");
            }
        }
        for (p, layout, v) in live {
            assert!(holds(p, layout.size(), v));
            unsafe { pool.dealloc(p, layout) };
        }
    }
}
