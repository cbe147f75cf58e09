//! Exact decimal numbers for the `Numeric*` condition operators
//! (`NumericEquals`, `NumericLessThan`, ...).
//!
//! Follows <https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_Numeric>.
//! The page does not say how values are compared; we compare exactly, as
//! decimals, never through floating point: `1.50` equals `1.5`, `1e2` equals
//! `100`, `-0` equals `0`, and `0.1 + 0.2`-style rounding cannot occur.
//!
//! Syntax: optional `+` or `-`, one or more digits, optional `.` followed by
//! one or more digits, optional exponent `e`/`E` with optional sign and one
//! or more digits (magnitude at most 10000). No whitespace, hex, `NaN` or
//! `Infinity`.

use std::cmp::Ordering;

use super::quote;

/// The largest exponent magnitude accepted in the text.
const MAX_EXPONENT: i64 = 10_000;

/// A decimal number kept exactly, in a canonical form so that derived
/// equality and hashing agree with numeric equality: the value is
/// `±0.d₁d₂…dₙ × 10^exponent` with `d₁ ≠ 0` and `dₙ ≠ 0`; zero has no digits,
/// exponent 0 and is not negative.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(crate) struct Number {
    negative: bool,
    /// Significant digits, each 0-9, without leading or trailing zeros.
    digits: Vec<u8>,
    exponent: i64,
}

/// Parses a policy or request numeric value.
pub(crate) fn parse_number(s: &str) -> Result<Number, String> {
    let not_a_number = || format!("{} is not a number", quote(s));
    let bytes = s.as_bytes();
    let mut pos = 0usize;
    let digit_run = |pos: &mut usize| -> &[u8] {
        let start = *pos;
        while bytes.get(*pos).is_some_and(u8::is_ascii_digit) {
            *pos += 1;
        }
        bytes.get(start..*pos).unwrap_or_default()
    };

    let negative = match bytes.first() {
        Some(b'-') => {
            pos += 1;
            true
        }
        Some(b'+') => {
            pos += 1;
            false
        }
        _ => false,
    };
    let int = digit_run(&mut pos);
    if int.is_empty() {
        return Err(not_a_number());
    }
    let frac = if bytes.get(pos) == Some(&b'.') {
        pos += 1;
        let frac = digit_run(&mut pos);
        if frac.is_empty() {
            return Err(not_a_number());
        }
        frac
    } else {
        &[]
    };
    let exponent = if matches!(bytes.get(pos), Some(b'e' | b'E')) {
        pos += 1;
        let exp_negative = match bytes.get(pos) {
            Some(b'-') => {
                pos += 1;
                true
            }
            Some(b'+') => {
                pos += 1;
                false
            }
            _ => false,
        };
        let run = digit_run(&mut pos);
        if run.is_empty() {
            return Err(not_a_number());
        }
        let magnitude = parse_small(run).filter(|m| *m <= MAX_EXPONENT);
        let Some(magnitude) = magnitude else {
            return Err(format!(
                "{} is out of range: the exponent must be between -{MAX_EXPONENT} and {MAX_EXPONENT}",
                quote(s)
            ));
        };
        if exp_negative {
            -magnitude
        } else {
            magnitude
        }
    } else {
        0
    };
    if pos != bytes.len() {
        return Err(not_a_number());
    }

    // All digits, with the decimal point after the integer part.
    let all = int.iter().chain(frac).map(|b| b - b'0');
    let leading = all.clone().take_while(|d| *d == 0).count();
    let mut digits: Vec<u8> = all.skip(leading).collect();
    while digits.last() == Some(&0) {
        digits.pop();
    }
    if digits.is_empty() {
        return Ok(Number::zero());
    }
    let int_len = i64::try_from(int.len()).map_err(|_| not_a_number())?;
    let leading = i64::try_from(leading).map_err(|_| not_a_number())?;
    Ok(Number {
        negative,
        digits,
        exponent: int_len - leading + exponent,
    })
}

/// Decimal digits to a number, `None` when it has more than 9 significant
/// digits.
fn parse_small(run: &[u8]) -> Option<i64> {
    let significant: Vec<u8> = run.iter().copied().skip_while(|b| *b == b'0').collect();
    if significant.len() > 9 {
        return None;
    }
    Some(
        significant
            .iter()
            .fold(0i64, |acc, b| acc * 10 + i64::from(b - b'0')),
    )
}

impl Number {
    fn zero() -> Number {
        Number {
            negative: false,
            digits: Vec::new(),
            exponent: 0,
        }
    }

    /// -1, 0 or 1.
    fn signum(&self) -> i8 {
        if self.digits.is_empty() {
            0
        } else if self.negative {
            -1
        } else {
            1
        }
    }

    fn cmp_magnitude(&self, other: &Number) -> Ordering {
        // Both non-zero: more integer digits wins, then digit by digit (no
        // trailing zeros, so a longer run of equal prefix is larger).
        self.exponent
            .cmp(&other.exponent)
            .then_with(|| self.digits.cmp(&other.digits))
    }
}

impl Ord for Number {
    fn cmp(&self, other: &Number) -> Ordering {
        match self.signum().cmp(&other.signum()) {
            Ordering::Equal => match self.signum() {
                0 => Ordering::Equal,
                1 => self.cmp_magnitude(other),
                _ => other.cmp_magnitude(self),
            },
            unequal => unequal,
        }
    }
}

impl PartialOrd for Number {
    fn partial_cmp(&self, other: &Number) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn n(s: &str) -> Number {
        parse_number(s).unwrap_or_else(|e| panic!("{s}: {e}"))
    }

    #[test]
    fn equalities() {
        let groups: &[&[&str]] = &[
            &["0", "-0", "+0", "0.0", "000", "0e5", "0e-10000", "-0.000e3"],
            &[
                "1.5", "1.50", "+1.5", "15e-1", "0.15E1", "150e-2", "001.5000",
            ],
            &["100", "1e2", "1E+2", "10e1", "100.0", "0.001e5"],
            &["-7", "-7.0", "-0.7e1", "-70e-1"],
            &[
                "123456789012345678901234567890",
                "1.23456789012345678901234567890e29",
            ],
            &["1e10000", "10e9999", "10000e9996"],
            &["1e-10000", "0.1e-9999", "0.01e-9998"],
        ];
        for group in groups {
            for a in *group {
                for b in *group {
                    assert_eq!(n(a), n(b), "{a} vs {b}");
                    assert_eq!(n(a).cmp(&n(b)), Ordering::Equal, "{a} vs {b}");
                }
            }
        }
    }

    #[test]
    fn strictly_increasing() {
        let ascending = [
            "-1e10000",
            "-123456789012345678901234567891",
            "-123456789012345678901234567890",
            "-100",
            "-99.99",
            "-1.5",
            "-1.05",
            "-1",
            "-0.5",
            "-1e-10000",
            "0",
            "1e-10000",
            "0.000001",
            "0.1",
            "0.10000000000000001",
            "0.2",
            "1",
            "1.0000001",
            "1.05",
            "1.5",
            "2",
            "9.99",
            "10",
            "99",
            "100",
            "1e3",
            "18446744073709551616",
            "1e10000",
        ];
        for (i, a) in ascending.iter().enumerate() {
            for (j, b) in ascending.iter().enumerate() {
                assert_eq!(n(a).cmp(&n(b)), i.cmp(&j), "{a} vs {b}");
                assert_eq!(n(a) == n(b), i == j, "{a} vs {b}");
                assert_eq!(n(a).partial_cmp(&n(b)), Some(i.cmp(&j)));
            }
        }
    }

    #[test]
    fn errors() {
        assert_eq!(parse_number("12a").unwrap_err(), "`12a` is not a number");
        assert_eq!(
            parse_number("1e10001").unwrap_err(),
            "`1e10001` is out of range: the exponent must be between -10000 and 10000"
        );
        assert!(parse_number("1e-10001").is_err());
        assert!(parse_number("1e99999999999999999999").is_err());
        assert!(parse_number("1e0000000000010000").is_ok());
        for bad in [
            "", " 1", "1 ", "-", "+", "+-1", "--1", ".5", "5.", "1..2", "1.2.3", "e5", "1e", "1e+",
            "1e-", "1e2.5", "0x10", "NaN", "nan", "Infinity", "-inf", "1_000", "1,5", "١", "1f",
            "+ 1",
        ] {
            assert!(parse_number(bad).is_err(), "{bad:?} parsed");
        }
    }

    proptest! {
        #[test]
        fn integer_order(a in any::<i64>(), b in any::<i64>()) {
            prop_assert_eq!(n(&a.to_string()).cmp(&n(&b.to_string())), a.cmp(&b));
            prop_assert_eq!(n(&a.to_string()) == n(&b.to_string()), a == b);
        }

        #[test]
        fn decimal_order(
            a in -999_999i64..=999_999, sa in 0u32..=6,
            b in -999_999i64..=999_999, sb in 0u32..=6,
        ) {
            // "a.b" text with `s` fraction digits for the value x / 10^s.
            fn text(x: i64, s: u32) -> String {
                let sign = if x < 0 { "-" } else { "" };
                let m = x.unsigned_abs();
                if s == 0 {
                    format!("{sign}{m}")
                } else {
                    let p = 10u64.pow(s);
                    format!("{sign}{}.{:0width$}", m / p, m % p, width = s as usize)
                }
            }
            let scaled_a = a * 10i64.pow(6 - sa);
            let scaled_b = b * 10i64.pow(6 - sb);
            let (ta, tb) = (text(a, sa), text(b, sb));
            prop_assert_eq!(n(&ta).cmp(&n(&tb)), scaled_a.cmp(&scaled_b), "{} vs {}", ta, tb);
            prop_assert_eq!(n(&ta) == n(&tb), scaled_a == scaled_b);
        }

        #[test]
        fn exponent_forms(m in -9999i64..=9999, e in 0u32..=6) {
            let plain = m * 10i64.pow(e);
            prop_assert_eq!(n(&format!("{m}e{e}")), n(&plain.to_string()));
            prop_assert_eq!(n(&format!("{plain}E-{e}")), n(&m.to_string()));
        }

        #[test]
        fn never_panics(s in "\\PC{0,30}") {
            let _ = parse_number(&s);
        }

        #[test]
        fn never_panics_near_valid(s in "[0-9eE.+-]{0,20}") {
            if let Ok(x) = parse_number(&s) {
                prop_assert_eq!(x.cmp(&x), Ordering::Equal);
            }
        }
    }
}
