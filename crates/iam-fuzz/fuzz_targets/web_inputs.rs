//! Law: what the playground reads from outside never panics, whatever the bytes: saved work
//! (`iam_web::storage::from_json`, local storage), an imported file (`iam_web::boot::read_file`: a
//! scenario or a gallery example) and a link's fragment (`iam_web::share::parse_fragment`). Saved
//! work that reads also round-trips: written back with `storage::to_json`, it reads as the same
//! workspace.
#![no_main]

use iam_web::{boot, share, storage};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let _ = share::parse_fragment(&text);
    let _ = boot::read_file(&text);
    let Ok(work) = storage::from_json(&text) else {
        return;
    };
    let saved = storage::to_json(&work);
    match storage::from_json(&saved) {
        Ok(again) => assert!(
            again == work,
            "saved work changes when written back: {saved}"
        ),
        Err(e) => panic!("saved work written back does not read: {e}\n{saved}"),
    }
});
