//! The root file `api.rs`: modules, error codes, the action list and the dispatchers.

use proc_macro2::TokenStream;
use quote::quote;

use super::doc_attrs;
use crate::load::Spec;
use crate::names::{ident, type_ident};

/// `docs`: the crate's `docs/` folder, for the modules' hand-written pages
/// ([`Options::docs`](super::Options::docs)).
pub(crate) fn root_file(spec: &Spec, docs: Option<&std::path::Path>) -> TokenStream {
    let version = &spec.version;
    let base_url = &spec.api.base_url;
    let mut mods = TokenStream::new();
    let mut action_vars = TokenStream::new();
    let mut info_arms = TokenStream::new();
    let mut all = TokenStream::new();
    let mut any_vars = TokenStream::new();
    let mut decode_arms = TokenStream::new();
    let mut api_fns = TokenStream::new();
    for m in &spec.modules {
        let feature = &m.name;
        let mid = ident(&m.name);
        let file = format!("{}.rs", m.name);
        let doc = doc_attrs(&format!("Module `{}`: {}", m.name, m.doc));
        let page = super::include_doc(docs, &format!("modules/{}.md", m.name));
        mods.extend(quote! {
            #[cfg(feature = #feature)]
            #doc
            #page
            pub mod #mid {
                include!(#file);
            }
        });
        all.extend(quote! {
            #[cfg(feature = #feature)]
            out.extend(#mid::ACTIONS.iter().map(|i| i.action));
        });
        let api = type_ident(&format!("{}_api", m.name));
        let adoc = doc_attrs(&format!(
            "The actions of the `{}` module: {}",
            m.name, m.doc
        ));
        api_fns.extend(quote! {
            #[cfg(feature = #feature)]
            #adoc
            pub fn #mid(&self) -> #mid::#api<'_> {
                #mid::#api { client: self }
            }
        });
        for (i, (name, a)) in m.actions.iter().enumerate() {
            let var = type_ident(&format!("{}_{name}", m.name));
            let path = format!("{}/{name}", m.name);
            let vdoc = doc_attrs(&format!("`{path}`: {}", a.action.doc.trim()));
            let resp = type_ident(&format!("{}Response", crate::names::camel(name)));
            // A family's actions live in its submodule (`service::dns`).
            let resp = match &a.action.family {
                Some(f) => {
                    let fam = ident(&f.family);
                    quote!(#fam::#resp)
                }
                None => quote!(#resp),
            };
            action_vars.extend(quote!(#[cfg(feature = #feature)] #vdoc #var,));
            info_arms.extend(quote!(#[cfg(feature = #feature)] Self::#var => &#mid::ACTIONS[#i],));
            let rdoc = doc_attrs(&format!("Response of `{path}`."));
            any_vars.extend(quote!(#[cfg(feature = #feature)] #rdoc #var(#mid::#resp),));
            decode_arms.extend(quote! {
                #[cfg(feature = #feature)]
                Action::#var => crate::decode::decode_response_of::<#mid::#resp>(#path, 200, body, mode, variant).map(|d| d.map(AnyResponse::#var)),
            });
        }
    }
    let mut code_vars = TokenStream::new();
    let mut code_of = TokenStream::new();
    let mut from_code = TokenStream::new();
    let mut code_doc = TokenStream::new();
    for (name, e) in spec.api.errors.iter() {
        let id = type_ident(name);
        let code = e.code;
        let doc = e.doc.trim();
        let vdoc = doc_attrs(&format!("`{code}`: {doc}"));
        code_vars.extend(quote!(#vdoc #id,));
        code_of.extend(quote!(Self::#id => #code,));
        from_code.extend(quote!(#code => Self::#id,));
        code_doc.extend(quote!(Self::#id => #doc,));
    }
    quote! {
        /// The API version this code was generated from.
        pub const API_VERSION: &str = #version;
        /// The address of the production API.
        pub const DEFAULT_BASE_URL: &str = #base_url;

        /// Types shared by several modules.
        pub mod types {
            include!("types.rs");
        }
        #mods

        /// The envelope's `errorCode`: every code the API documents, and any other kept as a number.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum ErrorCode {
            #code_vars
            /// A code this version of the spec does not list.
            Unknown(i64),
        }
        impl ErrorCode {
            /// The numeric code.
            pub fn code(self) -> i64 {
                match self {
                    #code_of
                    Self::Unknown(code) => code,
                }
            }
            /// The variant for a numeric code.
            pub fn from_code(code: i64) -> Self {
                match code {
                    #from_code
                    other => Self::Unknown(other),
                }
            }
            /// What the code means, in the spec's words.
            pub fn description(self) -> &'static str {
                match self {
                    #code_doc
                    Self::Unknown(_) => "A code the spec does not list.",
                }
            }
        }
        impl std::fmt::Display for ErrorCode {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(f, "{} ({})", self.code(), self.description())
            }
        }

        /// Every action of the API (of the enabled modules).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Action {
            #action_vars
        }
        impl Action {
            /// The static description of the action.
            pub fn info(self) -> &'static crate::meta::ActionInfo {
                match self {
                    #info_arms
                }
            }
            /// The action's name, such as `domain/create`.
            pub fn name(self) -> &'static str {
                self.info().path
            }
            /// The action called `name` (`domain/create`, also with slashes around it).
            pub fn from_name(name: &str) -> Option<Self> {
                let name = name.trim_matches('/');
                Self::all().into_iter().find(|a| a.name() == name)
            }
            /// Every action, in spec order.
            pub fn all() -> Vec<Action> {
                #[allow(unused_mut)]
                let mut out = Vec::new();
                #all
                out
            }
        }
        impl std::fmt::Display for Action {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.name())
            }
        }

        /// The typed response of any action, as returned by [`decode_response`](crate::decode_response).
        #[derive(Debug, Clone, PartialEq, serde::Serialize)]
        #[serde(untagged)]
        pub enum AnyResponse {
            #any_vars
        }
        #[inline]
        pub(crate) fn decode_any(
            action: Action,
            body: &[u8],
            mode: crate::decode::Mode,
            variant: Option<&str>,
        ) -> Result<crate::decode::Decoded<AnyResponse>, crate::Error> {
            #[allow(unused_variables)]
            let _ = (&body, &mode, &variant);
            match action {
                #decode_arms
            }
        }

        impl crate::Client {
            #api_fns
        }
    }
}
