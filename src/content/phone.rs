//! Phone numbers as people write them, read as the number a phone dials.
//!
//! A wrong number on tap is harm in a crisis directory, so a number is
//! linked (`tel:`) and exported in E.164 form (`+31201234567`), shown as
//! written, and refused, with a hint, when it cannot be dialled. Numbers
//! without a country code are read as Dutch: `020 123 4567` is
//! `+31201234567`, `0800-0113` is `+318000113`; other countries' numbers
//! are written with their code (`+32 2 123 45 67`, `0032 ...`). A `(0)`
//! after the country code is the trunk prefix and is left out when
//! dialling: `+31 (0)20 ...`. Short numbers such as `112`, `113`,
//! `14 020` or `116 123` are dialled as they are.
//!
//! `phonenumber` (libphonenumber's data) would be the usual crate, but it
//! needs the full `regex` engine, which the workspace replaces with
//! `regex-lite` to keep the browser's search engine small (see
//! `crates/regex-lite-shim`). The rules here are those of the Dutch
//! numbering plan, the assigned country codes, and the lengths of the
//! national numbers of the countries most often met.

/// A number a phone can dial.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Number {
    /// In E.164: `+`, the country code and the national number.
    International(String),
    /// A national short number (`112`, `113`, `14020`), dialled as it is.
    Short(String),
}

impl Number {
    /// What a phone dials: the E.164 form or the short number.
    pub(crate) fn dial(&self) -> &str {
        match self {
            Number::International(n) | Number::Short(n) => n,
        }
    }

    /// The `tel:` address of the number.
    pub(crate) fn href(&self) -> String {
        format!("tel:{}", self.dial())
    }

    /// The `sms:` address of the number, for a text message.
    pub(crate) fn sms_href(&self) -> String {
        format!("sms:{}", self.dial())
    }
}

/// What a phone dials for a written number, for machines (JSON-LD, HSDS);
/// `None` when it cannot be dialled, which validation has refused.
pub(crate) fn dialled(written: &str) -> Option<String> {
    parse(written).ok().map(|n| n.dial().to_string())
}

/// Why a written number cannot be dialled, and how to write it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Problem {
    pub message: String,
    pub hint: String,
}

fn problem(written: &str, why: impl std::fmt::Display, hint: impl Into<String>) -> Problem {
    Problem { message: format!("`{written}` cannot be dialled: {why}"), hint: hint.into() }
}

/// How to write a number, shown with most problems.
const HOW: &str =
    "write the number as it is dialled, e.g. `020 123 4567`, `06 1234 5678` or `+32 2 123 45 67`";

/// Country calling codes in use (ITU-T E.164 assignments).
const COUNTRY_CODES: &str = "1 7 20 27 30 31 32 33 34 36 39 40 41 43 44 45 46 47 48 49 51 52 53 54 55 56 57 58 60 61 62 63 64 65 66 81 82 \
84 86 90 91 92 93 94 95 98 211 212 213 216 218 220 221 222 223 224 225 226 227 228 229 230 231 232 233 234 235 236 237 238 239 \
240 241 242 243 244 245 246 247 248 249 250 251 252 253 254 255 256 257 258 260 261 262 263 264 265 266 267 268 269 290 291 297 \
298 299 350 351 352 353 354 355 356 357 358 359 370 371 372 373 374 375 376 377 378 379 380 381 382 383 385 386 387 389 420 421 \
423 500 501 502 503 504 505 506 507 508 509 590 591 592 593 594 595 596 597 598 599 670 672 673 674 675 676 677 678 679 680 681 \
682 683 685 686 687 688 689 690 691 692 800 808 850 852 853 855 856 870 878 880 881 882 883 886 888 960 961 962 963 964 965 966 \
967 968 970 971 972 973 974 975 976 977 979 992 993 994 995 996 998";

/// Lengths of the national (significant) number after the country code,
/// for the countries most often met; others may have 4 to 14 digits.
const LENGTHS: &[(&str, usize, usize)] = &[
    ("1", 10, 10),
    ("7", 10, 10),
    ("32", 8, 9),
    ("33", 9, 9),
    ("34", 9, 9),
    ("39", 6, 11),
    ("41", 9, 9),
    ("43", 4, 13),
    ("44", 7, 10),
    ("48", 9, 9),
    ("49", 5, 13),
    ("90", 10, 10),
    ("212", 9, 9),
    ("213", 8, 9),
    ("351", 9, 9),
    ("353", 7, 9),
    ("380", 9, 9),
];

/// Countries whose national numbers may start with 0 after the country
/// code; in every other country that 0 is the trunk prefix, dialled only
/// within the country.
const ZERO_KEPT: &[&str] = &["39", "225", "241", "242", "378", "379"];

/// The country code at the start of `digits` (the codes are prefix-free).
fn country_code(digits: &str) -> Option<&'static str> {
    COUNTRY_CODES.split(' ').find(|c| digits.starts_with(c))
}

/// Whether `nsn` is a possible Dutch national number (after +31 or the
/// trunk 0): nine digits, or 0800/0900/0906/0909 with four or seven, or
/// 097 with nine.
fn dutch(nsn: &str) -> Result<(), String> {
    let want: &[usize] = match nsn {
        n if ["800", "900", "906", "909"].iter().any(|p| n.starts_with(p)) => &[7, 10],
        n if n.starts_with("97") => &[11],
        _ => &[9],
    };
    if want.contains(&nsn.len()) {
        return Ok(());
    }
    let as_dialled = want.iter().map(|w| (w + 1).to_string()).collect::<Vec<_>>().join(" or ");
    Err(format!(
        "a Dutch number has {as_dialled} digits with its leading 0; this one has {}",
        nsn.len() + 1
    ))
}

/// Reads a written number.
pub(crate) fn parse(written: &str) -> Result<Number, Problem> {
    let s = written.trim();
    if let Some(bad) = s.chars().find(|c| {
        !(c.is_ascii_digit() || matches!(c, ' ' | '-' | '.' | '/' | '(' | ')' | '+' | '\u{a0}'))
    }) {
        let why = if bad.is_alphabetic() {
            "it holds letters".to_string()
        } else {
            format!("it holds `{bad}`")
        };
        return Err(problem(written, why, format!("{HOW}; put hours or extensions elsewhere")));
    }
    if s.rfind('+').is_some_and(|i| i > 0) {
        return Err(problem(written, "a `+` may only start the number", HOW));
    }
    let (international, rest) = match (s.strip_prefix('+'), s.strip_prefix("00")) {
        (Some(rest), _) => (true, rest),
        (None, Some(rest)) => (true, rest),
        _ => (false, s),
    };
    let digits: String = rest.chars().filter(char::is_ascii_digit).collect();
    if !international {
        return national(written, &digits);
    }
    let Some(cc) = country_code(&digits) else {
        return Err(problem(written, "it starts with no known country code", HOW));
    };
    // `(0)` right after the country code is the trunk prefix: left out.
    let nsn = match rest.find("(0)") {
        None => &digits[cc.len()..],
        Some(i) if rest[..i].chars().filter(char::is_ascii_digit).eq(cc.chars()) => {
            &digits[cc.len() + 1..]
        }
        Some(_) => return Err(problem(written, "`(0)` belongs right after the country code", HOW)),
    };
    if nsn.starts_with('0') && !ZERO_KEPT.contains(&cc) {
        return Err(problem(
            written,
            format!("after the country code +{cc}, the 0 of the area code is left out"),
            format!("write `+{cc} {}`, or `+{cc} (0){}`", &nsn[1..], &nsn[1..]),
        ));
    }
    if cc == "31" {
        dutch(nsn).map_err(|why| problem(written, why, HOW))?;
    } else {
        let (min, max) =
            LENGTHS.iter().find(|(c, ..)| *c == cc).map_or((4, 15 - cc.len()), |&(_, a, b)| (a, b));
        if !(min..=max).contains(&nsn.len()) {
            let want = if min == max { min.to_string() } else { format!("{min} to {max}") };
            let why = format!(
                "a number in +{cc} has {want} digits after the country code; this one has {}",
                nsn.len()
            );
            return Err(problem(written, why, HOW));
        }
    }
    Ok(Number::International(format!("+{cc}{nsn}")))
}

/// A number written without a country code: Dutch, or a short number.
fn national(written: &str, digits: &str) -> Result<Number, Problem> {
    match digits.strip_prefix('0') {
        Some(nsn) => {
            dutch(nsn).map_err(|why| problem(written, why, HOW))?;
            Ok(Number::International(format!("+31{nsn}")))
        }
        None if (3..=6).contains(&digits.len()) => Ok(Number::Short(digits.to_string())),
        None if digits.len() < 3 => Err(problem(written, "it is too short", HOW)),
        None => Err(problem(
            written,
            "it has no country code and does not start with 0",
            "numbers without a country code are read as Dutch; write others with theirs, e.g. `+1 202 555 0199`",
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dial(s: &str) -> String {
        parse(s).unwrap_or_else(|p| panic!("{s}: {p:?}")).dial().to_string()
    }

    fn refused(s: &str) -> String {
        let p = parse(s).unwrap_err();
        format!("{} ({})", p.message, p.hint)
    }

    #[test]
    fn dutch_numbers_in_every_form_dial_the_same() {
        for s in [
            "020 000 0101",
            "020-000 0101",
            "(020) 000 0101",
            "+31 20 000 0101",
            "+31(0)20 000 0101",
            "+31 (0)20-000-0101",
            "0031 20 000 0101",
            "+31.20.000.0101",
        ] {
            assert_eq!(dial(s), "+31200000101", "{s}");
        }
        assert_eq!(dial("06-12345678"), "+31612345678");
        assert_eq!(dial("0800-0113"), "+318000113");
        assert_eq!(dial("0900 123 4567"), "+319001234567");
        assert_eq!(parse("+31 20 000 0101").unwrap().href(), "tel:+31200000101");
    }

    #[test]
    fn short_numbers_are_dialled_as_they_are() {
        for (s, d) in [
            ("113", "113"),
            ("112", "112"),
            ("14 020", "14020"),
            ("116 123", "116123"),
            ("988", "988"),
        ] {
            assert_eq!(parse(s).unwrap(), Number::Short(d.into()), "{s}");
        }
        assert_eq!(parse("113").unwrap().href(), "tel:113");
    }

    #[test]
    fn other_countries_with_their_code() {
        assert_eq!(dial("+32 2 123 45 67"), "+3221234567");
        assert_eq!(dial("+1 202 555 0199"), "+12025550199");
        assert_eq!(dial("+44 20 7946 0000"), "+442079460000");
        assert_eq!(dial("+39 06 1234 5678"), "+390612345678", "Italy keeps its 0");
        assert_eq!(dial("+90 212 000 0000"), "+902120000000");
        assert_eq!(dial("+380 44 000 0000"), "+380440000000");
    }

    #[test]
    fn numbers_that_cannot_be_dialled_are_refused_with_a_hint() {
        assert!(
            refused("+310200000101")
                .contains("the 0 of the area code is left out (write `+31 200000101`"),
            "{}",
            refused("+310200000101")
        );
        assert!(refused("+31 020 000 0101").contains("0 of the area code"));
        assert!(refused("020 000 010").contains("10 digits with its leading 0; this one has 9"));
        assert!(refused("0800-011").contains("8 or 11 digits"));
        assert!(refused("+1 555 0199").contains("+1 has 10 digits"));
        assert!(refused("555 0199").contains("read as Dutch"));
        assert!(refused("12").contains("too short"));
        assert!(refused("call me").contains("letters"));
        assert!(refused("+31 20 000 0000 ext 5").contains("letters"));
        assert!(refused("020 000 0101 #2").contains("`#`"));
        assert!(refused("+999 123 4567").contains("no known country code"));
        assert!(refused("31+ 20").contains("`+` may only start"));
        assert!(refused("+31 20 (0)00 0101").contains("right after the country code"));
    }
}
