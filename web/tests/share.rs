//! In-browser tests of the share-link codec (`web/src/share.rs` over `web/js/share.js`, which uses
//! the browser's `CompressionStream("deflate-raw")`). The format is docs/sharing.md's: links made
//! by its Python and Node one-liners must open.
//!
//! Run like `browser.rs` (`--test share`).
#![cfg(target_arch = "wasm32")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    reason = "test code: a failure is the point"
)]

use iam_web::share::{decode, encode, DecodeError, MAX_INFLATED};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const SCENARIO: &str = r#"{"request":{"principal":"arn:aws:iam::111122223333:user/alice","action":"s3:GetObject","resource":"arn:aws:s3:::b/k"},"policies":[]}"#;

#[wasm_bindgen_test]
async fn round_trips() {
    let payload = encode(SCENARIO).await.expect("the browser compresses");
    assert!(
        payload
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'),
        "URL-safe, no padding: {payload}"
    );
    assert_eq!(decode(&payload).await.unwrap(), SCENARIO);
    let unicode = "{\"note\": \"día 🌍\"}";
    let payload = encode(unicode).await.unwrap();
    assert_eq!(decode(&payload).await.unwrap(), unicode);
    // Larger than one 32 KiB chunk of the base64 step.
    let big = format!("[{}0]", "1234567890,".repeat(20_000));
    let payload = encode(&big).await.unwrap();
    assert!(payload.len() < big.len() / 10, "it is compressed");
    assert_eq!(decode(&payload).await.unwrap(), big);
}

#[wasm_bindgen_test]
async fn reads_what_python_zlib_writes() {
    // python3 -c 'import zlib,base64;c=zlib.compressobj(9,zlib.DEFLATED,-15);d=c.compress(b"{\"a\": 1}")+c.flush();print(base64.urlsafe_b64encode(d).decode().rstrip("="))'
    assert_eq!(decode("q1ZKVLJSMKwFAA").await.unwrap(), "{\"a\": 1}");
    assert_eq!(
        decode("q1ZKVLJSMKwFAA==").await.unwrap(),
        "{\"a\": 1}",
        "padding is tolerated"
    );
    assert_eq!(
        decode(" q1ZKVLJSMKwFAA\n").await.unwrap(),
        "{\"a\": 1}",
        "whitespace is tolerated"
    );
}

#[wasm_bindgen_test]
async fn reads_links_made_by_the_documented_scripts() {
    // docs/sharing.md: the Python (zlib, wbits=-15) and Node (deflateRawSync) one-liners, run on
    // the same small scenario file; the two compressors write different bytes.
    let python = "dVCxasMwFNz9FUZjiZvYHgraAmnXQgNd4gyq_AIKsuRKMsEY_3tPVkozuG8w1t27e-_dlOU5c_Q9kA-M5xOeAHqnjFS90ICYcIaLm-dKdJyXqApVo_jgyW2FVpLYJgmFDMqaqPI1P5CmQO9fV5Lht8GRt4OD4MEYrZz3zrZFK4LYWteS889XDyOI5qhkvcUYRR660-KUNgVjRLe4Heu3Qeu9lOT9fRrYMPYLq1oyQYXxj2mtHDqAkZ0ak-cN-8RcrN8Aali1K6ui3BXlS8M2iT8GEShqYscpYtgD-OvlghOTbK-1vUERf5cwEowbnxL6cU8g4QBx4brVgcy46vQY7JrpP8Eus-Koc2NmtuQw43vO5uwH";
    let node = "dZAxa8MwEIV3_4rjxuA0kTUUbgskXQsNdIkyqPIFFBTJlWRCMP7vRXZKM6SbeHfve6c3VAAY-bvnlJFgqAAAsIvWG9tphwSooyd9TWT1hUgIIZqmaaSUkvrEcaWdNYz1bNQm2-CLK0nasuPM719nNvl3IXIKfTT8CE6SiLoY2mWrs16F2HJML-cUPFYAY3FiF5w1lhMSHCbSfCkAen2ZaHv51ju3MYZTuqcBYL5109S27LPNt79JG0x_YV9-jYPyAAo_OSYbvEIChc1aNEuxXopXhfU832eduXjKxqFoAAMo3J1ObPJs2zgXrgrr8pzKmOUkaTGrH_cGZn2hEMb6OWrL_vaU9FjsM-g_xU5ZJeqo_IhTD2MFcKzG6gc";
    let a = decode(python).await.unwrap();
    assert_eq!(a, decode(node).await.unwrap());
    let scenario = iam_core::parse_scenario(&a).unwrap();
    assert_eq!(scenario.request.action, "s3:DeleteObject");
    assert_eq!(
        iam_core::analyze(&scenario, &iam_core::Options::default()).decision(),
        Some(iam_core::Decision::ExplicitDeny)
    );
}

#[wasm_bindgen_test]
async fn refuses_broken_payloads() {
    assert_eq!(decode("!!!").await, Err(DecodeError::Base64));
    assert_eq!(decode("A").await, Err(DecodeError::Base64));
    assert_eq!(decode("AAAA").await, Err(DecodeError::Deflate));
    // python3: zlib raw deflate of the bytes ff fe (not UTF-8).
    assert_eq!(decode("-_8PAA").await, Err(DecodeError::Utf8));
    let payload = encode(SCENARIO).await.unwrap();
    let cut = payload.get(..payload.len() / 2).unwrap();
    assert!(decode(cut).await.is_err());
}

#[wasm_bindgen_test]
async fn refuses_decompression_bombs() {
    let bomb = " ".repeat(MAX_INFLATED + 10);
    let payload = encode(&bomb).await.unwrap();
    assert!(payload.len() < 10_000, "{}", payload.len());
    assert_eq!(decode(&payload).await, Err(DecodeError::TooLarge));
    let just_fits = " ".repeat(MAX_INFLATED);
    let payload = encode(&just_fits).await.unwrap();
    assert_eq!(decode(&payload).await.map(|t| t.len()), Ok(MAX_INFLATED));
}
