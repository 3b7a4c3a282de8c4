//! Checks for the small formats inside listings: email addresses, web
//! addresses, language codes and slugs (phone numbers: [`super::phone`]).

/// ISO 639-1 two-letter language codes.
const ISO_639_1: &str = "aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy \
da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik \
io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt \
my na nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so \
sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu";

pub(crate) fn language_codes() -> impl Iterator<Item = &'static str> {
    ISO_639_1.split_whitespace()
}

pub(crate) fn is_language(code: &str) -> bool {
    static CODES: std::sync::LazyLock<std::collections::HashSet<&str>> =
        std::sync::LazyLock::new(|| language_codes().collect());
    CODES.contains(code)
}

/// A slug: lowercase ASCII letters, digits and single hyphens inside.
pub(crate) fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= MAX_SLUG
        && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !s.starts_with('-')
        && !s.ends_with('-')
        && !s.contains("--")
}

/// Longest slug of a file or region name: it is one part of an address.
pub(crate) const MAX_SLUG: usize = 80;

/// Why a region's name cannot make the address of its page, if it cannot.
pub(crate) fn region_address_problem(name: &str) -> Option<(String, String)> {
    let slug = slugify(name);
    if slug.is_empty() {
        let msg = format!(
            "region `{name}` has no Latin letters or digits to make the address of its page from"
        );
        Some((msg, "write the region's name in Latin letters (or add them: `Beijing 北京`)".into()))
    } else if slug.len() > MAX_SLUG {
        let msg = format!("region `{name}` is too long to be the address of its page ({} characters; at most {MAX_SLUG})", slug.len());
        Some((msg, "use the region's usual, short name".into()))
    } else {
        None
    }
}

/// Turns a name into a slug: `Anna de Vries` becomes `anna-de-vries`.
pub(crate) fn slugify(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars().flat_map(fold_char) {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

/// Letters with accents folded to ASCII, for slugs and A-Z grouping.
pub(crate) fn fold_char(c: char) -> Vec<char> {
    let s = match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => "a",
        'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' => "A",
        'è' | 'é' | 'ê' | 'ë' => "e",
        'È' | 'É' | 'Ê' | 'Ë' => "E",
        'ì' | 'í' | 'î' | 'ï' | 'ı' => "i",
        'Ì' | 'Í' | 'Î' | 'Ï' | 'İ' => "I",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' => "o",
        'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' => "O",
        'ù' | 'ú' | 'û' | 'ü' => "u",
        'Ù' | 'Ú' | 'Û' | 'Ü' => "U",
        'ç' => "c",
        'Ç' => "C",
        'ñ' => "n",
        'Ñ' => "N",
        'ş' | 'ß' => "s",
        'Ş' => "S",
        'ğ' => "g",
        'Ğ' => "G",
        'ý' | 'ÿ' => "y",
        'æ' => "ae",
        'œ' => "oe",
        _ => return vec![c],
    };
    s.chars().collect()
}

/// A plausible email address: one `@`, a dotted domain, no spaces.
pub(crate) fn is_email(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else { return false };
    !local.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains("..")
        && s.chars().all(|c| c.is_ascii_graphic() || (!c.is_ascii() && c.is_alphanumeric()))
        && !s.contains(['<', '>', '"', '(', ')', ',', ';', ':', '\\', '[', ']'])
}

/// The placeholders a `report_url` may use.
pub(crate) const REPORT_PLACEHOLDERS: [&str; 3] = ["{slug}", "{title}", "{url}"];

/// A `report_url` template: a `mailto:` or web address using only the
/// known placeholders.
pub(crate) fn check_report_url(template: &str) -> Result<(), String> {
    let mut rest = template.to_string();
    for p in REPORT_PLACEHOLDERS {
        rest = rest.replace(p, "x");
    }
    if let Some(open) = rest.find('{') {
        let name: String = rest[open..].chars().take_while(|c| *c != '}').chain(['}']).collect();
        return Err(format!(
            "`{name}` is not a placeholder; use {}",
            REPORT_PLACEHOLDERS.join(", ")
        ));
    }
    if let Some(mail) = rest.strip_prefix("mailto:") {
        let to = mail.split('?').next().unwrap_or_default();
        return if is_email(to) { Ok(()) } else { Err(format!("`{to}` is not an email address")) };
    }
    check_web_url(&rest).map_err(|e| format!("{e}; or use a `mailto:` address"))
}

/// A web address visitors can open: `http` or `https` with a host.
pub(crate) fn check_web_url(s: &str) -> Result<(), String> {
    match url::Url::parse(s) {
        Ok(u) if !u.username().is_empty() || u.password().is_some() => {
            Err("a web address may not hold a user name or password (`user:pass@`); write the site's public address".to_string())
        }
        Ok(u) if matches!(u.scheme(), "http" | "https") && u.host_str().is_some_and(|h| !h.is_empty()) => Ok(()),
        Ok(u) => Err(format!("`{}:` addresses are not allowed here; use an `https://` address", u.scheme())),
        Err(_) => Err("not a web address; write it in full, starting with `https://`".to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails() {
        assert!(is_email("anna@herstel.example"));
        assert!(!is_email("anna@"));
        assert!(!is_email("anna herstel.example"));
        assert!(!is_email("anna@herstel"));
        assert!(!is_email("a@b@c.nl"));
        assert!(!is_email("<x>@y.nl"));
    }

    #[test]
    fn urls() {
        assert!(check_web_url("https://herstel.example/aanmelden").is_ok());
        assert!(check_web_url("javascript:alert(1)").is_err());
        assert!(check_web_url("data:text/html,hi").is_err());
        assert!(check_web_url("herstel.example").is_err());
        assert!(check_web_url("https://user:secret@herstel.example/")
            .unwrap_err()
            .contains("user name or password"));
        assert!(check_web_url("https://user@herstel.example/").is_err());
    }

    #[test]
    fn slugs() {
        assert!(is_slug("anna-de-vries"));
        assert!(!is_slug("Anna"));
        assert!(!is_slug("a--b"));
        assert!(!is_slug("../x"));
        assert_eq!(slugify("Çiğdem Özkan-Yılmaz "), "cigdem-ozkan-yilmaz");
        assert_eq!(slugify("Herstelacademie 't Gooi"), "herstelacademie-t-gooi");
    }

    #[test]
    fn languages() {
        assert!(is_language("nl"));
        assert!(is_language("ar"));
        assert!(!is_language("xx"));
        assert_eq!(language_codes().count(), 184);
    }
}
