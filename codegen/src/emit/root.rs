//! The root file `api.rs`: modules, error codes, the action list and the dispatchers.
//!
//! Written as Rust text, not tokens, like the `ACTIONS` tables (see [`super::meta`]): it is
//! long lists (every action, every error code) that the unoptimized build script would
//! otherwise build, print and free token by token.

use std::fmt::Write;

use super::doc_text;
use crate::ir::Model;
use crate::names::ident;

/// `docs`: the crate's `docs/` folder, for the modules' hand-written pages
/// ([`Options::docs`](super::Options::docs)).
pub(crate) fn root_file(spec: &Model, docs: Option<&std::path::Path>) -> String {
    let version = &spec.version;
    let base_url = &spec.api.base_url;
    let mut mods = String::new();
    let mut action_vars = String::new();
    let mut info_arms = String::new();
    let mut all = String::new();
    let mut any_vars = String::new();
    let mut decode_arms = String::new();
    let mut api_fns = String::new();
    for m in &spec.modules {
        let feature = &m.name;
        let mid = ident(&m.name);
        let file = &m.file;
        let doc = doc_text(&format!("Module `{}`: {}", m.name, m.doc));
        let page = super::include_doc(docs, &format!("modules/{}.md", m.name));
        let _ = write!(
            mods,
            "#[cfg(feature = {feature:?})]\n{doc}{page}\npub mod {mid} {{ include!({file:?}); }}\n"
        );
        let _ = writeln!(
            all,
            "#[cfg(feature = {feature:?})] out.extend({mid}::ACTIONS.iter().map(|i| i.action));"
        );
        let api = ident(&m.api);
        let adoc = doc_text(&format!(
            "The actions of the `{}` module: {}",
            m.name, m.doc
        ));
        let _ = write!(
            api_fns,
            "#[cfg(feature = {feature:?})]\n{adoc}pub fn {mid}(&self) -> {mid}::{api}<'_> {{ {mid}::{api} {{ client: self }} }}\n"
        );
        for (i, a) in m.actions.iter().enumerate() {
            let var = ident(&a.names.variant);
            let path = &a.path;
            let vdoc = doc_text(&format!("`{path}`: {}", a.doc.trim()));
            let resp = ident(&a.names.response);
            // A family's actions live in its submodule (`service::dns`).
            let resp = match &a.family {
                Some(f) => format!("{}::{resp}", ident(&f.family)),
                None => resp.to_string(),
            };
            let cfg = format!("#[cfg(feature = {feature:?})]");
            let _ = write!(action_vars, "{cfg}\n{vdoc}{var},\n");
            let _ = writeln!(info_arms, "{cfg} Self::{var} => &{mid}::ACTIONS[{i}usize],");
            let rdoc = doc_text(&format!("Response of `{path}`."));
            let _ = write!(any_vars, "{cfg}\n{rdoc}{var}({mid}::{resp}),\n");
            let _ = writeln!(
                decode_arms,
                "{cfg} Action::{var} => crate::decode::decode_response_of::<{mid}::{resp}>({path:?}, 200, body, mode, variant).map(|d| d.map(AnyResponse::{var})),"
            );
        }
    }
    let mut code_vars = String::new();
    let mut code_of = String::new();
    let mut from_code = String::new();
    let mut code_doc = String::new();
    for e in &spec.errors {
        let id = ident(&e.rust);
        let code = e.code;
        let doc = e.doc.trim();
        let vdoc = doc_text(&format!("`{code}`: {doc}"));
        let _ = writeln!(code_vars, "{vdoc}{id},");
        let _ = writeln!(code_of, "Self::{id} => {code}i64,");
        let _ = writeln!(from_code, "{code}i64 => Self::{id},");
        let _ = writeln!(code_doc, "Self::{id} => {doc:?},");
    }
    format!(
        r#"/// The API version this code was generated from.
pub const API_VERSION: &str = {version:?};
/// The address of the production API.
pub const DEFAULT_BASE_URL: &str = {base_url:?};

/// Types shared by several modules.
pub mod types {{
    include!("types.rs");
}}
{mods}
/// The envelope's `errorCode`: every code the API documents, and any other kept as a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ErrorCode {{
{code_vars}    /// A code this version of the spec does not list.
    Unknown(i64),
}}
impl ErrorCode {{
    /// The numeric code.
    pub fn code(self) -> i64 {{
        match self {{
{code_of}            Self::Unknown(code) => code,
        }}
    }}
    /// The variant for a numeric code.
    pub fn from_code(code: i64) -> Self {{
        match code {{
{from_code}            other => Self::Unknown(other),
        }}
    }}
    /// What the code means, in the spec's words.
    pub fn description(self) -> &'static str {{
        match self {{
{code_doc}            Self::Unknown(_) => "A code the spec does not list.",
        }}
    }}
}}
impl std::fmt::Display for ErrorCode {{
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {{
        write!(f, "{{}} ({{}})", self.code(), self.description())
    }}
}}

/// Every action of the API (of the enabled modules).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {{
{action_vars}}}
impl Action {{
    /// The static description of the action.
    pub fn info(self) -> &'static crate::meta::ActionInfo {{
        match self {{
{info_arms}        }}
    }}
    /// The action's name, such as `domain/create`.
    pub fn name(self) -> &'static str {{
        self.info().path
    }}
    /// The action called `name` (`domain/create`, also with slashes around it).
    pub fn from_name(name: &str) -> Option<Self> {{
        let name = name.trim_matches('/');
        Self::all().into_iter().find(|a| a.name() == name)
    }}
    /// Every action, in spec order.
    pub fn all() -> Vec<Action> {{
        #[allow(unused_mut)]
        let mut out = Vec::new();
{all}        out
    }}
}}
impl std::fmt::Display for Action {{
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {{
        f.write_str(self.name())
    }}
}}

/// The typed response of any action, as returned by [`decode_response`](crate::decode_response).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[serde(untagged)]
pub enum AnyResponse {{
{any_vars}}}
#[inline]
pub(crate) fn decode_any(
    action: Action,
    body: &[u8],
    mode: crate::decode::Mode,
    variant: Option<&str>,
) -> Result<crate::decode::Decoded<AnyResponse>, crate::Error> {{
    #[allow(unused_variables)]
    let _ = (&body, &mode, &variant);
    match action {{
{decode_arms}    }}
}}

impl crate::Client {{
{api_fns}}}
"#
    )
}
