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

impl SpecError {
    /// An error at `path` of `file`, with its line and column found in `sources` (the text of
    /// each file read, by file name) when the path is there.
    pub fn located(
        sources: &indexmap::IndexMap<String, String>,
        file: &str,
        path: &str,
        message: impl Into<String>,
    ) -> SpecError {
        let (line, column) = sources
            .get(file)
            .and_then(|t| locate(t, path))
            .map_or((None, None), |(l, c)| (Some(l), Some(c)));
        SpecError {
            file: file.to_owned(),
            line,
            column,
            path: path.to_owned(),
            message: message.into(),
        }
    }
}

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

/// `; did you mean `X`?` when one of `candidates` is close to the misspelt `name`, else nothing.
///
/// Close means: the same but for case, or an edit distance of at most a third of the name
/// (at least 1, at most 3). The closest candidate wins; ties go to the first.
pub fn did_you_mean<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> String {
    let lower = name.to_lowercase();
    let budget = (name.chars().count() / 3).clamp(1, 3);
    let mut best: Option<(usize, &str)> = None;
    for c in candidates {
        if c == name {
            continue;
        }
        let d = if c.to_lowercase() == lower {
            0
        } else {
            strsim::levenshtein(name, c)
        };
        if d <= budget && best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, c));
        }
    }
    best.map_or_else(String::new, |(_, c)| format!("; did you mean `{c}`?"))
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
    // `examples[0]` (serde's way to write a list index) is the key `examples`, then item 0.
    let segments =
        path.split('.')
            .filter(|s| !s.is_empty())
            .flat_map(|s| match s.split_once('[') {
                Some((key, rest)) => vec![key, rest.trim_end_matches(']')],
                None => vec![s],
            });
    for seg in segments {
        let mut hit = None;
        if let Ok(index) = seg.parse::<usize>() {
            // A list index: the index-th `- ` item below the previous key.
            let mut item_indent = None;
            let mut seen = 0;
            for (i, line) in lines.iter().enumerate().skip(start + 1) {
                let indent = line.len() - line.trim_start().len();
                let t = line.trim_start();
                if t.is_empty() || t.starts_with('#') {
                    continue;
                }
                if (indent as isize) <= min_indent {
                    break;
                }
                if !t.starts_with("- ") || item_indent.is_some_and(|n| n != indent) {
                    continue;
                }
                item_indent = Some(indent);
                if seen == index {
                    hit = Some((i, indent + 2));
                    break;
                }
                seen += 1;
            }
            match hit {
                Some((i, col)) => {
                    found = Some((i + 1, col - 1));
                    start = i;
                    min_indent = col as isize - 2;
                    continue;
                }
                None => break,
            }
        }
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
    use super::{did_you_mean, locate};

    #[test]
    fn suggests_close_names_only() {
        let names = ["Contact", "ContactType", "Nameserver"];
        assert_eq!(did_you_mean("Contct", names), "; did you mean `Contact`?");
        assert_eq!(did_you_mean("contact", names), "; did you mean `Contact`?");
        assert_eq!(did_you_mean("Billing", names), "");
    }

    #[test]
    fn finds_nested_keys() {
        let text =
            "actions:\n  check:\n    doc: x\n  create:\n    params:\n      period: { type: int }\n";
        assert_eq!(locate(text, "actions.create.params.period"), Some((6, 7)));
        assert_eq!(locate(text, "actions.check"), Some((2, 3)));
    }

    #[test]
    fn finds_list_items() {
        let text = "actions:\n  check:\n    examples:\n      - json: a\n      - doc: b\n        json: c\n  create:\n    doc: y\n";
        assert_eq!(locate(text, "actions.check.examples[0]"), Some((4, 7)));
        assert_eq!(locate(text, "actions.check.examples[1]"), Some((5, 7)));
        assert_eq!(locate(text, "actions.check.examples[1].json"), Some((6, 9)));
        assert_eq!(locate(text, "actions.check.examples[2]"), Some((3, 5)));
    }
}
