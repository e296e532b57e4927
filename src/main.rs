//! Mounts the app into the page body.

fn main() {
    ketamine_dosing_reference::ui::start();
}
