//! Law: `import_authorization_details` (the JSON of `aws iam get-account-authorization-details`)
//! never panics, whatever the bytes; when it imports them, the workspace it writes is one that
//! `parse_workspace` reads.
#![no_main]

use iam_core::{parse_workspace, tools::import_authorization_details};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    // The first byte decides whether an account id is given (it overrides the ARNs' accounts).
    let account = data
        .first()
        .is_some_and(|b| b % 2 == 1)
        .then_some("111122223333");
    let Ok(imported) = import_authorization_details(&text, account) else {
        return;
    };
    if let Err(errors) = parse_workspace(&imported.workspace) {
        panic!(
            "the imported workspace does not read back: {:?}\n{}",
            errors.iter().map(ToString::to_string).collect::<Vec<_>>(),
            imported.workspace
        );
    }
});
