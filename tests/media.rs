//! Photos and logos: published without any metadata (a GPS position in a
//! specialist's photo would tell where it was taken), scaled to the theme's
//! size, and shown with their width and height.

mod common;
use common::*;
use image::{DynamicImage, ImageFormat, Rgb, RgbImage};
use std::fs;
use std::io::Cursor;

/// A little-endian TIFF block with one IFD pointing at a GPS IFD that holds
/// 52°22'12.34"N 4°54'5.67"E, as cameras and phones write it.
fn exif_with_gps() -> Vec<u8> {
    let mut t: Vec<u8> = b"II\x2a\x00\x08\x00\x00\x00".to_vec();
    let entry = |t: &mut Vec<u8>, tag: u16, kind: u16, count: u32, value: [u8; 4]| {
        t.extend(tag.to_le_bytes());
        t.extend(kind.to_le_bytes());
        t.extend(count.to_le_bytes());
        t.extend(value);
    };
    // IFD0 at 8: one entry, the GPS IFD pointer (to 26).
    t.extend(1u16.to_le_bytes());
    entry(&mut t, 0x8825, 4, 1, 26u32.to_le_bytes());
    t.extend(0u32.to_le_bytes());
    // GPS IFD at 26: four entries (2 + 48 + 4 bytes), rationals from 80.
    t.extend(4u16.to_le_bytes());
    entry(&mut t, 0x0001, 2, 2, *b"N\0\0\0");
    entry(&mut t, 0x0002, 5, 3, 80u32.to_le_bytes());
    entry(&mut t, 0x0003, 2, 2, *b"E\0\0\0");
    entry(&mut t, 0x0004, 5, 3, 104u32.to_le_bytes());
    t.extend(0u32.to_le_bytes());
    assert_eq!(t.len(), 80);
    for (num, den) in [(52u32, 1u32), (22, 1), (1234, 100), (4, 1), (54, 1), (567, 100)] {
        t.extend(num.to_le_bytes());
        t.extend(den.to_le_bytes());
    }
    t
}

/// A 900 x 600 JPEG with the GPS block in an APP1 segment.
fn jpeg_with_gps() -> Vec<u8> {
    let img = RgbImage::from_fn(900, 600, |x, y| Rgb([(x % 256) as u8, (y % 256) as u8, 90]));
    let mut plain = Vec::new();
    DynamicImage::ImageRgb8(img).write_to(&mut Cursor::new(&mut plain), ImageFormat::Jpeg).unwrap();
    let payload = [b"Exif\0\0".as_slice(), &exif_with_gps()].concat();
    let mut out = plain[..2].to_vec();
    out.extend([0xFF, 0xE1]);
    out.extend(((payload.len() + 2) as u16).to_be_bytes());
    out.extend(payload);
    out.extend(&plain[2..]);
    out
}

/// A 500 x 500 PNG with the GPS block in an `eXIf` chunk and a text chunk.
fn png_with_gps() -> Vec<u8> {
    let mut plain = Vec::new();
    DynamicImage::new_rgb8(500, 500)
        .write_to(&mut Cursor::new(&mut plain), ImageFormat::Png)
        .unwrap();
    let chunk = |kind: &[u8], data: &[u8]| {
        let mut c = (data.len() as u32).to_be_bytes().to_vec();
        c.extend(kind);
        c.extend(data);
        let mut crc = flate2::Crc::new();
        crc.update(&[kind, data].concat());
        c.extend(crc.sum().to_be_bytes());
        c
    };
    let ihdr_end = 8 + 4 + 4 + 13 + 4;
    [
        &plain[..ihdr_end],
        &chunk(b"eXIf", &exif_with_gps()),
        &chunk(b"tEXt", b"Comment\0taken at home, Kerkstraat 1"),
        &plain[ihdr_end..],
    ]
    .concat()
}

fn gps(bytes: &[u8]) -> Option<String> {
    let exif = exif::Reader::new().read_from_container(&mut Cursor::new(bytes)).ok()?;
    let lat = exif.get_field(exif::Tag::GPSLatitude, exif::In::PRIMARY)?;
    Some(lat.display_value().to_string())
}

#[test]
fn photos_are_published_without_gps_or_any_metadata_and_scaled() {
    let (tmp, content) = temp_copy(&fixture("minimal"));
    fs::create_dir_all(content.join("media")).unwrap();
    let (jpeg, png) = (jpeg_with_gps(), png_with_gps());
    assert_eq!(
        gps(&jpeg).as_deref(),
        Some("52 deg 22 min 12.34 sec"),
        "the test photo carries a GPS position"
    );
    assert!(gps(&png).is_some(), "the test logo carries a GPS position");
    fs::write(content.join("media/alex.jpg"), &jpeg).unwrap();
    fs::write(content.join("media/circle.png"), &png).unwrap();
    let add = |file: &str, fields: &str| {
        let path = content.join(file);
        let text =
            fs::read_to_string(&path).unwrap().replacen("---\n", &format!("---\n{fields}"), 1);
        fs::write(path, text).unwrap();
    };
    add("specialists/alex-river.md", "photo: alex.jpg\nphoto_alt: Alex on a bench in a park\n");
    add("programs/sober-circle.md", "logo: circle.png\nlogo_alt: Sober Circle logo\n");
    let out = tmp.path().join("public");
    build_site(&content, &out);

    let photo = fs::read(out.join("media/alex.jpg")).unwrap();
    assert_eq!(gps(&photo), None);
    assert!(
        exif::Reader::new().read_from_container(&mut Cursor::new(&photo)).is_err(),
        "no EXIF at all"
    );
    assert!(!photo.windows(4).any(|w| w == b"Exif"));
    let img = image::load_from_memory(&photo).unwrap();
    assert_eq!((img.width(), img.height()), (384, 256), "scaled to the theme's size, same shape");
    let page = fs::read_to_string(out.join("specialists/alex-river/index.html")).unwrap();
    assert!(page.contains(r#"src="/directory/media/alex.jpg" width="384" height="256" alt="Alex on a bench in a park""#), "{page}");

    let logo = fs::read(out.join("media/circle.png")).unwrap();
    assert_eq!(gps(&logo), None);
    assert!(
        !logo.windows(4).any(|w| w == b"eXIf" || w == b"tEXt")
            && !logo.windows(9).any(|w| w == b"Kerkstraat")
    );
    let img = image::load_from_memory(&logo).unwrap();
    assert_eq!((img.width(), img.height()), (384, 384));
    // The content folder is never touched.
    assert_eq!(fs::read(content.join("media/alex.jpg")).unwrap(), jpeg);
}

#[test]
fn a_broken_image_fails_the_build_naming_the_file() {
    let (tmp, content) = temp_copy(&fixture("minimal"));
    fs::create_dir_all(content.join("media")).unwrap();
    fs::write(content.join("media/broken.png"), b"\x89PNG\r\n\x1a\nnot really").unwrap();
    let out = tmp.path().join("public");
    let o = peerdir(
        &root(),
        &["build", "--source", content.to_str().unwrap(), "--out", out.to_str().unwrap()],
    );
    assert_exit(&o, 1);
    assert!(
        stderr(&o)
            .contains("media/broken.png: error: `media/broken.png` cannot be read as an image"),
        "{}",
        stderr(&o)
    );
    assert!(!out.exists(), "nothing written");
    let o = peerdir(&root(), &["check", "--source", content.to_str().unwrap()]);
    assert_exit(&o, 1);
    assert!(
        stdout(&o).contains("`media/broken.png` cannot be read as an image"),
        "check finds it too: {}",
        stdout(&o)
    );
}
