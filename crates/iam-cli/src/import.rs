//! `iamplay import aws-authz FILE`: the output of `aws iam get-account-authorization-details` as a
//! workspace (format v2) on standard output.

use std::io::{self, Write};

use crate::context::Context;
use crate::input::read_text;

/// `iamplay import aws-authz FILE [--account ID]`: the workspace on stdout, a summary on stderr.
pub fn run(cx: &mut Context, args: &crate::args::ImportArgs) -> io::Result<u8> {
    let Context { out, err, .. } = cx;
    let name = args.path.display().to_string();
    let mut text = String::new();
    if !read_text(&mut *err, &args.path, &name, &mut text)? {
        return Ok(2);
    }
    match iam_core::tools::import_authorization_details(&text, args.account.as_deref()) {
        Err(errors) => {
            for e in &errors {
                crate::input::write_scenario_error(&mut *err, &name, e)?;
            }
            Ok(2)
        }
        Ok(imported) => {
            out.write_all(imported.workspace.as_bytes())?;
            // Before the summary on standard error, as when it was written unbuffered.
            out.flush()?;
            writeln!(
                err,
                "{name}: imported {} users, {} groups, {} roles, {} managed policies; {} fields not used",
                imported.users, imported.groups, imported.roles, imported.policies, imported.ignored_fields
            )?;
            if !imported.missing_policies.is_empty() {
                writeln!(
                    err,
                    "{name}: {} attached policies are not in the file, so their attachments are left out (AWS managed policies are listed only with `--filter AWSManagedPolicy`): {}",
                    imported.missing_policies.len(),
                    imported.missing_policies.join(", ")
                )?;
            }
            if !imported.missing_groups.is_empty() {
                writeln!(
                    err,
                    "{name}: {} groups that users are in are not in the file, so those memberships are left out (the output of `--filter User` has no groups): {}",
                    imported.missing_groups.len(),
                    imported.missing_groups.join(", ")
                )?;
            }
            Ok(0)
        }
    }
}
