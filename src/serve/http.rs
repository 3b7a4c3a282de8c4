//! A small HTTP/1.1 server for `peerdir serve`: a thread per connection,
//! GET and HEAD only, files from the in-memory site under its base path,
//! the 404 page for anything else, and two addresses of its own under
//! `/__peerdir/` (the reload script and the long poll it waits on).

use super::Shared;
use crate::urls;
use std::io::{self, BufRead as _, BufReader, Read as _, Write as _};
use std::net::{TcpListener, TcpStream};
use std::sync::Arc;
use std::time::Duration;

const RELOAD_JS: &str = include_str!("reload.js");

/// How long the reload script's request waits for a rebuild before it asks again.
const LONG_POLL: Duration = Duration::from_secs(25);

/// Longest request head read (the request line and headers).
const MAX_HEAD: u64 = 16 * 1024;

pub struct Response {
    status: u16,
    content_type: &'static str,
    body: Vec<u8>,
    location: Option<String>,
}

impl Response {
    fn ok(content_type: &'static str, body: Vec<u8>) -> Response {
        Response { status: 200, content_type, body, location: None }
    }

    fn redirect(to: String) -> Response {
        Response { status: 302, content_type: "text/plain; charset=utf-8", body: Vec::new(), location: Some(to) }
    }

    fn status_text(&self) -> &'static str {
        match self.status {
            200 => "OK",
            302 => "Found",
            403 => "Forbidden",
            404 => "Not Found",
            405 => "Method Not Allowed",
            _ => "Bad Request",
        }
    }
}

/// Accepts connections until the process ends.
pub fn serve(listener: TcpListener, shared: Arc<Shared>) {
    for stream in listener.incoming().flatten() {
        let shared = Arc::clone(&shared);
        std::thread::spawn(move || {
            let _ = handle(stream, &shared);
        });
    }
}

fn handle(mut stream: TcpStream, shared: &Shared) -> io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    let mut reader = BufReader::new(stream.try_clone()?.take(MAX_HEAD));
    let mut request_line = String::new();
    reader.read_line(&mut request_line)?;
    let mut header = String::new();
    let mut host = None;
    while reader.read_line(&mut header)? > 2 {
        if let Some((name, value)) = header.split_once(':') {
            if name.trim().eq_ignore_ascii_case("host") {
                host = Some(value.trim().to_string());
            }
        }
        header.clear();
    }
    let mut parts = request_line.split_whitespace();
    let (method, target) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
    let response = match method {
        _ if !local_host(host.as_deref()) => Response {
            status: 403,
            content_type: "text/plain; charset=utf-8",
            body: b"peerdir serve answers only requests for 127.0.0.1, localhost or [::1]\n".to_vec(),
            location: None,
        },
        "GET" | "HEAD" => respond(target, shared),
        _ => Response { status: 405, content_type: "text/plain; charset=utf-8", body: b"GET or HEAD only\n".to_vec(), location: None },
    };
    write(&mut stream, &response, method == "HEAD")
}

/// Whether the request's `Host` names this computer. A page on another
/// site can make a browser reach 127.0.0.1 under a name of its own (DNS
/// rebinding) and read the answers; the `Host` header then carries that
/// name, so only the loopback names are answered.
fn local_host(host: Option<&str>) -> bool {
    let Some(host) = host else { return false };
    let name = match host.strip_prefix('[') {
        Some(v6) => v6.split_once(']').map_or("", |(addr, rest)| if rest.is_empty() || rest.starts_with(':') { addr } else { "" }),
        None => host.split_once(':').map_or(host, |(name, _)| name),
    };
    let port_ok = host.rsplit_once(':').is_none_or(|(_, p)| host.ends_with(']') || p.parse::<u16>().is_ok());
    port_ok && (name.eq_ignore_ascii_case("localhost") || name == "127.0.0.1" || name == "::1")
}

fn write(stream: &mut TcpStream, r: &Response, head_only: bool) -> io::Result<()> {
    let mut head = format!(
        "HTTP/1.1 {} {}\r\nContent-Type: {}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nReferrer-Policy: no-referrer\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n",
        r.status,
        r.status_text(),
        r.content_type,
        r.body.len()
    );
    if let Some(to) = &r.location {
        head.push_str(&format!("Location: {to}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes())?;
    if !head_only {
        stream.write_all(&r.body)?;
    }
    stream.flush()
}

/// The value of `name` in a query string.
fn param<'a>(query: &'a str, name: &str) -> Option<&'a str> {
    query.split('&').find_map(|pair| pair.strip_prefix(name)?.strip_prefix('='))
}

pub fn respond(target: &str, shared: &Shared) -> Response {
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    match path {
        "/__peerdir/reload.js" => return Response::ok("text/javascript; charset=utf-8", RELOAD_JS.as_bytes().to_vec()),
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
        return if state.base.starts_with(&path) { Response::redirect(state.base.clone()) } else { not_found(&state) };
    };
    let file = if rel.is_empty() || rel.ends_with('/') { format!("{rel}index.html") } else { rel.to_string() };
    match state.files.get(&file) {
        Some(bytes) => Response::ok(content_type(&file), with_reload(&file, bytes, state.version)),
        // The address as it came, still percent-encoded: a header holds no raw spaces.
        None if state.files.contains_key(&format!("{rel}/index.html")) => Response::redirect(format!("{raw}/")),
        None => not_found(&state),
    }
}

fn not_found(state: &super::State) -> Response {
    let body =
        state.files.get(urls::NOT_FOUND).map(|b| with_reload(urls::NOT_FOUND, b, state.version)).unwrap_or_else(|| b"not found\n".to_vec());
    Response { status: 404, content_type: "text/html; charset=utf-8", body, location: None }
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

fn content_type(file: &str) -> &'static str {
    match file.rsplit('.').next().unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml",
        "wasm" => "application/wasm",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "webp" => "image/webp",
        "svg" => "image/svg+xml",
        "txt" | "" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::super::State;
    use super::*;
    use std::sync::{Condvar, Mutex};

    fn shared(base: &str) -> Shared {
        let mut files = crate::render::Files::new();
        files.insert("index.html".into(), b"<html><head><title>x</title></head><body>home</body></html>".to_vec());
        files.insert("a b/index.html".into(), b"<html><head></head><body>spaced</body></html>".to_vec());
        files.insert("404.html".into(), b"<html><head></head><body>gone</body></html>".to_vec());
        files.insert("assets/style.css".into(), b"body{}".to_vec());
        Shared { state: Mutex::new(State { files, version: 7, error: None, base: base.into() }), changed: Condvar::new() }
    }

    #[test]
    fn pages_get_the_reload_script_and_other_files_do_not() {
        let s = shared("/dir/");
        let home = respond("/dir/", &s);
        assert_eq!(home.status, 200);
        assert!(String::from_utf8(home.body).unwrap().contains("<script src=\"/__peerdir/reload.js?v=7\" defer></script>\n</head>"));
        assert_eq!(respond("/dir/assets/style.css", &s).body, b"body{}");
        assert_eq!(respond("/dir/a%20b/", &s).status, 200);
        assert_eq!(respond("/dir/a%20b", &s).location.as_deref(), Some("/dir/a%20b/"));
        assert_eq!(respond("/", &s).location.as_deref(), Some("/dir/"));
        let missing = respond("/dir/nope/", &s);
        assert_eq!(missing.status, 404);
        assert!(String::from_utf8(missing.body).unwrap().contains("gone"));
        assert_eq!(respond("/other/", &s).status, 404);
    }

    #[test]
    fn only_loopback_hosts_are_answered() {
        for host in ["127.0.0.1:8080", "localhost:8080", "LOCALHOST", "[::1]:8080", "[::1]", "127.0.0.1"] {
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
