//! Everything the command prints: stdout that ends quietly on a closed pipe, stderr that never
//! panics, server text made safe for a terminal, JSON and tables.

use std::io::Write;

use comfy_table::{presets, Table};
use serde_json::Value;

/// How a command ends when it does not succeed: an exit code and what to say on stderr.
#[derive(Debug)]
pub struct Failure {
    /// The exit code.
    pub code: u8,
    /// The message for stderr; `None` ends quietly (a closed pipe).
    pub message: Option<String>,
}

impl Failure {
    /// A usage error (exit 2): the command line itself is wrong.
    pub fn usage(message: impl Into<String>) -> Failure {
        Failure {
            code: 2,
            message: Some(message.into()),
        }
    }

    /// A failed call (exit 1): refused, API error, transport, decoding.
    pub fn failed(message: impl Into<String>) -> Failure {
        Failure {
            code: 1,
            message: Some(message.into()),
        }
    }

    /// The reader of stdout went away: stop printing and exit 0 without a word.
    fn closed_pipe() -> Failure {
        Failure {
            code: 0,
            message: None,
        }
    }
}

/// Writes `text` to stdout. A closed pipe (`dondominio actions | head -1`) becomes a quiet
/// exit 0 instead of the panic of `println!`.
pub fn stdout(text: &str) -> Result<(), Failure> {
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())
        .and_then(|()| out.flush())
        .map_err(|e| {
            if e.kind() == std::io::ErrorKind::BrokenPipe {
                Failure::closed_pipe()
            } else {
                Failure::failed(format!("cannot write to stdout: {e}"))
            }
        })
}

/// Writes a line to stderr; a failure to do so is ignored (there is nowhere left to report it).
pub fn stderr(text: &str) {
    let mut err = std::io::stderr().lock();
    let _ = writeln!(err, "{text}");
}

/// Whether `c` can move the cursor, recolour, retitle or reorder what a terminal shows:
/// C0 controls (but tab), DEL, C1 controls and the Unicode bidirectional overrides.
fn is_unsafe(c: char) -> bool {
    let u = c as u32;
    (u < 0x20 && c != '\t')
        || (0x7f..0xa0).contains(&u)
        || matches!(u, 0x200e | 0x200f | 0x202a..=0x202e | 0x2066..=0x2069)
}

/// Server text made safe for a terminal: control characters (ESC, BEL, CSI, bare CR, newlines)
/// are shown escaped (`\x1b`, `\u{9b}`) instead of acting on the terminal.
pub fn sanitize(s: &str) -> String {
    // One rule for the library's error texts and the CLI's own output.
    dondominio::sanitize::for_terminal(s).into_owned()
}

/// Pretty JSON that is safe on a terminal: serde_json already escapes C0 controls inside
/// strings; DEL, C1 controls and bidi overrides are escaped here too (still valid JSON, as
/// they can only occur inside strings).
pub fn json(value: &impl serde::Serialize) -> Result<String, Failure> {
    let text = serde_json::to_string_pretty(value)
        .map_err(|e| Failure::failed(format!("cannot print the response as JSON: {e}")))?;
    if !text.chars().any(is_unsafe) {
        return Ok(text + "\n");
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if is_unsafe(c) && c != '\n' {
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
        }
    }
    out.push('\n');
    Ok(out)
}

/// One cell: text as is (sanitized), numbers and booleans as written, null empty, anything
/// else as compact JSON.
fn cell(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        // One line per row: line breaks inside a cell are escaped too.
        Value::String(s) => dondominio::sanitize::one_line(s).into_owned(),
        Value::Bool(_) | Value::Number(_) => v.to_string(),
        other => dondominio::sanitize::one_line(&other.to_string()).into_owned(),
    }
}

fn is_scalar(v: &Value) -> bool {
    !matches!(v, Value::Array(_) | Value::Object(_))
}

/// A response as a table. For a listing (`items` names its list, or the response has one list
/// of objects), one row per item with a column per scalar field; otherwise one row per
/// top-level field.
pub fn table(value: &Value, items: Option<&str>) -> String {
    let list = items
        .and_then(|k| value.get(k))
        .and_then(Value::as_array)
        .or_else(|| {
            let lists: Vec<&Vec<Value>> = value
                .as_object()
                .into_iter()
                .flat_map(|o| o.values())
                .filter_map(Value::as_array)
                .filter(|a| a.iter().all(Value::is_object))
                .collect();
            match lists.as_slice() {
                [only] => Some(*only),
                _ => None,
            }
        })
        .or_else(|| value.as_array());
    let mut t = Table::new();
    t.load_preset(presets::ASCII_MARKDOWN);
    match list {
        Some(rows) => {
            let mut columns: Vec<&str> = Vec::new();
            for row in rows {
                if let Some(o) = row.as_object() {
                    for (k, v) in o {
                        if is_scalar(v) && !columns.contains(&k.as_str()) {
                            columns.push(k);
                        }
                    }
                }
            }
            if columns.is_empty() {
                t.set_header(vec!["value"]);
                for row in rows {
                    t.add_row(vec![cell(row)]);
                }
            } else {
                t.set_header(columns.iter().map(|c| sanitize(c)).collect::<Vec<_>>());
                for row in rows {
                    t.add_row(
                        columns
                            .iter()
                            .map(|c| row.get(*c).map(cell).unwrap_or_default())
                            .collect::<Vec<_>>(),
                    );
                }
            }
        }
        None => {
            t.set_header(vec!["field", "value"]);
            if let Some(o) = value.as_object() {
                for (k, v) in o {
                    t.add_row(vec![sanitize(k), cell(v)]);
                }
            } else {
                t.add_row(vec![String::new(), cell(value)]);
            }
        }
    }
    format!("{t}\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sanitize_escapes_what_acts_on_a_terminal() {
        assert_eq!(sanitize("ok"), "ok");
        assert_eq!(sanitize("a\x1b[2Jb\x07"), "a\\u{1b}[2Jb\\u{7}");
        assert_eq!(sanitize("over\rwrite"), "over\\rwrite");
        assert_eq!(sanitize("c1\u{9b}31m"), "c1\\u{9b}31m");
        assert_eq!(sanitize("bidi\u{202e}"), "bidi\\u{202e}");
        assert_eq!(sanitize("tab\tkept"), "tab\tkept");
    }

    #[test]
    fn json_escapes_c1_controls_and_stays_valid() {
        let v = serde_json::json!({"m": "x\u{9b}\u{1b}y"});
        let text = json(&v).unwrap_or_default();
        assert!(
            !text.contains('\u{9b}') && !text.contains('\u{1b}'),
            "{text}"
        );
        let back: Value = serde_json::from_str(&text).unwrap_or_default();
        assert_eq!(back, v);
    }

    #[test]
    fn a_listing_becomes_rows_with_scalar_columns() {
        let v = serde_json::json!({
            "queryInfo": {"total": 2},
            "domains": [{"name": "a.com", "id": 1, "tags": ["x"]}, {"name": "b\u{1b}.com", "id": 2}]
        });
        let t = table(&v, Some("domains"));
        assert!(
            t.contains("name") && t.contains("id") && !t.contains("tags"),
            "{t}"
        );
        assert!(t.contains("a.com") && t.contains("b\\u{1b}.com"), "{t}");
    }
}
