//! The spec's example checker (`ddspec check`, `dondominio_codegen::load`) and the strict
//! decoder agree on every date and date-time text: an example the checker passes is one the
//! strict decoder reads, and the other way round. Both ask `dondominio::rules::date`; this
//! test shows it through their real entry points, over generated texts, valid and invalid.
//!
//! The checker judges a text in an example of a small spec (the codegen's `mini` fixture with
//! `tool/hello` answering a required `date` and a required `datetime`); the decoder judges the
//! same text in the same kind of field of a real action's example: `domain/getauthcode`'s
//! `tsExpir` (a date) and `domain/gethistory`'s `history/0/ts` (a date and time). The old spec
//! (1.0.4, which CI also builds the client from) has no date-time field at all: there the
//! date-time half of each case compares the checker with itself, and the date half does the
//! work.

use std::path::{Path, PathBuf};

use dondominio::{decode_response, Action, DecodeOptions};
use proptest::prelude::*;
use serde_json::{json, Value};

/// A scratch copy of the mini spec whose `tool.yaml` each case rewrites.
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Scratch {
        let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("codegen/tests/fixtures/mini");
        let dir = std::env::temp_dir().join(format!("dd-dates-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        for entry in std::fs::read_dir(&from).unwrap() {
            let entry = entry.unwrap();
            std::fs::copy(entry.path(), dir.join(entry.file_name())).unwrap();
        }
        Scratch(dir)
    }

    /// Whether the checker passes an example of `tool/hello` with these `since` (a date) and
    /// `at` (a date and time) texts.
    fn checker_passes(&self, since: &str, at: &str) -> bool {
        let envelope = json!({"success": true, "errorCode": 0, "errorCodeMsg": "",
            "action": "tool/hello", "version": "0.0.1",
            "responseData": {"ip": "127.0.0.1", "since": since, "at": at}});
        let quoted = envelope.to_string().replace('\'', "''");
        let yaml = format!(
            "doc: General tools.\n\
             actions:\n  \
               hello:\n    \
                 doc: Checks that the API answers.\n    \
                 kind: read\n    \
                 response:\n      \
                   fields:\n        \
                     ip: {{ type: string, doc: Address the call came from. }}\n        \
                     since: {{ type: date, doc: Day the address was first seen. }}\n        \
                     at: {{ type: datetime, doc: Time of the answer. }}\n    \
                 examples:\n      \
                   - json: '{quoted}'\n"
        );
        std::fs::write(self.0.join("tool.yaml"), yaml).unwrap();
        match dondominio_codegen::load(&self.0, &dondominio_codegen::LoadOptions::default()) {
            Ok(_) => true,
            Err(e) => {
                // Anything but the example's fit would be a broken fixture, not a verdict.
                let text = e.to_string();
                assert!(text.contains("does not fit the response"), "{text}");
                false
            }
        }
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Whether the strict decoder reads the example of `action` with `text` at `pointer`.
fn decoder_passes(action: Action, pointer: &str, text: &str) -> bool {
    let example = action.info().example(None).expect("an example");
    let mut v: Value = serde_json::from_str(example.json).unwrap();
    *v.pointer_mut(pointer).expect("the field is in the example") = json!(text);
    let body = serde_json::to_vec(&v).unwrap();
    let options = DecodeOptions {
        strict: true,
        variant: None,
    };
    decode_response(action, &body, &options).is_ok()
}

/// The strict decoder's verdict on `text` as a date.
fn decoder_takes_date(text: &str) -> bool {
    let action = Action::from_name("domain/getauthcode").expect("domain/getauthcode");
    decoder_passes(action, "/responseData/tsExpir", text)
}

/// The strict decoder's verdict on `text` as a date and time; `None` for a spec without
/// date-time fields.
fn decoder_takes_date_time(text: &str) -> Option<bool> {
    let action = Action::from_name("domain/gethistory")?;
    Some(decoder_passes(action, "/responseData/history/0/ts", text))
}

const A_DATE: &str = "2020-02-29";
const A_DATE_TIME: &str = "2020-02-29 23:59:59";

/// Both verdicts (checker, decoder) on `text`, as a date and as a date and time.
fn verdicts(scratch: &Scratch, text: &str) -> [(bool, bool); 2] {
    let as_date = scratch.checker_passes(text, A_DATE_TIME);
    let as_date_time = scratch.checker_passes(A_DATE, text);
    [
        (as_date, decoder_takes_date(text)),
        (
            as_date_time,
            decoder_takes_date_time(text).unwrap_or(as_date_time),
        ),
    ]
}

/// Texts near the grammar: each part with the right or a wrong width, in or out of range,
/// the separators right or wrong, white space around or not.
fn near_dates() -> impl Strategy<Value = String> {
    let num = |max: u32, widths: std::ops::RangeInclusive<usize>| {
        (0..=max, widths).prop_map(|(n, w)| format!("{n:0w$}"))
    };
    let time = (
        prop::sample::select(vec![" ", "T", "t", "  ", "_", ""]),
        num(25, 1..=3),
        num(61, 1..=2),
        num(61, 1..=2),
        prop::sample::select(vec!["", ".5", "Z", "+01:00"]),
    )
        .prop_map(|(sep, h, m, s, tail)| format!("{sep}{h}:{m}:{s}{tail}"));
    (
        prop::sample::select(vec!["", " ", "\t", "\n"]),
        num(10_000, 3..=5),
        prop::sample::select(vec!["-", "/"]),
        num(14, 1..=2),
        num(33, 1..=2),
        prop::option::of(time),
        prop::sample::select(vec!["", " ", "\t"]),
    )
        .prop_map(|(lead, y, dash, mo, d, t, trail)| {
            format!("{lead}{y}{dash}{mo}-{d}{}{trail}", t.unwrap_or_default())
        })
}

#[test]
fn the_texts_the_issue_measured() {
    let scratch = Scratch::new("fixed");
    for text in [
        "2023-02-29",
        "2024-13-45",
        "2017-01-01 24:00:00",
        "2024-1-5",
        "2024-02-29",
        "2017-01-01 23:59:59",
        "2017-01-01T10:00:00",
        " 2017-01-01 ",
        "",
        "2017-01-01 23:59:60",
    ] {
        for (i, (checker, decoder)) in verdicts(&scratch, text).into_iter().enumerate() {
            let as_what = ["a date", "a date and time"][i];
            assert_eq!(
                checker, decoder,
                "{text:?} as {as_what}: checker {checker}, decoder {decoder}"
            );
        }
    }
    // The verdicts themselves, so that agreeing by refusing everything would fail.
    assert_eq!(
        verdicts(&scratch, "2024-02-29"),
        [(true, true), (true, true)]
    );
    assert_eq!(
        verdicts(&scratch, "2023-02-29"),
        [(false, false), (false, false)]
    );
    assert_eq!(
        verdicts(&scratch, "2024-1-5"),
        [(false, false), (false, false)]
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn checker_and_strict_decoder_agree_on_generated_texts(
        text in prop_oneof![near_dates(), "[ 0-9T:-]{0,21}"]
    ) {
        let scratch = Scratch::new("prop");
        for (checker, decoder) in verdicts(&scratch, &text) {
            prop_assert_eq!(checker, decoder, "text {:?}", text);
        }
    }
}
