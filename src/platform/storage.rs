//! The browser's local storage: read, write and remove one text entry.
//! Every failure (storage switched off, private mode, quota) is returned as
//! a short reason for a message, never a crash.

use wasm_bindgen::JsValue;

fn storage() -> Result<web_sys::Storage, String> {
    area(true)
}

/// The window's local storage (`local`), or this tab's session storage
/// (kept across reloads and pages of the tab, not shared with other tabs,
/// gone when the tab is closed).
fn area(local: bool) -> Result<web_sys::Storage, String> {
    let window = web_sys::window().ok_or_else(|| "no browser window".to_string())?;
    let (found, name) = if local {
        (window.local_storage(), "local")
    } else {
        (window.session_storage(), "session")
    };
    match found {
        Ok(Some(storage)) => Ok(storage),
        Ok(None) => Err(format!("{name} storage is not available")),
        Err(e) => Err(reason(&e)),
    }
}

thread_local! {
    /// What could not be written to session storage (blocked or full): kept
    /// for this page's life, so that moving between the app's pages loses
    /// nothing (a reload does).
    static UNSAVED: std::cell::RefCell<Vec<(String, String)>> =
        const { std::cell::RefCell::new(Vec::new()) };
}

/// As [`read`], in this tab's session storage, or what [`session_write`]
/// could only keep in memory.
pub fn session_read(key: &str) -> Result<Option<String>, String> {
    let kept = UNSAVED.with(|m| {
        m.borrow()
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.clone())
    });
    if let Some(kept) = kept {
        return Ok(Some(kept));
    }
    area(false)?.get_item(key).map_err(|e| reason(&e))
}

/// As [`write`], in this tab's session storage. When the browser refuses,
/// the text is kept in memory for this page's life and the reason returned.
pub fn session_write(key: &str, text: &str) -> Result<(), String> {
    let written = area(false).and_then(|a| a.set_item(key, text).map_err(|e| reason(&e)));
    UNSAVED.with(|m| {
        let mut m = m.borrow_mut();
        m.retain(|(k, _)| k != key);
        if written.is_err() {
            m.push((key.to_string(), text.to_string()));
        }
    });
    written
}

/// As [`remove`], in this tab's session storage (and in memory).
pub fn session_remove(key: &str) -> Result<(), String> {
    UNSAVED.with(|m| m.borrow_mut().retain(|(k, _)| k != key));
    area(false)?.remove_item(key).map_err(|e| reason(&e))
}

/// A short reason from a DOM exception: its name, translated where useful.
fn reason(error: &JsValue) -> String {
    let name = js_sys::Reflect::get(error, &JsValue::from_str("name"))
        .ok()
        .and_then(|n| n.as_string())
        .unwrap_or_default();
    match name.as_str() {
        "QuotaExceededError" => "the browser's storage for this page is full".to_string(),
        "SecurityError" => "the browser does not allow storage for this page".to_string(),
        "" => "the browser refused".to_string(),
        other => format!("the browser refused: {other}"),
    }
}

/// The text saved under `key`: `Ok(None)` when nothing is saved,
/// `Err(reason)` when local storage cannot be used here.
pub fn read(key: &str) -> Result<Option<String>, String> {
    storage()?.get_item(key).map_err(|e| reason(&e))
}

/// Saves `text` under `key`.
pub fn write(key: &str, text: &str) -> Result<(), String> {
    storage()?.set_item(key, text).map_err(|e| reason(&e))
}

/// Removes the entry `key`.
pub fn remove(key: &str) -> Result<(), String> {
    storage()?.remove_item(key).map_err(|e| reason(&e))
}

/// Calls `on_change` with the text now saved under `key` each time another
/// tab or window of this page changes it (the browser's `storage` event,
/// which never fires in the tab that wrote; one for another key is ignored,
/// one from clearing the whole storage is not), until the listener is
/// dropped.
pub fn on_change_elsewhere(
    key: &'static str,
    on_change: impl Fn(Result<Option<String>, String>) + 'static,
) -> super::location::WindowListener {
    super::location::listen_to("storage", false, move |event| {
        // `key` is null when the other tab cleared the whole storage.
        let changed = js_sys::Reflect::get(&event, &"key".into())
            .ok()
            .and_then(|k| k.as_string());
        if changed.is_none_or(|changed| changed == key) {
            on_change(read(key));
        }
    })
}
