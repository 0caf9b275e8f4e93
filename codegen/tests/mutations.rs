//! Random edits of the real spec (renames, deletions, retypes, duplicated lines, swapped
//! references): the generator either refuses the result with located errors, or accepts it
//! and generates Rust that parses (the emitter parses every file it writes). Never a panic.
//!
//! The spec is read once and mutated in memory (`load::load_sources`), so each case costs one
//! load, check and generation. Set `PROPTEST_CASES` to run more cases than the default.

use std::sync::OnceLock;

use dondominio_codegen::load::{load_sources, read_sources, Sources};
use proptest::prelude::*;
use proptest::sample::Index;

fn real() -> &'static Sources {
    static SOURCES: OnceLock<Sources> = OnceLock::new();
    SOURCES.get_or_init(|| {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec/1.0.20");
        read_sources(&dir).unwrap_or_else(|e| panic!("{e}"))
    })
}

/// Names a maintainer could type: odd, keywords, existing names (duplicates), misspellings.
const NAMES: &[&str] = &[
    "",
    "a-b",
    "1x",
    "type",
    "self",
    "Self",
    "Unknown",
    "Vec",
    "ContactData",
    "Contact",
    "Billing",
    "Contct",
    "domain",
    "extra",
    "x y",
    "é",
    "CreateResponse",
    "page",
    "send",
];

/// Type expressions: valid, unknown, misplaced, deep.
const TYPES: &[&str] = &[
    "string",
    "integer",
    "object",
    "list<object>",
    "map<string>",
    "csv<ContactType>",
    "base64json<list<Billing>>",
    "Billing",
    "Contact",
    "Nope",
    "list<",
    "list<list<list<list<list<list<list<list<list<string>>>>>>>>>",
    "QueryInfo",
    "DomainStatus",
];

/// One edit of one line.
#[derive(Debug, Clone)]
enum Edit {
    /// Rename the key of the line.
    Rename(Index, Index, usize),
    /// Delete the line.
    Delete(Index, Index),
    /// Change the first `type:` value of the line.
    Retype(Index, Index, usize),
    /// Write the line twice.
    Duplicate(Index, Index),
    /// Point the first `group:` or `entity:` of the line somewhere else.
    Repoint(Index, Index, usize),
}

fn edit() -> impl Strategy<Value = Edit> {
    let at = (any::<Index>(), any::<Index>());
    prop_oneof![
        (at.clone(), 0..NAMES.len()).prop_map(|((f, l), n)| Edit::Rename(f, l, n)),
        at.clone().prop_map(|(f, l)| Edit::Delete(f, l)),
        (at.clone(), 0..TYPES.len()).prop_map(|((f, l), t)| Edit::Retype(f, l, t)),
        at.clone().prop_map(|(f, l)| Edit::Duplicate(f, l)),
        (at, 0..NAMES.len()).prop_map(|((f, l), n)| Edit::Repoint(f, l, n)),
    ]
}

/// Replaces the text after `key` on the line up to the next `,` `}` or the line end.
fn replace_value(line: &str, key: &str, new: &str) -> String {
    let Some(start) = line.find(key) else {
        return line.to_owned();
    };
    let from = start + key.len();
    let end = line[from..]
        .find([',', '}'])
        .map_or(line.len(), |i| from + i);
    format!("{} {new}{}", &line[..from], &line[end..])
}

fn apply(sources: &mut Sources, e: &Edit) {
    let (f, l) = match e {
        Edit::Rename(f, l, _)
        | Edit::Delete(f, l)
        | Edit::Retype(f, l, _)
        | Edit::Duplicate(f, l)
        | Edit::Repoint(f, l, _) => (f, l),
    };
    let file = f.index(sources.files.len());
    let Some((_, text)) = sources.files.get_index_mut(file) else {
        return;
    };
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    if lines.is_empty() {
        return;
    }
    let i = l.index(lines.len());
    match e {
        Edit::Rename(_, _, n) => {
            let line = &lines[i];
            let indent = line.len() - line.trim_start().len();
            if let Some(colon) = line.find(':') {
                let name = NAMES[*n];
                let quoted = format!("{}\"{name}\"{}", &line[..indent], &line[colon..]);
                lines[i] = quoted;
            }
        }
        Edit::Delete(..) => {
            lines.remove(i);
        }
        Edit::Retype(_, _, t) => {
            lines[i] = replace_value(&lines[i], "type:", &format!("\"{}\"", TYPES[*t]));
        }
        Edit::Duplicate(..) => {
            let line = lines[i].clone();
            lines.insert(i, line);
        }
        Edit::Repoint(_, _, n) => {
            let key = if lines[i].contains("group:") {
                "group:"
            } else {
                "entity:"
            };
            lines[i] = replace_value(&lines[i], key, &format!("\"{}\"", NAMES[*n]));
        }
    }
    *text = lines.join("\n") + "\n";
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(24),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn a_mutated_spec_is_refused_with_located_errors_or_generates(
        edits in proptest::collection::vec(edit(), 1..4)
    ) {
        let mut sources = real().clone();
        for e in &edits {
            apply(&mut sources, e);
        }
        let checked = load_sources(sources);
        match checked {
            Err(errors) => {
                prop_assert!(!errors.0.is_empty());
                for e in &errors.0 {
                    prop_assert!(!e.file.is_empty(), "an error without its file: {e}");
                    prop_assert!(!e.message.is_empty(), "an error without a message: {e}");
                }
            }
            Ok(model) => {
                let generated = dondominio_codegen::generate(&model);
                prop_assert!(generated.is_ok(), "accepted but not generated: {:?}", generated.err());
            }
        }
    }
}
