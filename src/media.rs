//! Photos and logos for the site. Every image in `media/` is decoded,
//! turned upright (by its EXIF orientation), scaled down to at most
//! [`MAX_SIDE`] pixels when a listing uses it as its photo or logo, and
//! encoded again in its own format, which leaves every piece of metadata
//! behind: EXIF (with GPS positions), XMP, comments, text chunks. A
//! specialist's photo never tells where or with what it was taken. Nothing
//! else is published from `media/`: loading refuses every other file
//! ([`crate::content::images`]).

use crate::content::model::Listing;
use crate::content::{files, images, Directory};
use crate::diag::Diagnostic;
use anyhow::Result;
use image::codecs::jpeg::JpegEncoder;
use image::codecs::png::{CompressionType, FilterType as PngFilter, PngEncoder};
use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader};
use std::collections::{BTreeMap, BTreeSet};
use std::io::Cursor;
use std::path::Path;

/// The longest side of a photo or logo: twice the 12rem (192 px) the theme
/// shows it at, for sharp pictures on high-density screens.
pub(crate) const MAX_SIDE: u32 = 384;

/// Quality of re-encoded JPEG photos.
const JPEG_QUALITY: u8 = 82;

/// One file of `media/` as published.
pub(crate) struct MediaFile {
    pub bytes: Vec<u8>,
    /// Pixel size, for images.
    pub size: Option<(u32, u32)>,
}

/// The published `media/` files by path relative to it (`anna.png`).
pub(crate) type Media = BTreeMap<String, MediaFile>;

/// Every image of `media/`, cleaned, and photos and logos scaled.
pub(crate) fn prepare(dir: &Directory) -> Result<Media> {
    let used: BTreeSet<&str> = dir
        .specialists
        .iter()
        .filter_map(|e| e.data.image())
        .chain(dir.programs.iter().filter_map(|e| e.data.image()))
        .collect();
    let mut media = Media::new();
    for rel in &dir.media {
        let name = crate::diag::slashed(rel);
        let in_root = Path::new("media").join(rel);
        let path = dir.root.join(&in_root);
        let bytes = files::read(&dir.root, &in_root, images::MAX_BYTES)?;
        let format =
            images::format_of(&name).ok_or_else(|| Diagnostic::error(&path, "not an image"))?;
        let limit = if used.contains(name.as_str()) { MAX_SIDE } else { u32::MAX };
        let file = clean(&bytes, format, limit).map_err(|e| {
            Diagnostic::error(&path, format!("`media/{name}` cannot be read as an image: {e}"))
                .hint(Some("save it again as .jpg, .png or .webp".into()))
        })?;
        media.insert(name, file);
    }
    Ok(media)
}

/// Decodes an image (within [`images::limits`]), applies its orientation,
/// fits it in `limit` x `limit` and encodes it again without any metadata.
pub(crate) fn clean(bytes: &[u8], format: ImageFormat, limit: u32) -> Result<MediaFile> {
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    reader.limits(images::limits());
    let mut decoder = reader.into_decoder()?;
    let orientation = decoder.orientation()?;
    let mut img = DynamicImage::from_decoder(decoder)?;
    img.apply_orientation(orientation);
    if img.width() > limit || img.height() > limit {
        img = img.resize(limit, limit, image::imageops::FilterType::Lanczos3);
    }
    let mut out = Vec::new();
    match format {
        ImageFormat::Jpeg => JpegEncoder::new_with_quality(&mut out, JPEG_QUALITY)
            .encode_image(&DynamicImage::ImageRgb8(img.to_rgb8()))?,
        ImageFormat::Png => img.write_with_encoder(PngEncoder::new_with_quality(
            &mut out,
            CompressionType::Best,
            PngFilter::Adaptive,
        ))?,
        other => img.write_to(&mut Cursor::new(&mut out), other)?,
    }
    Ok(MediaFile { bytes: out, size: Some((img.width(), img.height())) })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(w: u32, h: u32) -> Vec<u8> {
        let mut out = Vec::new();
        DynamicImage::new_rgb8(w, h)
            .write_to(&mut Cursor::new(&mut out), ImageFormat::Png)
            .unwrap();
        out
    }

    #[test]
    fn scales_down_keeping_the_shape_and_never_up() {
        let big = clean(&png(1000, 500), ImageFormat::Png, MAX_SIDE).unwrap();
        assert_eq!(big.size, Some((384, 192)));
        let small = clean(&png(100, 80), ImageFormat::Png, MAX_SIDE).unwrap();
        assert_eq!(small.size, Some((100, 80)));
    }

    #[test]
    fn garbage_is_an_error() {
        assert!(clean(b"not an image", ImageFormat::Jpeg, MAX_SIDE).is_err());
        assert!(clean(&png(10, 10)[..30], ImageFormat::Png, MAX_SIDE).is_err());
    }
}
