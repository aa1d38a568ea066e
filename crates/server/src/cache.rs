//! A bounded cache of serialised answers to pure requests (an invocation of built-in specs is
//! a function of its parameters: the world never changes while the server runs). Concurrent
//! requests for one key share one computation; the oldest key is dropped first.
//!
//! Bounded twice: by the number of keys and by bytes (answer plus key), because answers vary
//! from a few KB to several MB (a backtest with every incident listed): 300 distinct backtests
//! held by count alone took 1.8 GB (issue 13, finding 2). An answer larger than the byte bound
//! is served but not kept.

use axum::body::Bytes;
use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex};
use tokio::sync::OnceCell;

type Cell = Arc<OnceCell<Bytes>>;

/// One key: its cell and the bytes it holds once filled (0 while being computed).
struct Entry {
    cell: Cell,
    bytes: usize,
}

#[derive(Default)]
struct Entries {
    map: HashMap<String, Entry>,
    /// Keys, oldest first.
    order: VecDeque<String>,
    /// Sum of `Entry::bytes`.
    bytes: usize,
}

impl Entries {
    fn remove_oldest(&mut self) {
        if let Some(old) = self.order.pop_front() {
            if let Some(e) = self.map.remove(&old) {
                self.bytes -= e.bytes;
            }
        }
    }
}

pub struct Cache {
    max_entries: usize,
    max_bytes: usize,
    inner: Mutex<Entries>,
}

impl Cache {
    pub fn new(max_entries: usize, max_bytes: usize) -> Cache {
        Cache {
            max_entries,
            max_bytes,
            inner: Mutex::new(Entries::default()),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Entries> {
        // A poisoned lock only means another request panicked mid-insert; the map is still valid.
        self.inner.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The cell for `key`, created empty if absent.
    pub fn cell(&self, key: &str) -> Cell {
        let mut e = self.lock();
        if let Some(entry) = e.map.get(key) {
            return entry.cell.clone();
        }
        let cell: Cell = Arc::new(OnceCell::new());
        let entry = Entry {
            cell: cell.clone(),
            bytes: 0,
        };
        e.map.insert(key.to_string(), entry);
        e.order.push_back(key.to_string());
        while e.order.len() > self.max_entries {
            e.remove_oldest();
        }
        cell
    }

    /// Counts the answer now held by `cell` under `key`, then drops the oldest keys until the
    /// cache is within its byte bound. An answer over the bound alone is dropped at once.
    pub fn filled(&self, key: &str, cell: &Cell) {
        let size = cell.get().map_or(0, Bytes::len) + key.len();
        let mut e = self.lock();
        let Some(entry) = e.map.get_mut(key) else {
            return; // evicted while it was computed: nothing is held
        };
        if !Arc::ptr_eq(&entry.cell, cell) || entry.bytes != 0 {
            return; // a newer cell for the key, or already counted
        }
        entry.bytes = size;
        e.bytes += size;
        if size > self.max_bytes {
            if let Some(gone) = e.map.remove(key) {
                e.bytes -= gone.bytes;
                e.order.retain(|k| k != key);
            }
        }
        while e.bytes > self.max_bytes {
            e.remove_oldest();
        }
    }

    /// Bytes held (answers plus keys).
    pub fn bytes(&self) -> usize {
        self.lock().bytes
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fill(c: &Cache, key: &str, value: &'static [u8]) {
        let cell = c.cell(key);
        let _ = cell.set(Bytes::from_static(value));
        c.filled(key, &cell);
    }

    #[test]
    fn oldest_key_goes_first() {
        let c = Cache::new(2, 1 << 20);
        fill(&c, "a", b"1");
        c.cell("b");
        assert!(c.cell("a").initialized());
        c.cell("c");
        assert!(!c.cell("a").initialized(), "a was evicted when c came");
    }

    #[test]
    fn bytes_stay_under_the_bound() {
        let c = Cache::new(100, 25);
        fill(&c, "a", b"0123456789"); // 11 bytes with the key
        fill(&c, "b", b"0123456789");
        assert_eq!(c.bytes(), 22);
        fill(&c, "c", b"0123456789");
        assert_eq!(c.bytes(), 22, "a made room for c");
        assert!(!c.cell("a").initialized());
        fill(&c, "big", &[0; 40]);
        assert!(c.bytes() <= 25);
        assert!(
            !c.cell("big").initialized(),
            "larger than the bound: not kept"
        );
    }

    #[test]
    fn filling_twice_counts_once() {
        let c = Cache::new(10, 100);
        let cell = c.cell("a");
        let _ = cell.set(Bytes::from_static(b"xyz"));
        c.filled("a", &cell);
        c.filled("a", &cell);
        assert_eq!(c.bytes(), 4);
    }
}
