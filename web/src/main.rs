//! The binary Trunk builds: everything lives in the library so that tests can mount `App`.

fn main() {
    iam_web::start();
}
