//! Test support: `samples.rs`, code that calls every action through the typed API with sample
//! values for its required parameters. The crate's tests include it to exercise every
//! generated builder against the mock server; it is not part of the library.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::{format, Gen};
use crate::error::SpecErrors;
use crate::load::Spec;
use crate::model::{GroupDef, Named, Param};
use crate::names::{camel, field_ident, ident, snake, type_ident};
use crate::ty::Ty;

impl Gen<'_> {
    fn local(&self, name: &str) -> TokenStream {
        let m = ident(self.module.unwrap_or("types"));
        let id = type_ident(name);
        quote!(dondominio::#m::#id)
    }

    fn sample_ty(&self, ty: &Ty) -> TokenStream {
        match ty {
            Ty::String | Ty::Object => quote!(String::from("sample")),
            Ty::Integer => quote!(1i64),
            Ty::Float => quote!(1.0f64),
            Ty::Boolean => quote!(true),
            Ty::Date => quote!(chrono::NaiveDate::from_ymd_opt(2024, 1, 31).unwrap_or_default()),
            Ty::DateTime => quote!(chrono::NaiveDateTime::default()),
            Ty::Json | Ty::Map(_) => quote!(Default::default()),
            Ty::List(t) | Ty::Csv(t) => {
                let t = self.sample_ty(t);
                quote!(vec![#t])
            }
            Ty::Base64Json(t) => self.sample_ty(t),
            Ty::Named(n) => {
                let path = self.named(n);
                if let Some(e) = self.spec.enums.get(n) {
                    let first = e.def.values.keys().next().cloned().unwrap_or_default();
                    quote!(#path::from_wire(#first))
                } else if let Some(s) = self.spec.structs.get(n) {
                    let args =
                        s.def.fields.values().filter(|f| !f.optional).map(|f| {
                            match Ty::parse(&f.ty) {
                                Ok(t) if !t.has_object() => self.sample_ty(&t),
                                _ => quote!(Default::default()),
                            }
                        });
                    quote!(#path::new(#(#args),*))
                } else {
                    quote!(Default::default())
                }
            }
        }
    }

    /// A sample of a parameter's plain type.
    fn sample_param(&self, key: &str, p: &Param, ctx: &str) -> TokenStream {
        if let Some(t) = p.ty.as_deref().and_then(|t| Ty::parse(t).ok()) {
            return self.sample_ty(&t);
        }
        if let Some(g) = &p.group {
            if p.numbered {
                return quote!(Vec::new());
            }
            return self.sample_group(g);
        }
        let name = p
            .type_name
            .clone()
            .unwrap_or_else(|| format!("{ctx}{}", camel(key)));
        let path = self.local(&name);
        let Some((vname, v)) = p.variants.as_ref().and_then(|vs| vs.iter().next()) else {
            return quote!(Default::default());
        };
        let vid = type_ident(&camel(vname));
        if v.params.is_empty() {
            return quote!(#path::#vid);
        }
        let fields = self.sample_fields(&v.params, &format!("{name}{}", camel(vname)));
        quote!(#path::#vid { #fields })
    }

    /// `field: value,` for every parameter: samples for required and conditional ones.
    fn sample_fields(&self, params: &Named<Param>, ctx: &str) -> TokenStream {
        let mut out = TokenStream::new();
        for (k, p) in params.iter() {
            let f = field_ident(k);
            let v = self.sample_param(k, p, ctx);
            if p.required || p.numbered {
                out.extend(quote!(#f: #v,));
            } else if p.required_if.is_some() {
                out.extend(quote!(#f: Some(#v),));
            } else {
                out.extend(quote!(#f: None,));
            }
        }
        out
    }

    fn sample_group(&self, name: &str) -> TokenStream {
        let Some(g) = self.spec.groups.get(name) else {
            return quote!(Default::default());
        };
        let path = self.named(name);
        self.sample_group_def(name, &path, &g.def)
    }

    fn sample_group_def(&self, name: &str, path: &TokenStream, g: &GroupDef) -> TokenStream {
        if let Some((vname, v)) = g.one_of.as_ref().and_then(|a| a.iter().next()) {
            let vid = type_ident(&camel(vname));
            if let Some(inner) = &v.group {
                let s = self.sample_group(inner);
                return quote!(#path::#vid(#s));
            }
            let params = v.params.clone().unwrap_or_default();
            if let (1, Some((k, p))) = (params.len(), params.iter().next()) {
                let s = self.sample_param(k, p, &format!("{name}{}", camel(vname)));
                return quote!(#path::#vid(#s));
            }
            let sname = format!("{name}{}", camel(vname));
            let spath = {
                let m = ident(
                    self.spec
                        .groups
                        .get(name)
                        .and_then(|d| d.module.as_deref())
                        .unwrap_or("types"),
                );
                let id = type_ident(&sname);
                quote!(dondominio::#m::#id)
            };
            let sub = GroupDef {
                doc: String::new(),
                params: Some(params),
                one_of: None,
                note: None,
            };
            let s = self.sample_group_def(&sname, &spath, &sub);
            return quote!(#path::#vid(#s));
        }
        let params = g.params.clone().unwrap_or_default();
        let fields = self.sample_fields(&params, name);
        quote!(#path { #fields })
    }
}

/// `samples.rs`: `pub async fn call_every_action(client) -> Vec<Outcome>`, pretty-printed.
pub fn samples_file(spec: &Spec) -> Result<String, SpecErrors> {
    samples_file_with(spec, &super::Options::default())
}

/// `samples.rs` for the modules `options` asks for.
pub fn samples_file_with(spec: &Spec, options: &super::Options) -> Result<String, SpecErrors> {
    let mut calls = TokenStream::new();
    for m in spec.modules.iter().filter(|m| options.wants(&m.name)) {
        let g = Gen {
            spec,
            module: Some(&m.name),
            abs: true,
        };
        let feature = &m.name;
        let mid = ident(&m.name);
        let mut body = TokenStream::new();
        for (name, def) in &m.actions {
            let a = &def.action;
            let ctx = camel(name);
            let method = ident(&snake(name));
            let variant = type_ident(&format!("{}_{name}", m.name));
            let args: Vec<TokenStream> = a
                .params
                .iter()
                .filter(|(_, p)| p.required)
                .map(|(k, p)| g.sample_param(k, p, &ctx))
                .collect();
            let mut setters = TokenStream::new();
            for (k, p) in a.params.iter().filter(|(_, p)| p.required_if.is_some()) {
                let f = field_ident(k);
                let v = g.sample_param(k, p, &ctx);
                setters.extend(quote!(.#f(#v)));
            }
            let resp = a.response.as_ref();
            let selector = resp
                .and_then(|r| r.selector.clone())
                .filter(|_| resp.is_some_and(|r| r.variants.is_some()));
            let variants: Vec<String> = resp
                .and_then(|r| r.variants.as_ref())
                .map(|v| v.keys().cloned().collect())
                .unwrap_or_default();
            match selector.and_then(|s| a.params.get(&s).map(|p| (s, p))) {
                Some((sel, p)) if !p.required => {
                    let setter = field_ident(&sel);
                    let ty = p.ty.as_deref().and_then(|t| Ty::parse(t).ok());
                    let Some(Ty::Named(en)) = ty else { continue };
                    let path = g.named(&en);
                    for v in &variants {
                        body.extend(quote! {
                            let r = client.#mid().#method(#(#args),*)#setters.#setter(#path::from_wire(#v)).send().await;
                            out.push(Outcome { action: dondominio::Action::#variant, variant: Some(#v), result: r.map(|_| ()) });
                        });
                    }
                }
                _ => {
                    body.extend(quote! {
                        let r = client.#mid().#method(#(#args),*)#setters.send().await;
                        out.push(Outcome { action: dondominio::Action::#variant, variant: None, result: r.map(|_| ()) });
                    });
                }
            }
        }
        calls.extend(quote!(#[cfg(feature = #feature)] { #body }));
    }
    let _ = format_ident!("unused");
    let tokens = quote! {
        /// The result of one sample call.
        pub struct Outcome {
            /// The action called.
            pub action: dondominio::Action,
            /// The response variant asked for.
            pub variant: Option<&'static str>,
            /// What the call returned.
            pub result: Result<(), dondominio::Error>,
        }

        /// Calls every action (every variant of variant responses) with sample values.
        #[allow(clippy::vec_init_then_push, unused_mut)]
        pub async fn call_every_action(client: &dondominio::Client) -> Vec<Outcome> {
            let mut out = Vec::new();
            #calls
            out
        }
    };
    format(tokens, options.pretty)
}
