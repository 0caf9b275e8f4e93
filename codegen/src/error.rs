//! Errors of the spec: each names the file, the line and column when known, and the spec path.

use std::fmt;

/// One problem found in a spec folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpecError {
    /// File name relative to the spec folder, such as `domain.yaml`.
    pub file: String,
    /// 1-based line, when known.
    pub line: Option<usize>,
    /// 1-based column, when known.
    pub column: Option<usize>,
    /// Dotted path inside the file, such as `actions.create.params.period`.
    pub path: String,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for SpecError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(col) = self.column {
                write!(f, ":{col}")?;
            }
        }
        if !self.path.is_empty() {
            write!(f, ": {}", self.path)?;
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for SpecError {}

/// All the problems found in a spec folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpecErrors(pub Vec<SpecError>);

impl fmt::Display for SpecErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{e}")?;
        }
        Ok(())
    }
}

impl std::error::Error for SpecErrors {}

impl From<SpecError> for SpecErrors {
    fn from(e: SpecError) -> Self {
        SpecErrors(vec![e])
    }
}

/// Finds the line and column of a dotted spec path in a YAML text, by walking its keys.
///
/// The YAML parser keeps no positions once the text is turned into the model, so checks that
/// run on the model find their place again here: each segment is looked up as a key, below
/// the previous one, at a deeper indentation.
pub fn locate(text: &str, path: &str) -> Option<(usize, usize)> {
    let lines: Vec<&str> = text.lines().collect();
    let mut start = 0usize;
    let mut min_indent: isize = -1;
    let mut found = None;
    for seg in path.split('.').filter(|s| !s.is_empty()) {
        let mut hit = None;
        for (i, line) in lines.iter().enumerate().skip(start) {
            let indent = line.len() - line.trim_start().len();
            let t = line.trim_start().trim_start_matches("- ");
            if (indent as isize) <= min_indent && !t.is_empty() && !t.starts_with('#') && i > start
            {
                break;
            }
            let keys = [
                format!("{seg}:"),
                format!("\"{seg}\":"),
                format!("'{seg}':"),
            ];
            if keys.iter().any(|k| t.starts_with(k.as_str())) {
                hit = Some((i, indent + (line.trim_start().len() - t.len())));
                break;
            }
        }
        match hit {
            Some((i, col)) => {
                found = Some((i + 1, col + 1));
                start = i;
                min_indent = col as isize;
            }
            None => break,
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::locate;

    #[test]
    fn finds_nested_keys() {
        let text =
            "actions:\n  check:\n    doc: x\n  create:\n    params:\n      period: { type: int }\n";
        assert_eq!(locate(text, "actions.create.params.period"), Some((6, 7)));
        assert_eq!(locate(text, "actions.check"), Some((2, 3)));
    }
}
