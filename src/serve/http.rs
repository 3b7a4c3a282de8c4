//! The HTTP side of `peerdir serve`, on tiny_http: GET and HEAD only,
//! files from the in-memory site under its base path, the 404 page for
//! anything else, and two addresses of its own under `/__peerdir/` (the
//! reload script and the long poll it waits on). Each request is answered
//! on a thread of its own, so a waiting long poll holds up no page.

use super::Shared;
use crate::urls;
use std::net::TcpListener;
use std::sync::Arc;
use std::time::Duration;
use tiny_http::{Header, Method, Request, Server};

const RELOAD_JS: &str = include_str!("reload.js");

/// How long the reload script's request waits for a rebuild before it asks again.
const LONG_POLL: Duration = Duration::from_secs(25);

/// An answer, before it is written.
pub(super) struct Response {
    status: u16,
    content_type: String,
    body: Vec<u8>,
    location: Option<String>,
}

impl Response {
    fn ok(content_type: &str, body: Vec<u8>) -> Response {
        Response { status: 200, content_type: content_type.to_string(), body, location: None }
    }

    fn text(status: u16, body: &str) -> Response {
        Response {
            status,
            content_type: "text/plain; charset=utf-8".into(),
            body: body.as_bytes().to_vec(),
            location: None,
        }
    }

    fn redirect(to: String) -> Response {
        Response { location: Some(to), ..Response::text(302, "") }
    }
}

/// Accepts requests until the process ends.
pub(super) fn serve(listener: TcpListener, shared: Arc<Shared>) {
    let server = match Server::from_listener(listener, None) {
        Ok(server) => server,
        Err(e) => return eprintln!("the server could not start: {e}"),
    };
    for request in server.incoming_requests() {
        let shared = Arc::clone(&shared);
        std::thread::spawn(move || answer(request, &shared));
    }
}

fn answer(request: Request, shared: &Shared) {
    let host = request
        .headers()
        .iter()
        .find(|h| h.field.equiv("Host"))
        .map(|h| h.value.as_str().to_string());
    let response = match request.method() {
        _ if !local_host(host.as_deref()) => Response::text(
            403,
            "peerdir serve answers only requests for 127.0.0.1, localhost or [::1]\n",
        ),
        Method::Get | Method::Head => respond(request.url(), shared),
        _ => Response::text(405, "GET or HEAD only\n"),
    };
    let mut headers = vec![
        ("Content-Type", response.content_type.as_str()),
        ("Cache-Control", "no-store"),
        ("Referrer-Policy", "no-referrer"),
        ("X-Content-Type-Options", "nosniff"),
    ];
    if let Some(to) = &response.location {
        headers.push(("Location", to));
    }
    let mut reply = tiny_http::Response::from_data(response.body).with_status_code(response.status);
    for (name, value) in headers {
        if let Ok(header) = Header::from_bytes(name, value) {
            reply.add_header(header);
        }
    }
    // A visitor who closed the tab is no error of the server's.
    let _ = request.respond(reply);
}

/// Whether the request's `Host` names this computer. A page on another
/// site can make a browser reach 127.0.0.1 under a name of its own (DNS
/// rebinding) and read the answers; the `Host` header then carries that
/// name, so only the loopback names are answered.
fn local_host(host: Option<&str>) -> bool {
    let Some(host) = host else { return false };
    let name = match host.strip_prefix('[') {
        Some(v6) => v6.split_once(']').map_or("", |(addr, rest)| {
            if rest.is_empty() || rest.starts_with(':') {
                addr
            } else {
                ""
            }
        }),
        None => host.split_once(':').map_or(host, |(name, _)| name),
    };
    let port_ok =
        host.rsplit_once(':').is_none_or(|(_, p)| host.ends_with(']') || p.parse::<u16>().is_ok());
    port_ok && (name.eq_ignore_ascii_case("localhost") || name == "127.0.0.1" || name == "::1")
}

/// The value of `name` in a query string.
fn param<'a>(query: &'a str, name: &str) -> Option<&'a str> {
    query.split('&').find_map(|pair| pair.strip_prefix(name)?.strip_prefix('='))
}

pub(super) fn respond(target: &str, shared: &Shared) -> Response {
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    match path {
        "/__peerdir/reload.js" => {
            return Response::ok(&content_type("reload.js"), RELOAD_JS.as_bytes().to_vec())
        }
        "/__peerdir/wait" => {
            let since = param(query, "since").and_then(|v| v.parse().ok()).unwrap_or(u64::MAX);
            let timeout = if param(query, "now").is_some() { Duration::ZERO } else { LONG_POLL };
            let (version, error) = shared.wait(since, timeout);
            let body = serde_json::json!({ "version": version, "error": error });
            return Response::ok("application/json", body.to_string().into_bytes());
        }
        _ => {}
    }
    let raw = path;
    let path = percent_encoding::percent_decode_str(raw).decode_utf8_lossy().into_owned();
    let state = shared.state.lock().expect("state lock");
    let Some(rel) = path.strip_prefix(&state.base) else {
        return if state.base.starts_with(&path) {
            Response::redirect(state.base.clone())
        } else {
            not_found(&state, "")
        };
    };
    let file = urls::file(rel);
    match state.files.get(&file) {
        Some(bytes) => Response::ok(&content_type(&file), with_reload(&file, bytes, state.version)),
        // The address as it came, still percent-encoded: a header holds no raw spaces.
        None if state.files.contains_key(&urls::file(&format!("{rel}/"))) => {
            Response::redirect(format!("{raw}/"))
        }
        None => not_found(&state, rel),
    }
}

/// The nearest 404 page above the address `rel`, as Cloudflare Pages
/// serves it: `en/404.html` for `en/no/such/page/` on a site in English
/// too, the site's own `404.html` for any other.
fn not_found(state: &super::State, rel: &str) -> Response {
    let folders = rel.match_indices('/').map(|(i, _)| &rel[..=i]).rev().chain([""]);
    let body = folders
        .map(|folder| format!("{folder}{}", urls::NOT_FOUND))
        .find_map(|file| Some(with_reload(&file, state.files.get(&file)?, state.version)))
        .unwrap_or_else(|| b"not found\n".to_vec());
    Response { status: 404, ..Response::ok("text/html; charset=utf-8", body) }
}

/// An HTML page with the reload script added to its head.
fn with_reload(file: &str, bytes: &[u8], version: u64) -> Vec<u8> {
    if !file.ends_with(".html") {
        return bytes.to_vec();
    }
    let html = String::from_utf8_lossy(bytes);
    let tag = format!("<script src=\"/__peerdir/reload.js?v={version}\" defer></script>\n</head>");
    html.replacen("</head>", &tag, 1).into_bytes()
}

/// The file's media type by its extension; text in UTF-8.
fn content_type(file: &str) -> String {
    let mime = mime_guess::from_path(file).first_or_octet_stream();
    if mime.type_() == mime_guess::mime::TEXT {
        format!("{mime}; charset=utf-8")
    } else {
        mime.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::super::State;
    use super::*;
    use std::sync::{Condvar, Mutex};

    fn shared(base: &str) -> Shared {
        let mut files = crate::render::Files::new();
        files.insert(
            "index.html".into(),
            b"<html><head><title>x</title></head><body>home</body></html>".to_vec(),
        );
        files.insert(
            "a b/index.html".into(),
            b"<html><head></head><body>spaced</body></html>".to_vec(),
        );
        files.insert("404.html".into(), b"<html><head></head><body>gone</body></html>".to_vec());
        files.insert("en/404.html".into(), b"<html><head></head><body>away</body></html>".to_vec());
        files.insert("assets/style.css".into(), b"body{}".to_vec());
        Shared {
            state: Mutex::new(State { files, version: 7, error: None, base: base.into() }),
            changed: Condvar::new(),
        }
    }

    #[test]
    fn pages_get_the_reload_script_and_other_files_do_not() {
        let s = shared("/dir/");
        let home = respond("/dir/", &s);
        assert_eq!(home.status, 200);
        assert!(String::from_utf8(home.body)
            .unwrap()
            .contains("<script src=\"/__peerdir/reload.js?v=7\" defer></script>\n</head>"));
        assert_eq!(respond("/dir/assets/style.css", &s).body, b"body{}");
        assert_eq!(respond("/dir/a%20b/", &s).status, 200);
        assert_eq!(respond("/dir/a%20b", &s).location.as_deref(), Some("/dir/a%20b/"));
        assert_eq!(respond("/", &s).location.as_deref(), Some("/dir/"));
        let missing = respond("/dir/nope/", &s);
        assert_eq!(missing.status, 404);
        assert!(String::from_utf8(missing.body).unwrap().contains("gone"));
        let missing = respond("/dir/en/nope/deeper", &s);
        assert_eq!(missing.status, 404);
        assert!(String::from_utf8(missing.body).unwrap().contains("away"), "the nearest 404 page");
        assert_eq!(respond("/other/", &s).status, 404);
    }

    #[test]
    fn media_types_by_extension() {
        assert_eq!(content_type("a/index.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("assets/search.js"), "text/javascript; charset=utf-8");
        assert_eq!(content_type("search/engine-0.wasm"), "application/wasm");
        assert_eq!(content_type("api/listings.json"), "application/json");
        assert_eq!(content_type("media/a.webp"), "image/webp");
        assert_eq!(content_type("search/index-0.pdix"), "application/octet-stream");
    }

    #[test]
    fn only_loopback_hosts_are_answered() {
        for host in
            ["127.0.0.1:8080", "localhost:8080", "LOCALHOST", "[::1]:8080", "[::1]", "127.0.0.1"]
        {
            assert!(local_host(Some(host)), "{host}");
        }
        for host in [
            "attacker.example:8080",
            "attacker.example",
            "127.0.0.1.attacker.example",
            "localhost.attacker.example:80",
            "[::2]:8080",
            "[::1]x",
            "localhost:notaport",
            "",
            "10.0.0.1",
        ] {
            assert!(!local_host(Some(host)), "{host}");
        }
        assert!(!local_host(None), "HTTP/1.1 requests carry a Host");
    }

    #[test]
    fn the_wait_answers_at_once_when_asked_or_behind() {
        let s = shared("/");
        let now = respond("/__peerdir/wait?since=7&now=1", &s);
        assert_eq!(String::from_utf8(now.body).unwrap(), r#"{"error":null,"version":7}"#);
        let behind = respond("/__peerdir/wait?since=3", &s);
        assert!(String::from_utf8(behind.body).unwrap().contains(r#""version":7"#));
    }
}
