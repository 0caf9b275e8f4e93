//! Response side: open enums, structs with lenient decoding, and action responses.

use proc_macro2::TokenStream;
use quote::quote;

use super::{doc_attrs, with_manual, with_note, Gen};
use crate::ir::{Action, Enum, Field, Selector, Shape, Variant};
use crate::names::{ident, snake};
use crate::ty::Ty;

/// An open enum: known values as variants, anything else kept in `Unknown`.
pub(crate) fn emit_enum(def: &Enum) -> TokenStream {
    let id = ident(&def.rust);
    let doc = doc_attrs(&with_note(
        &with_manual(&def.doc, def.manual.as_deref()),
        def.note.as_deref(),
    ));
    let mut variants = TokenStream::new();
    let mut to_str = TokenStream::new();
    let mut from_str = TokenStream::new();
    let values: Vec<&String> = def.values.iter().map(|v| &v.value).collect();
    for v in &def.values {
        let var = ident(&v.rust);
        let value = &v.value;
        let vdoc = doc_attrs(&format!("`{value}`: {}", v.doc));
        variants.extend(quote!(#vdoc #var,));
        to_str.extend(quote!(Self::#var => #value,));
        from_str.extend(quote!(#value => Self::#var,));
    }
    let name_str = &def.name;
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        pub enum #id {
            #variants
            /// A value this version of the spec does not list, kept as sent.
            Unknown(String),
        }
        impl #id {
            /// Every value the spec lists, as sent on the wire.
            pub const VALUES: &'static [&'static str] = &[#(#values),*];
            /// The value as sent on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    #to_str
                    Self::Unknown(other) => other,
                }
            }
            /// The variant for a wire value; values the spec does not list become `Unknown`.
            pub fn from_wire(value: &str) -> Self {
                match value {
                    #from_str
                    other => Self::Unknown(other.to_owned()),
                }
            }
        }
        impl std::fmt::Display for #id {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
        impl From<&str> for #id {
            fn from(value: &str) -> Self {
                Self::from_wire(value)
            }
        }
        impl serde::Serialize for #id {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }
        impl crate::wire::ToWire for #id {
            fn to_wire(&self) -> String {
                self.as_str().to_owned()
            }
        }
        impl<'de> serde::Deserialize<'de> for #id {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let text = crate::decode::enum_text(d)?;
                let out = Self::from_wire(text.as_str());
                if let Self::Unknown(_) = out {
                    crate::decode::unknown_value::<D::Error>(#name_str, text.as_str())?;
                }
                Ok(out)
            }
        }
        impl<'de> crate::decode::Lenient<'de> for #id {
            fn lenient<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                serde::Deserialize::deserialize(d)
            }
            fn empty() -> Self {
                Self::Unknown(String::new())
            }
        }
    }
}

impl Gen<'_> {
    /// The Rust type of a field type; inline objects take the Rust name `inline`.
    pub(crate) fn rust_ty(&self, ty: &Ty, inline: &str) -> TokenStream {
        match ty {
            Ty::String => quote!(String),
            Ty::Integer => quote!(i64),
            Ty::Float => quote!(f64),
            Ty::Boolean => quote!(bool),
            Ty::Date => quote!(chrono::NaiveDate),
            Ty::DateTime => quote!(chrono::NaiveDateTime),
            Ty::Json => quote!(serde_json::Value),
            Ty::Object => {
                let id = ident(inline);
                quote!(#id)
            }
            Ty::Named(n) => self.named(n),
            Ty::List(t) | Ty::Csv(t) => {
                let t = self.rust_ty(t, inline);
                quote!(Vec<#t>)
            }
            Ty::Map(t) => {
                let t = self.rust_ty(t, inline);
                quote!(std::collections::BTreeMap<String, #t>)
            }
            Ty::Base64Json(t) => self.rust_ty(t, inline),
        }
    }

    /// A struct with its inline structs and its `Decode` impl, into `out`.
    pub(crate) fn emit_struct(
        &self,
        id: &proc_macro2::Ident,
        doc: &str,
        note: Option<&str>,
        fields: &[Field],
        named: bool,
        out: &mut TokenStream,
    ) -> Result<(), String> {
        let doc = doc_attrs(&with_note(doc, note));
        let mut decls = TokenStream::new();
        // The fields as `crate::decode::decode_struct!` takes them.
        let mut required = TokenStream::new();
        let mut optional = TokenStream::new();
        let mut placeheld_required = TokenStream::new();
        let mut placeheld_optional = TokenStream::new();
        let mut ctor_args = Vec::new();
        let mut ctor_inits = TokenStream::new();
        for f in fields {
            let (key, ty) = (f.key.as_str(), &f.ty);
            if ty.has_object() {
                let Some(inline) = &f.inline else {
                    return Err(format!("field `{key}` is an object but has no `fields`"));
                };
                let sub_doc = format!("Item of `{key}`: {}", f.doc.trim());
                self.emit_struct(
                    &ident(&inline.rust),
                    &sub_doc,
                    None,
                    &inline.fields,
                    false,
                    out,
                )?;
            }
            let fid = ident(&f.rust);
            let rty = self.rust_ty(ty, &f.object_rust);
            if !f.placeholders.is_empty() {
                let parts = Parts {
                    decls: &mut decls,
                    required: &mut placeheld_required,
                    optional: &mut placeheld_optional,
                    ctor_args: &mut ctor_args,
                    ctor_inits: &mut ctor_inits,
                };
                placeheld_field(id, f, (&fid, &rty), parts, out);
                continue;
            }
            let fdoc = doc_attrs(&with_note(&f.doc, f.note.as_deref()));
            if f.optional {
                // A struct that is often absent stays off its parent's inline size (a listed
                // domain would otherwise carry four contacts' worth of bytes for nothing).
                let is_struct = match &ty {
                    Ty::Object => true,
                    Ty::Named(n) => self.model.structs.contains_key(n),
                    _ => false,
                };
                let rty = if is_struct { quote!(Box<#rty>) } else { rty };
                let ser = if *ty == Ty::DateTime {
                    quote!(, serialize_with = "crate::decode::ser_opt_datetime")
                } else {
                    TokenStream::new()
                };
                decls.extend(quote! {
                    #fdoc
                    #[serde(rename = #key, skip_serializing_if = "Option::is_none" #ser)]
                    pub #fid: Option<#rty>,
                });
                optional.extend(quote!(? #fid: #rty = #key;));
                ctor_inits.extend(quote!(#fid: None,));
            } else {
                let ser = if *ty == Ty::DateTime {
                    quote!(, serialize_with = "crate::decode::ser_datetime")
                } else {
                    TokenStream::new()
                };
                decls.extend(quote! {
                    #fdoc
                    #[serde(rename = #key #ser)]
                    pub #fid: #rty,
                });
                let ident = f.identifying;
                required.extend(quote!(#fid: #rty = #key, #ident;));
                ctor_args.push(quote!(#fid: #rty));
                ctor_inits.extend(quote!(#fid,));
            }
        }
        let many_args = super::too_many_arguments(ctor_args.len());
        let ctor = if named {
            quote! {
                impl #id {
                    /// A value with the given fields, the optional ones unset.
                    #many_args
                    pub fn new(#(#ctor_args),*) -> Self {
                        Self { #ctor_inits extra: Default::default() }
                    }
                }
            }
        } else {
            TokenStream::new()
        };
        let expecting = format!("an object ({id})");
        out.extend(quote! {
            #doc
            #[derive(Debug, Clone, PartialEq, serde::Serialize)]
            pub struct #id {
                #decls
                /// Fields the spec does not describe, kept as the API sent them.
                #[serde(flatten)]
                pub extra: std::collections::BTreeMap<String, serde_json::Value>,
            }
            #ctor
            crate::decode::decode_struct!(
                #id, #expecting; #required #optional #placeheld_required #placeheld_optional
            );
        });
        Ok(())
    }

    /// The response type(s) of an action; returns the response type's name.
    pub(crate) fn emit_response(
        &self,
        a: &Action,
        out: &mut TokenStream,
    ) -> Result<proc_macro2::Ident, String> {
        let action = a.path.as_str();
        let id = ident(&a.names.response);
        let note = a.response.note.as_deref();
        let (item, array) = match &a.response.shape {
            Shape::Family { .. } => return self.emit_family_response(a, id, out),
            Shape::Whole { item, array } => (item, *array),
            Shape::Fields(fields) => {
                let doc = format!("What `{action}` returns in `responseData`.");
                self.emit_struct(&id, &doc, note, fields, false, out)?;
                out.extend(response_data_of_struct(&id));
                return Ok(id);
            }
            Shape::Variants {
                selector,
                common,
                variants,
            } => {
                return self.emit_variants(a, selector.as_ref(), common, variants, id, out);
            }
        };
        let item_ty = self.named(item);
        if array {
            let doc = doc_attrs(&with_note(
                &format!("What `{action}` returns: `responseData` is a JSON array of `{item}`."),
                note,
            ));
            out.extend(quote! {
                    #doc
                    #[derive(Debug, Clone, PartialEq, serde::Serialize)]
                    #[serde(transparent)]
                    pub struct #id {
                        /// The items of the array, in the order sent.
                        pub items: Vec<#item_ty>,
                    }
                    impl<'de> serde::Deserialize<'de> for #id {
                        fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                            Ok(Self { items: crate::decode::Lenient::lenient(d)? })
                        }
                    }
                    impl crate::decode::ResponseData for #id {
                        const VARIANTS: &'static [&'static str] = &[];
                        fn deserialize_variant<'de, D: serde::Deserializer<'de>>(d: D, _variant: Option<&str>) -> Result<Self, D::Error> {
                            serde::Deserialize::deserialize(d)
                        }
                    }
                    impl IntoIterator for #id {
                        type Item = #item_ty;
                        type IntoIter = std::vec::IntoIter<#item_ty>;
                        fn into_iter(self) -> Self::IntoIter {
                            self.items.into_iter()
                        }
                    }
                });
        } else {
            let doc = doc_attrs(&with_note(
                &format!("What `{action}` returns in `responseData`: a `{item}`."),
                note,
            ));
            out.extend(quote!(#doc pub type #id = #item_ty;));
        }
        Ok(id)
    }

    /// The response every family's operation shares, as an alias.
    fn emit_family_response(
        &self,
        a: &Action,
        id: proc_macro2::Ident,
        out: &mut TokenStream,
    ) -> Result<proc_macro2::Ident, String> {
        let f = a
            .family
            .as_ref()
            .ok_or("a family response without its family")?;
        let entity = self.named(&f.entity);
        let (ty, what) = match f.op.as_str() {
            "list" => {
                let q = self.named("QueryInfo");
                (quote!(crate::entity::EntityPage<#entity, #q>), "a page of")
            }
            "delete" => (quote!(crate::entity::NoData), "nothing for"),
            _ => (quote!(crate::entity::Entities<#entity>), "the"),
        };
        let doc = doc_attrs(&format!(
            "What `{}` returns: {what} `{}` entities (shared by every family).",
            a.path, f.family
        ));
        out.extend(quote!(#doc pub type #id = #ty;));
        Ok(id)
    }

    /// A response with variants: a struct per variant and the enum of them. An optional
    /// selector without default gives the enum a first variant ([`Selector::plain`], variant
    /// name `""`): the common fields alone, the answer to the request without it.
    fn emit_variants(
        &self,
        a: &Action,
        selector: Option<&Selector>,
        common: &[Field],
        variants: &[Variant],
        id: proc_macro2::Ident,
        out: &mut TokenStream,
    ) -> Result<proc_macro2::Ident, String> {
        let action = a.path.as_str();
        let mut vars = TokenStream::new();
        let mut arms = TokenStream::new();
        let mut names = Vec::new();
        if let Some((sel, plain)) = selector.and_then(|s| s.plain.as_ref().map(|p| (&s.key, p))) {
            let sid = ident(&plain.struct_rust);
            let vid = ident(&plain.rust);
            let doc = format!("What `{action}` returns without `{sel}`: the common fields alone.");
            self.emit_struct(&sid, &doc, None, common, false, out)?;
            out.extend(response_data_of_struct(&sid));
            let vdoc = doc_attrs(&format!("`{sel}` not sent: the common fields alone."));
            vars.extend(quote!(#vdoc #vid(#sid),));
            arms.extend(quote!("" => Ok(Self::#vid(serde::Deserialize::deserialize(d)?)),));
            names.push(String::new());
        }
        let selector = selector.map(|s| s.key.as_str());
        for v in variants {
            let vname = &v.value;
            let vid = ident(&v.rust);
            let sid = ident(&v.struct_rust);
            let doc = format!(
                "What `{action}` returns for `{}={vname}`: the common fields and {}",
                selector.unwrap_or("variant"),
                lower_first(&v.doc)
            );
            self.emit_struct(&sid, &doc, v.note.as_deref(), &v.fields, false, out)?;
            // Each variant is the response of a request that asks for it.
            out.extend(response_data_of_struct(&sid));
            let vdoc = doc_attrs(&format!("`{vname}`: {}", v.doc));
            vars.extend(quote!(#vdoc #vid(#sid),));
            arms.extend(quote!(#vname => Ok(Self::#vid(serde::Deserialize::deserialize(d)?)),));
            names.push(vname.clone());
        }
        let doc = doc_attrs(&with_note(
            &format!(
                "What `{action}` returns in `responseData`; its shape depends on `{}`.",
                selector.unwrap_or("the variant")
            ),
            a.response.note.as_deref(),
        ));
        let first = names.first().cloned().unwrap_or_default();
        let selector = match selector {
            Some(sel) => quote!(Some(#sel)),
            None => quote!(None),
        };
        out.extend(quote! {
            #doc
            #[derive(Debug, Clone, PartialEq, serde::Serialize)]
            #[serde(untagged)]
            pub enum #id {
                #vars
            }
            impl crate::decode::ResponseData for #id {
                const VARIANTS: &'static [&'static str] = &[#(#names),*];
                const SELECTOR: Option<&'static str> = #selector;
                fn deserialize_variant<'de, D: serde::Deserializer<'de>>(d: D, variant: Option<&str>) -> Result<Self, D::Error> {
                    match variant.unwrap_or(#first) {
                        #arms
                        other => Err(serde::de::Error::custom(format!("unknown response variant `{other}`"))),
                    }
                }
            }
            /// Picks the variant the value names or fits best (see
            /// [`select_variant`](crate::decode::select_variant)).
            impl<'de> serde::Deserialize<'de> for #id {
                fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                    crate::decode::variant_from_value(d)
                }
            }
        });
        Ok(id)
    }
}

/// The pieces of a generated struct that a field with placeholders adds to.
struct Parts<'a> {
    decls: &'a mut TokenStream,
    /// The required fields with placeholders as `decode_struct!` takes them.
    required: &'a mut TokenStream,
    /// The optional fields with placeholders as `decode_struct!` takes them.
    optional: &'a mut TokenStream,
    ctor_args: &'a mut Vec<TokenStream>,
    ctor_inits: &'a mut TokenStream,
}

/// A number field with `placeholders`: `Option<T>`, a placeholder (or `null`) decoding to
/// `None`, and `None` written back as the first placeholder by a small serializer of its own.
fn placeheld_field(
    id: &proc_macro2::Ident,
    f: &Field,
    (fid, rty): (&proc_macro2::Ident, &TokenStream),
    p: Parts,
    out: &mut TokenStream,
) {
    let shown: Vec<String> = f.placeholders.iter().map(|t| format!("`{t:?}`")).collect();
    let first = &f.placeholders[0];
    let doc = format!(
        "{}\n\nThe API sends {} for no value: `None` here, written back as `{first:?}`.",
        f.doc.trim(),
        shown.join(" or ")
    );
    let fdoc = doc_attrs(&with_note(&doc, f.note.as_deref()));
    let ser = quote::format_ident!("__ser_{}_{}", snake(&id.to_string()), fid.to_string());
    let ser_path = ser.to_string();
    let phs = &f.placeholders;
    let key = &f.key;
    out.extend(quote! {
        fn #ser<S: serde::Serializer>(v: &Option<#rty>, s: S) -> Result<S::Ok, S::Error> {
            crate::decode::ser_placeheld(v, #first, s)
        }
    });
    p.decls.extend(quote! {
        #fdoc
        #[serde(rename = #key, serialize_with = #ser_path)]
        pub #fid: Option<#rty>,
    });
    if f.optional {
        p.optional.extend(quote!(~ #fid: #rty = #key, [#(#phs),*];));
        p.ctor_inits.extend(quote!(#fid: None,));
    } else {
        let ident = f.identifying;
        p.required
            .extend(quote!(! #fid: #rty = #key, #ident, [#(#phs),*];));
        p.ctor_args.push(quote!(#fid: Option<#rty>));
        p.ctor_inits.extend(quote!(#fid,));
    }
}

fn lower_first(s: &str) -> String {
    let s = s.trim();
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_lowercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

/// `ResponseData` for a struct that is a whole `responseData` of a single shape: an action's
/// own response struct, or a named struct some action returns whole (`response: { type: S }`).
pub(crate) fn response_data_of_struct(id: &proc_macro2::Ident) -> TokenStream {
    quote! {
        impl crate::decode::ResponseData for #id {
            const VARIANTS: &'static [&'static str] = &[];
            fn deserialize_variant<'de, D: serde::Deserializer<'de>>(d: D, _variant: Option<&str>) -> Result<Self, D::Error> {
                serde::Deserialize::deserialize(d)
            }
        }
    }
}
