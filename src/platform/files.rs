//! Files in and out: the files a user picked or dropped, read as text
//! (`Blob.text()`, nothing is fetched), and downloads made from a `Blob`
//! and an object URL clicked through a temporary `<a download>` (allowed by
//! the strict Content-Security-Policy of both builds: it is a download, not
//! a fetch).

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

/// What reading one file gave.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FileText {
    /// The text (decoded as UTF-8; invalid bytes become U+FFFD).
    Read {
        /// The file's name as the browser gives it.
        name: String,
        /// Its text.
        text: String,
    },
    /// Larger than allowed: not read at all.
    TooLarge {
        /// The file's name.
        name: String,
        /// Its size in bytes.
        bytes: u64,
    },
    /// The browser could not read it.
    Failed {
        /// The file's name.
        name: String,
        /// Why, in words.
        reason: String,
    },
}

fn list(files: Option<web_sys::FileList>) -> Vec<web_sys::File> {
    let Some(files) = files else {
        return Vec::new();
    };
    (0..files.length()).filter_map(|i| files.item(i)).collect()
}

/// The files chosen in a file input; the input is cleared so that the same
/// file can be chosen again.
pub fn take_input_files(input: &web_sys::HtmlInputElement) -> Vec<web_sys::File> {
    let files = list(input.files());
    input.set_value("");
    files
}

/// The files dropped in a drag-and-drop.
pub fn dropped_files(event: &web_sys::DragEvent) -> Vec<web_sys::File> {
    list(event.data_transfer().and_then(|d| d.files()))
}

/// Reads a file as text unless it is larger than `max_bytes` (checked from
/// its size first, so a huge file is never loaded), then calls `done`.
pub fn read_text(file: web_sys::File, max_bytes: usize, done: impl FnOnce(FileText) + 'static) {
    let name = file.name();
    let size = file.size();
    // `size` is a whole number of bytes; the float conversion saturates.
    let bytes = if size.is_finite() && size > 0.0 {
        size as u64
    } else {
        0
    };
    if bytes > u64::try_from(max_bytes).unwrap_or(u64::MAX) {
        done(FileText::TooLarge { name, bytes });
        return;
    }
    let promise = file.text();
    wasm_bindgen_futures::spawn_local(async move {
        let result = wasm_bindgen_futures::JsFuture::from(promise).await;
        done(match result.ok().and_then(|v| v.as_string()) {
            Some(text) => FileText::Read { name, text },
            None => FileText::Failed {
                name,
                reason: "the browser could not read the file".to_string(),
            },
        });
    });
}

/// Offers `text` as a file download named `file_name`.
pub fn download_text(file_name: &str, mime: &str, text: &str) -> Result<(), String> {
    let refused = |_: JsValue| "the browser did not allow the download".to_string();
    let window = web_sys::window().ok_or_else(|| "no browser window".to_string())?;
    let document = window.document().ok_or_else(|| "no document".to_string())?;
    let body = document.body().ok_or_else(|| "no page body".to_string())?;
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob =
        web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).map_err(refused)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(refused)?;
    let anchor: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(refused)?
        .dyn_into()
        .map_err(|_| "the browser did not allow the download".to_string())?;
    anchor.set_href(&url);
    anchor.set_download(file_name);
    anchor.set_class_name("sr-only");
    body.append_child(&anchor).map_err(refused)?;
    anchor.click();
    let _ = body.remove_child(&anchor);
    // The object URL is released a little later, once the download started.
    let revoke = Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    });
    let _ = window
        .set_timeout_with_callback_and_timeout_and_arguments_0(revoke.unchecked_ref(), 10_000);
    Ok(())
}
