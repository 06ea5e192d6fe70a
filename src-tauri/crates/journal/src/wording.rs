//! How History's outcomes read: sentences, with counts that agree ("1 number", "3 numbers").

/// "1 number", "3 numbers".
pub fn count(n: usize, thing: &str) -> String {
    if n == 1 {
        format!("1 {thing}")
    } else {
        format!("{n} {thing}s")
    }
}

/// "name", "name and whisper message", "name, call flow and pool size".
pub fn and_list<S: AsRef<str>>(items: &[S]) -> String {
    match items {
        [] => String::new(),
        [one] => one.as_ref().to_owned(),
        [rest @ .., last] => format!(
            "{} and {}",
            rest.iter()
                .map(AsRef::as_ref)
                .collect::<Vec<_>>()
                .join(", "),
            last.as_ref()
        ),
    }
}

/// A field as CallRail names it, in words: `whisper_message` is "whisper message".
pub fn field_words(field: &str) -> String {
    field.replace('_', " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_and_lists_read_as_english() {
        assert_eq!(count(1, "number"), "1 number");
        assert_eq!(count(0, "number"), "0 numbers");
        assert_eq!(count(5, "number"), "5 numbers");
        assert_eq!(and_list::<&str>(&[]), "");
        assert_eq!(and_list(&["name"]), "name");
        assert_eq!(and_list(&["name", "pool size"]), "name and pool size");
        assert_eq!(and_list(&["a", "b", "c"]), "a, b and c");
        assert_eq!(field_words("whisper_message"), "whisper message");
    }
}
