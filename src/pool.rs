//! A cache of small blocks in front of the wasm's allocator. A check makes about a thousand
//! small allocations (cells' texts, tokens, terms) and frees them all; talc's bookkeeping for
//! each was about a tenth of the check's time in wasm. Here a block of up to 256 bytes goes back
//! to a free list of its size class (16-byte steps) and the next block of that class is popped
//! from it: a few loads and stores. Larger blocks go to the allocator below.
//!
//! Blocks in the lists are never given back (wasm memory never shrinks anyway): what the lists
//! hold is bounded by the most small blocks of a class ever live at once.
//!
//! Not thread-safe: for wasm32 without threads (the only place it is the global allocator).

use std::alloc::{GlobalAlloc, Layout};
use std::cell::UnsafeCell;
use std::ptr;

/// The size step of the classes, and the alignment every pooled block has.
const GRAIN: usize = 16;
/// Classes of 16, 32, … 256 bytes.
const CLASSES: usize = 16;

pub struct Pooled<A> {
    inner: A,
    /// The first free block of each class; each free block holds the address of the next.
    free: UnsafeCell<[*mut u8; CLASSES]>,
}

// SAFETY: only ever used by one thread (wasm32 without the atomics feature: no threads).
unsafe impl<A: Sync> Sync for Pooled<A> {}

impl<A> Pooled<A> {
    pub const fn new(inner: A) -> Self {
        Pooled { inner, free: UnsafeCell::new([ptr::null_mut(); CLASSES]) }
    }
}

/// The class a layout is pooled in, if it is small enough.
fn class(layout: Layout) -> Option<usize> {
    (layout.size() > 0 && layout.size() <= GRAIN * CLASSES && layout.align() <= GRAIN)
        .then(|| (layout.size() - 1) / GRAIN)
}

/// The layout every block of class `c` is allocated with.
fn class_layout(c: usize) -> Layout {
    // SAFETY: a non-zero multiple of GRAIN, a power of two, far below isize::MAX.
    unsafe { Layout::from_size_align_unchecked((c + 1) * GRAIN, GRAIN) }
}

unsafe impl<A: GlobalAlloc> GlobalAlloc for Pooled<A> {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let Some(c) = class(layout) else {
            return unsafe { self.inner.alloc(layout) };
        };
        // SAFETY: one thread; a free block is GRAIN-aligned and holds the next free block.
        unsafe {
            let heads = &mut *self.free.get();
            let block = heads[c];
            if block.is_null() {
                return self.inner.alloc(class_layout(c));
            }
            heads[c] = *(block as *mut *mut u8);
            block
        }
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
        // SAFETY: one thread; the block came from `alloc` with a layout of this class, so it is
        // GRAIN-aligned and at least GRAIN bytes long.
        unsafe {
            let heads = &mut *self.free.get();
            *(block as *mut *mut u8) = heads[c];
            heads[c] = block;
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
    use std::alloc::System;

    #[test]
    fn a_freed_small_block_is_the_next_of_its_class() {
        let pool = Pooled::new(System);
        let (a, b) = (Layout::from_size_align(20, 4).unwrap(), Layout::from_size_align(32, 8).unwrap());
        unsafe {
            let p = pool.alloc(a);
            pool.dealloc(p, a);
            assert_eq!(pool.alloc(b), p, "20 and 32 bytes are both of the 32-byte class");
            let big = Layout::from_size_align(257, 8).unwrap();
            let q = pool.alloc(big);
            pool.dealloc(q, big);
            assert!((*pool.free.get()).iter().all(|head| head.is_null()), "a large block is not pooled");
        }
    }

    /// Random allocations, reallocations and frees through a pool over the system allocator:
    /// every block keeps its bytes while it lives, and no two live blocks overlap.
    #[test]
    fn blocks_keep_their_bytes_and_do_not_overlap() {
        let pool = Pooled::new(System);
        let mut live: Vec<(*mut u8, Layout, u8)> = Vec::new();
        let mut seed = 0x2545_F491_4F6C_DD1Du64;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let fill = |p: *mut u8, n: usize, v: u8| unsafe { ptr::write_bytes(p, v, n) };
        let holds = |p: *mut u8, n: usize, v: u8| (0..n).all(|i| unsafe { *p.add(i) } == v);
        for step in 0..20_000u32 {
            let r = next();
            let tag = (step % 251) as u8;
            if live.len() < 200 && r % 3 != 0 {
                let size = [1, 8, 15, 16, 17, 100, 255, 256, 257, 1000][(r >> 8) as usize % 10];
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
                    let new_size = [1, 16, 40, 256, 300, 2000][(r >> 32) as usize % 6];
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
