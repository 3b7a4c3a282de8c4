//! Distances on the globe, for "near a place" ordering.

/// Great-circle distance in kilometres (haversine).
pub(crate) fn distance_km(a: (f64, f64), b: (f64, f64)) -> f64 {
    let (lat1, lon1) = (a.0.to_radians(), a.1.to_radians());
    let (lat2, lon2) = (b.0.to_radians(), b.1.to_radians());
    let h = ((lat2 - lat1) / 2.0).sin().powi(2)
        + lat1.cos() * lat2.cos() * ((lon2 - lon1) / 2.0).sin().powi(2);
    2.0 * 6371.0 * h.sqrt().asin()
}

#[cfg(test)]
mod tests {
    #[test]
    fn amsterdam_to_rotterdam() {
        let d = super::distance_km((52.3676, 4.9041), (51.9244, 4.4777));
        assert!((d - 57.0).abs() < 2.0, "{d}");
    }
}
