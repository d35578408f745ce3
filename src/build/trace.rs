//! "Trace it": the sha256 of each stored source text, so anyone can check that the text the
//! timeline quotes is byte for byte the one in `data/sources/` (and in `dist/sources/`).
//!
//! `data/sources.json` gives each source's `sha256`; `validate` recomputes it ([`hash_problem`])
//! and says the right value when they differ. The annotations name the same text by its
//! RFC 6920 hash URI ([`ni_uri`]: `ni:///sha-256;<base64url>`), which carries the same digest.
//!
//! Build-only (native): the page shows the hash from the bundle and never computes one.

use sha2::{Digest, Sha256};

/// The sha256 of `text`'s UTF-8 bytes, as 64 lowercase hex digits.
pub fn sha256_hex(text: &str) -> String {
    Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// What is wrong with the `given` sha256 of the text at `file`, as (problem, fix); `None` when
/// it is right.
pub fn hash_problem(file: &str, text: &str, given: &str) -> Option<(String, String)> {
    let actual = sha256_hex(text);
    if given == actual {
        return None;
    }
    let fix = format!(
        "if the text was updated on purpose (check that every quote still stands in it), set sha256 to \"{actual}\"; otherwise restore the text as published"
    );
    Some(if given.is_empty() {
        (
            format!("the source has no sha256; the text at {file} has sha256 {actual}"),
            format!("add \"sha256\": \"{actual}\" after checking that this is the text the events quote"),
        )
    } else {
        (
            format!("the text at {file} has sha256 {actual}, not the {given} given here"),
            fix,
        )
    })
}

/// The RFC 6920 name of a text with this sha256 (hex): `ni:///sha-256;` and the digest in
/// base64url without padding, with the media type, e.g.
/// `ni:///sha-256;f4OxZX_x_FO5LcGBSKHWXfwtSx-j1ncoSt3SABJtkGk?ct=text/plain`. `None` if `hex`
/// is not 64 hex digits.
pub fn ni_uri(hex: &str) -> Option<String> {
    if hex.len() != 64 {
        return None;
    }
    let bytes = (0..32)
        .map(|i| u8::from_str_radix(hex.get(2 * i..2 * i + 2)?, 16).ok())
        .collect::<Option<Vec<u8>>>()?;
    Some(format!("ni:///sha-256;{}?ct=text/plain", base64url(&bytes)))
}

/// Base64url (RFC 4648 §5) without padding. Hand-written: eleven lines for the one use here,
/// against a dependency.
fn base64url(bytes: &[u8]) -> String {
    const ABC: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, &b)| n | (u32::from(b) << (16 - 8 * i)));
        for k in 0..=chunk.len() {
            out.push(char::from(ABC[((n >> (18 - 6 * k)) & 63) as usize]));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sha256_of_known_texts() {
        assert_eq!(
            sha256_hex(""),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
        assert_eq!(
            sha256_hex("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        // UTF-8 bytes, not characters.
        assert_ne!(sha256_hex("\u{201C}"), sha256_hex("\""));
    }

    #[test]
    fn rfc_6920_example() {
        // RFC 6920, section 8.1: "Hello World!".
        let hex = sha256_hex("Hello World!");
        assert_eq!(
            ni_uri(&hex).unwrap(),
            "ni:///sha-256;f4OxZX_x_FO5LcGBSKHWXfwtSx-j1ncoSt3SABJtkGk?ct=text/plain"
        );
        assert_eq!(ni_uri("abc"), None);
        assert_eq!(ni_uri(&"zz".repeat(32)), None);
    }

    #[test]
    fn base64url_pads_nothing() {
        assert_eq!(base64url(b""), "");
        assert_eq!(base64url(b"f"), "Zg");
        assert_eq!(base64url(b"fo"), "Zm8");
        assert_eq!(base64url(b"foo"), "Zm9v");
        assert_eq!(base64url(&[0xfb, 0xff]), "-_8");
    }

    #[test]
    fn problems_say_the_right_value() {
        let right = sha256_hex("text");
        assert_eq!(hash_problem("sources/a.txt", "text", &right), None);
        let (problem, fix) = hash_problem("sources/a.txt", "text", "00").unwrap();
        assert_eq!(
            problem,
            format!("the text at sources/a.txt has sha256 {right}, not the 00 given here")
        );
        assert!(fix.contains(&format!("set sha256 to \"{right}\"")), "{fix}");
        let (problem, fix) = hash_problem("sources/a.txt", "text", "").unwrap();
        assert!(problem.starts_with("the source has no sha256"), "{problem}");
        assert!(fix.contains(&right), "{fix}");
    }
}
