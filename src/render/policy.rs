//! The site's security and privacy policies, in one place: the
//! Content-Security-Policy (sent as a `<meta>` tag in every page and as a
//! header in `_headers`), the referrer policy and the other headers for
//! hosts that read a `_headers` file (Netlify, Cloudflare Pages and others).

/// Nothing from other origins, no inline script; `wasm-unsafe-eval` lets the
/// search engine compile its WebAssembly; `data:` images (which make no
/// request) are for the site icon.
pub(crate) const CSP: &str = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; \
connect-src 'self'; worker-src 'self'; manifest-src 'self'; base-uri 'none'; form-action 'self'";

/// Headers a `<meta>` tag cannot carry, or that browsers only take as headers.
const HEADERS: &[(&str, &str)] = &[
    ("Referrer-Policy", "no-referrer"),
    ("Permissions-Policy", "geolocation=(), camera=(), microphone=(), payment=(), usb=(), interest-cohort=(), browsing-topics=()"),
    ("X-Content-Type-Options", "nosniff"),
    ("X-Frame-Options", "DENY"),
    ("Cross-Origin-Opener-Policy", "same-origin"),
];

/// The `_headers` file: the policies for every path under the site.
pub(crate) fn headers_file(base: &str) -> String {
    let mut out = format!("{base}*\n  Content-Security-Policy: {CSP}; frame-ancestors 'none'\n");
    for (name, value) in HEADERS {
        out.push_str(&format!("  {name}: {value}\n"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_cover_the_site_path() {
        let h = headers_file("/directory/");
        assert!(h.starts_with("/directory/*\n  Content-Security-Policy: default-src 'none';"));
        assert!(h.contains("  Referrer-Policy: no-referrer\n"));
        assert!(h.contains("  X-Content-Type-Options: nosniff\n"));
        assert!(!CSP.contains("unsafe-inline"));
    }
}
