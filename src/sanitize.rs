//! Making text that came from a server safe to print to a terminal.
//!
//! Servers control `errorCodeMsg`, `messages`, bodies and headers. Printed raw, such text can
//! carry terminal escape sequences: colours, cursor moves, a new window title, a bare carriage
//! return that overwrites what the line said. These helpers escape every control character
//! (C0, DEL and C1) and the Unicode bidirectional overrides, so the text shows as written,
//! escapes included, and cannot drive the terminal. [`crate::Error`]'s `Display` goes through
//! [`one_line`]; its fields keep the raw text.

use std::borrow::Cow;
use std::fmt::Write;

/// Escapes control characters for printing to a terminal; keeps line feeds and tabs (and a
/// CR immediately followed by LF, written as a plain LF).
///
/// Every other C0 control (ESC, BEL, bare CR, NUL...), DEL, every C1 control (including the
/// 8-bit CSI, U+009B) and the bidirectional overrides (U+202A..U+202E, U+2066..U+2069) are
/// written as `\u{..}` escapes. Borrows when nothing needs escaping.
///
/// ```
/// use dondominio::sanitize::for_terminal;
/// assert_eq!(for_terminal("plain\ttext\n"), "plain\ttext\n");
/// assert_eq!(for_terminal("\u{1b}[31mred"), "\\u{1b}[31mred");
/// ```
pub fn for_terminal(text: &str) -> Cow<'_, str> {
    escape(text, true)
}

/// Like [`for_terminal`], but line feeds and tabs are escaped too: the result is always one
/// line, so a server cannot forge extra lines in an error message.
///
/// ```
/// use dondominio::sanitize::one_line;
/// assert_eq!(one_line("a\nb"), "a\\nb");
/// ```
pub fn one_line(text: &str) -> Cow<'_, str> {
    escape(text, false)
}

fn must_escape(c: char, keep_lines: bool) -> bool {
    match c {
        '\n' | '\t' => !keep_lines,
        '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => true,
        c => c.is_control(),
    }
}

fn escape(text: &str, keep_lines: bool) -> Cow<'_, str> {
    if !text.chars().any(|c| must_escape(c, keep_lines)) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if keep_lines && c == '\r' && chars.peek() == Some(&'\n') {
            continue;
        }
        if !must_escape(c, keep_lines) {
            out.push(c);
            continue;
        }
        match c {
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c => {
                // Writing to a String cannot fail.
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_every_control_family() {
        let hostile = "a\u{1b}]0;title\u{7}b\u{9b}2Jc\rd\u{7f}e\u{0}f\u{202e}g";
        let clean = for_terminal(hostile);
        assert!(!clean.chars().any(|c| c.is_control()), "{clean}");
        assert_eq!(
            clean,
            "a\\u{1b}]0;title\\u{7}b\\u{9b}2Jc\\rd\\u{7f}e\\u{0}f\\u{202e}g"
        );
    }

    #[test]
    fn keeps_lines_or_folds_them() {
        assert_eq!(for_terminal("a\r\nb\tc"), "a\nb\tc");
        assert!(matches!(for_terminal("déjà vu\n"), Cow::Borrowed(_)));
        assert_eq!(one_line("a\r\nb\tc"), "a\\r\\nb\\tc");
    }
}
