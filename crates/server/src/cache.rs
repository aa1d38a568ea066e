//! A bounded cache of serialised answers to pure requests (an invocation of built-in specs is
//! a function of its parameters: the world never changes while the server runs). Concurrent
//! requests for one key share one computation; the oldest key is dropped first.

use axum::body::Bytes;
use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex};
use tokio::sync::OnceCell;

type Cell = Arc<OnceCell<Bytes>>;

pub struct Cache {
    capacity: usize,
    inner: Mutex<(HashMap<String, Cell>, VecDeque<String>)>,
}

impl Cache {
    pub fn new(capacity: usize) -> Cache {
        Cache {
            capacity,
            inner: Mutex::new((HashMap::new(), VecDeque::new())),
        }
    }

    /// The cell for `key`, created empty if absent.
    pub fn cell(&self, key: String) -> Cell {
        // A poisoned lock only means another request panicked mid-insert; the map is still valid.
        let mut guard = self.inner.lock().unwrap_or_else(|p| p.into_inner());
        let (map, order) = &mut *guard;
        if let Some(c) = map.get(&key) {
            return c.clone();
        }
        let c: Cell = Arc::new(OnceCell::new());
        map.insert(key.clone(), c.clone());
        order.push_back(key);
        while order.len() > self.capacity {
            if let Some(old) = order.pop_front() {
                map.remove(&old);
            }
        }
        c
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn oldest_key_goes_first() {
        let c = Cache::new(2);
        let a = c.cell("a".into());
        a.set(Bytes::from_static(b"1")).unwrap();
        c.cell("b".into());
        assert!(c.cell("a".into()).initialized());
        c.cell("c".into());
        assert!(
            !c.cell("a".into()).initialized(),
            "a was evicted when c came"
        );
    }
}
