//! YAML output of a JSON value, read back the same by YAML 1.1 and 1.2 parsers alike.
//!
//! Every string value is double-quoted (JSON escapes are valid YAML escapes), so no reader
//! takes `2020-05-14` for a timestamp, `yes` for a boolean or `1.0` for a number; keys are plain
//! only when they cannot be read as anything but a string.

use std::fmt::Write;

use serde_json::Value;

/// `v` as a YAML document.
pub fn to_yaml(v: &Value) -> String {
    let mut out = String::new();
    match v {
        Value::Object(m) if !m.is_empty() => map(&mut out, m, 0),
        Value::Array(a) if !a.is_empty() => seq(&mut out, a, 0),
        other => {
            out.push_str(&scalar(other));
            out.push('\n');
        }
    }
    out
}

fn scalar(v: &Value) -> String {
    match v {
        Value::Object(_) => "{}".into(),
        Value::Array(_) => "[]".into(),
        // A JSON string is a valid YAML double-quoted scalar.
        other => other.to_string(),
    }
}

fn is_block(v: &Value) -> bool {
    match v {
        Value::Object(m) => !m.is_empty(),
        Value::Array(a) => !a.is_empty(),
        _ => false,
    }
}

fn key(k: &str) -> String {
    let plain = k.starts_with(|c: char| c.is_ascii_alphabetic() || "_$/".contains(c))
        && k.chars()
            .all(|c| c.is_ascii_alphanumeric() || "_$/.-".contains(c))
        && !matches!(
            k.to_ascii_lowercase().as_str(),
            "y" | "n" | "yes" | "no" | "on" | "off" | "true" | "false" | "null"
        );
    if plain {
        k.to_owned()
    } else {
        Value::String(k.to_owned()).to_string()
    }
}

fn map(out: &mut String, m: &serde_json::Map<String, Value>, indent: usize) {
    for (i, (k, v)) in m.iter().enumerate() {
        if i > 0 {
            out.push_str(&" ".repeat(indent));
        }
        entry(out, k, v, indent);
    }
}

/// `key: value` at `indent`, the key already indented.
fn entry(out: &mut String, k: &str, v: &Value, indent: usize) {
    let _ = write!(out, "{}:", key(k));
    if is_block(v) {
        out.push('\n');
        out.push_str(&" ".repeat(indent + 2));
        match v {
            Value::Object(m) => map(out, m, indent + 2),
            Value::Array(a) => seq(out, a, indent + 2),
            _ => {}
        }
    } else {
        let _ = writeln!(out, " {}", scalar(v));
    }
}

fn seq(out: &mut String, a: &[Value], indent: usize) {
    for (i, v) in a.iter().enumerate() {
        if i > 0 {
            out.push_str(&" ".repeat(indent));
        }
        out.push_str("- ");
        match v {
            Value::Object(m) if !m.is_empty() => map(out, m, indent + 2),
            Value::Array(inner) if !inner.is_empty() => seq(out, inner, indent + 2),
            other => {
                out.push_str(&scalar(other));
                out.push('\n');
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    #[test]
    fn reads_back_as_the_same_value() {
        let v = json!({
            "a": "2020-05-14", "yes": "no", "200": [1, "1.0", {"k": [], "m": {}}, [true, null]],
            "x y": {"nested": {"deep": "line\nbreak \"quoted\""}}, "$ref": "#/c",
        });
        let text = super::to_yaml(&v);
        let back: serde_json::Value = serde_yaml::from_str(&text).unwrap();
        assert_eq!(back, v, "{text}");
        assert!(text.contains("\"200\":"), "{text}");
        assert!(text.contains("a: \"2020-05-14\""), "{text}");
    }
}
