//! What `media/` may hold: photos and logos in JPEG, PNG or WebP, and
//! nothing else. A file there would be published on the site's own
//! address, which the Content-Security-Policy trusts as `'self'`, so an
//! `.html` page, a script, a style sheet or an SVG (which can carry
//! script) from a pull request would run as part of the site. Each image
//! is recognised by its bytes, not its name, and its size is checked from
//! its header before anything decodes it; `media::prepare` then publishes
//! it re-encoded from its pixels.

use crate::diag::Diagnostic;
use image::{ImageFormat, ImageReader, Limits};
use std::io::Cursor;
use std::path::Path;

/// Largest image file accepted: a phone camera's photo fits.
pub(crate) const MAX_BYTES: u64 = 20 * 1024 * 1024;

/// Longest side of an image accepted, in pixels.
pub(crate) const MAX_SIDE: u32 = 8192;

/// Most pixels an image may have (a 48-megapixel camera's photo).
pub(crate) const MAX_PIXELS: u64 = 48_000_000;

/// The format an image's name promises, if it is one of the published ones.
pub(crate) fn format_of(name: &str) -> Option<ImageFormat> {
    match Path::new(name).extension()?.to_str()?.to_ascii_lowercase().as_str() {
        "jpg" | "jpeg" => Some(ImageFormat::Jpeg),
        "png" => Some(ImageFormat::Png),
        "webp" => Some(ImageFormat::WebP),
        _ => None,
    }
}

/// The file type's name as people know it (`PNG`).
fn format_name(f: ImageFormat) -> String {
    match f {
        ImageFormat::Jpeg => "JPEG".into(),
        other => other
            .extensions_str()
            .first()
            .map_or_else(|| format!("{other:?}"), |e| e.to_ascii_uppercase()),
    }
}

/// Why a file of `media/` that is not a published image is refused.
fn not_published(name: &str) -> String {
    let ext =
        Path::new(name).extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
    let why = match ext.as_str() {
        "svg" | "svgz" => "an SVG image can carry script that would run on the site's own address",
        "html" | "htm" | "xhtml" | "shtml" | "xml" => {
            "a web page here would be published on the site's own address"
        }
        "js" | "mjs" | "cjs" | "wasm" => "a script here would run as part of the site",
        "css" => "a style sheet here could change every page",
        "gif" | "bmp" | "tif" | "tiff" | "heic" | "avif" | "ico" => {
            "this image type is not published"
        }
        _ => "only photos and logos are published from `media/`",
    };
    format!("`media/{name}` is not published: {why}")
}

/// The limits every decode of an image from `media/` runs under.
pub(crate) fn limits() -> Limits {
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_PIXELS * 4 + (64 << 20));
    limits
}

/// Checks the file `name` of `media/` with its `bytes`: an image of a
/// published type, in the format its name says, within the size limits.
pub(crate) fn check(path: &Path, name: &str, bytes: &[u8]) -> Result<ImageFormat, Diagnostic> {
    let refuse =
        |msg: String, hint: &str| Err(Diagnostic::error(path, msg).hint(Some(hint.to_string())));
    let Some(named) = format_of(name) else {
        return refuse(not_published(name), "keep only .jpg, .png and .webp images in `media/`");
    };
    let actual = match image::guess_format(bytes) {
        Ok(f) => f,
        Err(_) => {
            return refuse(
                format!("`media/{name}` is not an image"),
                "save it again as .jpg, .png or .webp",
            )
        }
    };
    if actual != named {
        let ext = actual.extensions_str().first().copied().unwrap_or("");
        let stem = Path::new(name).with_extension(ext);
        return match format_of(&stem.to_string_lossy()) {
            Some(_) => refuse(
                format!(
                    "`media/{name}` is a {} image named .{}",
                    format_name(actual),
                    Path::new(name).extension().unwrap_or_default().to_string_lossy()
                ),
                &format!(
                    "rename it to `{}` (and the `photo` or `logo` that names it)",
                    stem.display()
                ),
            ),
            None => refuse(
                format!(
                    "`media/{name}` is a {} image, which is not published",
                    format_name(actual)
                ),
                "save it as .jpg, .png or .webp",
            ),
        };
    }
    let mut reader = ImageReader::with_format(Cursor::new(bytes), actual);
    reader.limits(limits());
    let (w, h) = match reader.into_dimensions() {
        Ok(size) => size,
        Err(image::ImageError::Limits(_)) => (u32::MAX, u32::MAX),
        Err(e) => {
            return refuse(
                format!("`media/{name}` cannot be read as an image: {e}"),
                "save it again as .jpg, .png or .webp",
            )
        }
    };
    if w > MAX_SIDE || h > MAX_SIDE || u64::from(w) * u64::from(h) > MAX_PIXELS {
        let size =
            if w == u32::MAX { "too large".to_string() } else { format!("{w} x {h} pixels") };
        return refuse(
            format!("`media/{name}` is {size}; images are limited to {MAX_SIDE} pixels a side and {} megapixels", MAX_PIXELS / 1_000_000),
            "scale it down: the site shows photos and logos at most 384 pixels a side",
        );
    }
    Ok(actual)
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::DynamicImage;

    fn encoded(w: u32, h: u32, format: ImageFormat) -> Vec<u8> {
        let mut out = Vec::new();
        DynamicImage::new_rgb8(w, h).write_to(&mut Cursor::new(&mut out), format).unwrap();
        out
    }

    fn message(name: &str, bytes: &[u8]) -> String {
        let d = check(Path::new(name), name, bytes).unwrap_err();
        format!("{} ({})", d.message, d.hint.unwrap_or_default())
    }

    #[test]
    fn only_images_of_the_type_their_name_says_are_published() {
        let png = encoded(4, 3, ImageFormat::Png);
        assert_eq!(check(Path::new("a.png"), "a.png", &png).unwrap(), ImageFormat::Png);
        assert_eq!(
            check(Path::new("a.JPG"), "a.JPG", &encoded(4, 3, ImageFormat::Jpeg)).unwrap(),
            ImageFormat::Jpeg
        );
        assert!(
            message("a.jpg", &png).contains("is a PNG image named .jpg (rename it to `a.png`"),
            "{}",
            message("a.jpg", &png)
        );
        assert!(message("x.svg", b"<svg onload=alert(1)>").contains("SVG image can carry script"));
        assert!(message("x.html", b"<script>").contains("web page"));
        assert!(message("x.js", b"alert(1)").contains("script"));
        assert!(message("x.css", b"body{}").contains("style sheet"));
        assert!(message("x.png", b"<html>").contains("not an image"));
        assert!(
            message("x.png", &png[..20]).contains("cannot be read"),
            "{}",
            message("x.png", &png[..20])
        );
    }

    /// A PNG that claims `w` x `h` pixels in its header (IHDR), with the
    /// header's checksum made right, and no more pixels than one.
    fn claiming(w: u32, h: u32) -> Vec<u8> {
        let mut bytes = encoded(1, 1, ImageFormat::Png);
        bytes[16..20].copy_from_slice(&w.to_be_bytes());
        bytes[20..24].copy_from_slice(&h.to_be_bytes());
        let crc = bytes[12..29].iter().fold(!0u32, |mut c, b| {
            c ^= u32::from(*b);
            for _ in 0..8 {
                c = if c & 1 == 1 { (c >> 1) ^ 0xedb8_8320 } else { c >> 1 };
            }
            c
        });
        bytes[29..33].copy_from_slice(&(!crc).to_be_bytes());
        bytes
    }

    #[test]
    fn oversized_images_are_refused_from_their_header() {
        assert_eq!(
            check(Path::new("a.png"), "a.png", &claiming(1, 1)).unwrap(),
            ImageFormat::Png,
            "the checksum is right"
        );
        let m = message("huge.png", &claiming(100_000, 10));
        assert!(m.contains("limited to 8192 pixels a side"), "{m}");
        let m = message("wide.png", &claiming(8000, 8000));
        assert!(m.contains("8000 x 8000 pixels") && m.contains("48 megapixels"), "{m}");
    }
}
