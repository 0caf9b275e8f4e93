//! Form keys sent more than once.
//!
//! PHP keeps the last value of a repeated key, and the API treats an empty value as a key
//! not sent; together: **the last non-empty value wins**. Every reader of form pairs (the
//! client's checks before sending, the sandbox's parameters and credentials) asks
//! [`last_value`].

/// The value that counts for `key` among the form `pairs`: the last one that is not empty,
/// or `None` when the key is not sent or only sent empty.
///
/// ```
/// use dondominio_rules::form::last_value;
///
/// let pairs = [("page", "1"), ("domain", "a.com"), ("page", "2"), ("page", "")];
/// assert_eq!(last_value(&pairs, "page"), Some("2"));
/// assert_eq!(last_value(&pairs, "tld"), None);
/// ```
pub fn last_value<'a, K: AsRef<str>, V: AsRef<str>>(
    pairs: &'a [(K, V)],
    key: &str,
) -> Option<&'a str> {
    pairs
        .iter()
        .rev()
        .map(|(k, v)| (k.as_ref(), v.as_ref()))
        .find(|(k, v)| *k == key && !v.is_empty())
        .map(|(_, v)| v)
}

#[cfg(test)]
mod tests {
    use super::last_value;

    #[test]
    fn the_last_non_empty_value_wins() {
        let pairs = vec![
            ("a".to_owned(), "1".to_owned()),
            ("a".to_owned(), "2".to_owned()),
            ("a".to_owned(), String::new()),
            ("b".to_owned(), String::new()),
        ];
        assert_eq!(last_value(&pairs, "a"), Some("2"));
        assert_eq!(last_value(&pairs, "b"), None);
        assert_eq!(last_value(&pairs, "A"), None, "keys are case-sensitive");
    }
}
