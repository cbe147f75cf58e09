//! The binary Trunk builds: everything lives in the library so that tests can mount `App`.

#[cfg(target_arch = "wasm32")]
fn main() {
    iam_web::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {}
