//! "Did you mean" hints for misspelt field names, values, topics and slugs.

/// The candidate closest to `word`, if it is close enough to be a likely
/// typo. Topic keys are also compared by their last segment, so `alcohol`
/// suggests `addiction/alcohol`.
pub(crate) fn closest<'a, I, S>(word: &str, candidates: I) -> Option<String>
where
    I: IntoIterator<Item = &'a S>,
    S: AsRef<str> + ?Sized + 'a,
{
    let word_l = word.to_lowercase();
    let limit = (word.chars().count() / 3).max(1);
    candidates
        .into_iter()
        .map(|c| c.as_ref())
        .filter(|c| *c != word)
        .map(|c| {
            let last = c.rsplit('/').next().unwrap_or(c);
            let d = strsim::levenshtein(&word_l, &c.to_lowercase())
                .min(strsim::levenshtein(&word_l, &last.to_lowercase()));
            (d, c)
        })
        .filter(|(d, _)| *d <= limit)
        .min_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(b.1)))
        .map(|(_, c)| c.to_string())
}

/// `did you mean `x`?` for the closest candidate, if any.
pub(crate) fn did_you_mean<'a, I, S>(word: &str, candidates: I) -> Option<String>
where
    I: IntoIterator<Item = &'a S>,
    S: AsRef<str> + ?Sized + 'a,
{
    closest(word, candidates).map(|c| format!("did you mean `{c}`?"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_near_misses_only() {
        let c = ["addiction/alcohol", "addiction/drugs", "mental-health/depression"];
        assert_eq!(closest("addiction/alcohl", &c).as_deref(), Some("addiction/alcohol"));
        assert_eq!(closest("alcohol", &c).as_deref(), Some("addiction/alcohol"));
        assert_eq!(closest("depresion", &c).as_deref(), Some("mental-health/depression"));
        assert_eq!(closest("gardening", &c), None);
    }
}
