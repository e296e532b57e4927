//! A debounced action: only the latest one runs, once the page has been quiet
//! for a moment.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

type Action = Box<dyn FnOnce()>;

#[derive(Default)]
struct Pending {
    action: Option<Action>,
    timer: Option<i32>,
    /// The timer callback (see [`Debouncer::schedule`]).
    closure: Option<Closure<dyn FnMut()>>,
}

impl Drop for Pending {
    /// A timer must not outlive its callback.
    fn drop(&mut self) {
        clear(self.timer.take());
    }
}

/// Runs the most recently scheduled action `delay_ms` after the last call to
/// [`Debouncer::schedule`]; earlier ones are dropped unrun. Clones share the
/// same pending action.
#[derive(Clone, Default)]
pub struct Debouncer {
    pending: Rc<RefCell<Pending>>,
}

impl PartialEq for Debouncer {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.pending, &other.pending)
    }
}

impl Debouncer {
    /// Replaces any pending action with `action`, due `delay_ms` from now.
    /// Without a window (a worker) the action runs at once.
    pub fn schedule(&self, delay_ms: i32, action: impl FnOnce() + 'static) {
        self.cancel();
        let Some(window) = web_sys::window() else {
            action();
            return;
        };
        let mut p = self.pending.borrow_mut();
        // One timer callback per debouncer, created on first use and kept for
        // its lifetime: the callback is never dropped while it runs. It holds
        // the pending state weakly, and strongly while it runs.
        let weak = Rc::downgrade(&self.pending);
        let closure = p.closure.get_or_insert_with(|| {
            Closure::<dyn FnMut()>::new(move || {
                let Some(pending) = weak.upgrade() else {
                    return;
                };
                let action = {
                    let mut p = pending.borrow_mut();
                    p.timer = None;
                    p.action.take()
                };
                // Run outside the borrow: the action may schedule again.
                if let Some(action) = action {
                    action();
                }
            })
        });
        let timer = window
            .set_timeout_with_callback_and_timeout_and_arguments_0(
                closure.as_ref().unchecked_ref(),
                delay_ms,
            )
            .ok();
        match timer {
            Some(id) => {
                p.action = Some(Box::new(action));
                p.timer = Some(id);
            }
            // A browser that refuses timers still gets the action.
            None => {
                drop(p);
                action();
            }
        }
    }

    /// Drops the pending action, if any, without running it; says whether
    /// there was one.
    pub fn cancel(&self) -> bool {
        let mut p = self.pending.borrow_mut();
        clear(p.timer.take());
        p.action.take().is_some()
    }
}

/// Clears a browser timer. The window is only looked up when there is a
/// timer: outside a browser (server-side rendering in the native tests) there
/// never is one, and looking it up there would panic.
fn clear(timer: Option<i32>) {
    if let Some(id) = timer {
        if let Some(window) = web_sys::window() {
            window.clear_timeout_with_handle(id);
        }
    }
}
