//! Request side: parameter groups, discriminators, parameter structs, builders and methods.

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use super::{doc_attrs, too_many_arguments, with_manual, with_note, Gen};
use crate::model::{Action, GroupDef, Kind, Named, Param};
use crate::names::{camel, ident, type_ident};
use crate::ty::Ty;

/// How a parameter is held in Rust.
struct ParamShape {
    /// The type without `Option`.
    ty: TokenStream,
    /// Whether the Rust field is the plain type (required or a numbered list).
    plain: bool,
    /// The argument type of a constructor or setter, and how to turn the argument into `ty`.
    arg: TokenStream,
    conv: fn(&Ident) -> TokenStream,
    /// A numbered group: a list that starts empty.
    numbered: bool,
}

fn into_conv(id: &Ident) -> TokenStream {
    quote!(#id.into())
}
fn same_conv(id: &Ident) -> TokenStream {
    quote!(#id)
}
fn csv_conv(id: &Ident) -> TokenStream {
    quote!(#id.into_iter().map(Into::into).collect())
}

impl Gen<'_> {
    /// The Rust type of a request scalar.
    fn request_ty(&self, ty: &Ty) -> TokenStream {
        match ty {
            Ty::Csv(t) | Ty::List(t) => {
                let t = self.request_ty(t);
                quote!(Vec<#t>)
            }
            other => self.rust_ty(other, "Object"),
        }
    }

    fn shape(&self, key: &str, p: &Param, ctx: &str) -> Result<ParamShape, String> {
        if let Some(ty) = &p.ty {
            let ty = ty.parsed().map_err(|e| format!("parameter `{key}`: {e}"))?;
            let rty = self.request_ty(ty);
            let (arg, conv): (TokenStream, fn(&Ident) -> TokenStream) = match &ty {
                Ty::String => (quote!(impl Into<String>), into_conv),
                Ty::Csv(inner) if **inner == Ty::String => (
                    quote!(impl IntoIterator<Item = impl Into<String>>),
                    csv_conv,
                ),
                _ => (rty.clone(), same_conv),
            };
            return Ok(ParamShape {
                ty: rty,
                plain: p.required,
                arg,
                conv,
                numbered: false,
            });
        }
        if let Some(group) = &p.group {
            let g = self.named(group);
            if p.numbered {
                return Ok(ParamShape {
                    ty: quote!(Vec<#g>),
                    plain: true,
                    arg: quote!(Vec<#g>),
                    conv: same_conv,
                    numbered: true,
                });
            }
            return Ok(ParamShape {
                ty: g.clone(),
                plain: p.required,
                arg: quote!(impl Into<#g>),
                conv: into_conv,
                numbered: false,
            });
        }
        let name = self.discriminator_name(key, p, ctx);
        let id = type_ident(&name);
        Ok(ParamShape {
            ty: quote!(#id),
            plain: p.required,
            arg: quote!(#id),
            conv: same_conv,
            numbered: false,
        })
    }

    fn discriminator_name(&self, key: &str, p: &Param, ctx: &str) -> String {
        p.type_name
            .clone()
            .unwrap_or_else(|| format!("{ctx}{}", camel(key)))
    }

    /// Statements that push the parameter held in `value` (a reference to the plain type).
    fn encode_value(&self, key: &str, p: &Param, value: TokenStream) -> TokenStream {
        if let Some(ty) = &p.ty {
            let b64 = matches!(ty.ty(), Some(Ty::Base64Json(_)));
            if b64 {
                quote!(form.push(prefix, #key, suffix, &crate::wire::Base64Json(#value));)
            } else {
                quote!(form.push(prefix, #key, suffix, #value);)
            }
        } else if p.group.is_some() {
            let gp = p.prefix.clone().unwrap_or_else(|| key.to_owned());
            if p.numbered {
                quote! {
                    for (i, item) in (#value).iter().enumerate() {
                        item.encode(&[prefix, #gp].concat(), &format!("{suffix}_{}", i + 1), form);
                    }
                }
            } else {
                quote!((#value).encode(&[prefix, #gp].concat(), suffix, form);)
            }
        } else {
            quote!((#value).encode(prefix, suffix, form);)
        }
    }

    /// Fields, encode statements, and nested items for a parameter map held in a struct.
    #[allow(clippy::type_complexity)]
    fn param_fields(
        &self,
        params: &Named<Param>,
        ctx: &str,
        public: bool,
        items: &mut TokenStream,
    ) -> Result<(TokenStream, TokenStream, Vec<(Ident, ParamShape)>), String> {
        let mut decls = TokenStream::new();
        let mut encode = TokenStream::new();
        let mut shapes = Vec::new();
        let vis = if public {
            quote!(pub)
        } else {
            TokenStream::new()
        };
        for (key, p) in params.iter() {
            if let Some(variants) = &p.variants {
                items.extend(self.emit_discriminator(key, p, variants, ctx)?);
            }
            let shape = self.shape(key, p, ctx)?;
            let fid = ident(&p.rust_name(key));
            let ty = &shape.ty;
            let doc = doc_attrs(&with_note(&param_doc(key, p), p.note.as_deref()));
            if shape.plain {
                decls.extend(quote!(#doc #vis #fid: #ty,));
                encode.extend(self.encode_value(key, p, quote!(&self.#fid)));
            } else {
                decls.extend(quote!(#doc #vis #fid: Option<#ty>,));
                let push = self.encode_value(key, p, quote!(value));
                encode.extend(quote!(if let Some(value) = &self.#fid { #push }));
            }
            shapes.push((fid, shape));
        }
        Ok((decls, encode, shapes))
    }

    /// A discriminator enum (`updateType`), each variant with its own parameters.
    fn emit_discriminator(
        &self,
        key: &str,
        p: &Param,
        variants: &Named<crate::model::ParamVariant>,
        ctx: &str,
    ) -> Result<TokenStream, String> {
        let name = self.discriminator_name(key, p, ctx);
        let id = type_ident(&name);
        let mut items = TokenStream::new();
        let mut vars = TokenStream::new();
        let mut arms = TokenStream::new();
        for (vname, v) in variants.iter() {
            let vid = type_ident(&camel(vname));
            let vdoc = doc_attrs(&with_note(
                &format!("`{key}={vname}`: {}", v.doc),
                v.note.as_deref(),
            ));
            let sub_ctx = format!("{name}{}", camel(vname));
            let (decls, _, shapes) = self.param_fields(&v.params, &sub_ctx, false, &mut items)?;
            let binds: Vec<&Ident> = shapes.iter().map(|(f, _)| f).collect();
            let mut pushes = TokenStream::new();
            for ((k, vp), (fid, shape)) in v.params.iter().zip(&shapes) {
                if shape.plain {
                    pushes.extend(self.encode_value(k, vp, quote!(#fid)));
                } else {
                    let push = self.encode_value(k, vp, quote!(value));
                    pushes.extend(quote!(if let Some(value) = #fid { #push }));
                }
            }
            if shapes.is_empty() {
                vars.extend(quote!(#vdoc #vid,));
                arms.extend(quote!(Self::#vid => { form.push(prefix, #key, suffix, &#vname); }));
            } else {
                vars.extend(quote!(#vdoc #vid { #decls },));
                arms.extend(quote! {
                    Self::#vid { #(#binds),* } => {
                        form.push(prefix, #key, suffix, &#vname);
                        #pushes
                    }
                });
            }
        }
        let doc = doc_attrs(&with_note(&param_doc(key, p), p.note.as_deref()));
        items.extend(quote! {
            #doc
            #[derive(Debug, Clone, PartialEq)]
            pub enum #id {
                #vars
            }
            impl #id {
                #[allow(unused_variables, dead_code)]
                pub(crate) fn encode(&self, prefix: &str, suffix: &str, form: &mut crate::wire::Form) {
                    match self {
                        #arms
                    }
                }
            }
        });
        Ok(items)
    }

    /// A parameter group: a struct (plain) or an enum (one_of).
    pub(crate) fn emit_group(&self, name: &str, g: &GroupDef) -> Result<TokenStream, String> {
        let id = type_ident(name);
        let doc = doc_attrs(&with_note(
            &with_manual(&g.doc, g.manual.as_deref()),
            g.note.as_deref(),
        ));
        let mut items = TokenStream::new();
        if let Some(alts) = &g.one_of {
            let mut vars = TokenStream::new();
            let mut arms = TokenStream::new();
            let mut froms: Vec<(String, TokenStream, Ident)> = Vec::new();
            for (vname, v) in alts.iter() {
                let vid = type_ident(&camel(vname));
                let vdoc = doc_attrs(&with_note(&v.doc, v.note.as_deref()));
                if let Some(inner) = &v.group {
                    let ty = self.named(inner);
                    vars.extend(quote!(#vdoc #vid(#ty),));
                    arms.extend(quote!(Self::#vid(inner) => inner.encode(prefix, suffix, form),));
                    froms.push((ty.to_string(), ty, vid));
                    continue;
                }
                let params = v.params.clone().unwrap_or_default();
                if let (1, Some((k, p))) = (params.len(), params.iter().next()) {
                    let shape = self.shape(k, p, &format!("{name}{}", camel(vname)))?;
                    let ty = &shape.ty;
                    vars.extend(quote!(#vdoc #vid(#ty),));
                    let push = self.encode_value(k, p, quote!(value));
                    arms.extend(quote!(Self::#vid(value) => { #push }));
                    froms.push((ty.to_string(), ty.clone(), vid));
                } else {
                    let sname = format!("{name}{}", camel(vname));
                    let sub = GroupDef {
                        doc: v.doc.clone(),
                        params: Some(params),
                        one_of: None,
                        from: Vec::new(),
                        manual: None,
                        note: None,
                    };
                    items.extend(self.emit_group(&sname, &sub)?);
                    let sid = type_ident(&sname);
                    vars.extend(quote!(#vdoc #vid(#sid),));
                    arms.extend(quote!(Self::#vid(inner) => inner.encode(prefix, suffix, form),));
                    froms.push((sid.to_string(), quote!(#sid), vid));
                }
            }
            let mut from_impls = TokenStream::new();
            for (key, ty, vid) in &froms {
                if froms.iter().filter(|(k, _, _)| k == key).count() != 1 {
                    continue;
                }
                from_impls.extend(quote! {
                    impl From<#ty> for #id {
                        fn from(value: #ty) -> Self { Self::#vid(value) }
                    }
                });
                if key == "String" {
                    from_impls.extend(quote! {
                        impl From<&str> for #id {
                            fn from(value: &str) -> Self { Self::#vid(value.to_owned()) }
                        }
                    });
                }
            }
            items.extend(quote! {
                #doc
                #[derive(Debug, Clone, PartialEq)]
                pub enum #id {
                    #vars
                }
                impl #id {
                    #[allow(unused_variables, dead_code)]
                pub(crate) fn encode(&self, prefix: &str, suffix: &str, form: &mut crate::wire::Form) {
                        match self {
                            #arms
                        }
                    }
                }
                #from_impls
            });
            return Ok(items);
        }
        let params = g.params.clone().unwrap_or_default();
        let (decls, encode, shapes) = self.param_fields(&params, name, true, &mut items)?;
        let constructor = if crate::model::wants_builder(&params) {
            items.extend(builder(name, &params, &shapes));
            let bid = format_ident!("{}Builder", id);
            quote! {
                /// A builder with one setter per parameter; `build()` checks that every
                /// required one was set.
                pub fn builder() -> #bid {
                    #bid::default()
                }
            }
        } else {
            let (args, inits) = ctor(&shapes);
            let many_args = too_many_arguments(args.len());
            quote! {
                /// A value with the required parameters; set the optional fields directly.
                #many_args
                pub fn new(#(#args),*) -> Self {
                    Self { #inits }
                }
            }
        };
        items.extend(quote! {
            #doc
            #[derive(Debug, Clone, PartialEq)]
            pub struct #id {
                #decls
            }
            impl #id {
                #constructor
                #[allow(unused_variables, dead_code)]
                pub(crate) fn encode(&self, prefix: &str, suffix: &str, form: &mut crate::wire::Form) {
                    #encode
                }
            }
        });
        Ok(items)
    }

    /// `impl From<Source> for Group` of a `from:` entry, when the source is defined in
    /// `module` (the file being written); nothing otherwise.
    pub(crate) fn emit_from(
        &self,
        group: &str,
        g: &GroupDef,
        f: &crate::model::FromDef,
        module: Option<&str>,
    ) -> Result<TokenStream, String> {
        let src = crate::convert::source(self.spec, f)?;
        if src.module.as_deref() != module {
            return Ok(TokenStream::new());
        }
        let pairs = crate::convert::pairs(g, f, &src).map_err(|e| e.join("; "))?;
        let src_ty = match &f.struct_ {
            Some(s) => self.named(s),
            None => {
                let id = type_ident(&src.type_name);
                quote!(#id)
            }
        };
        let gid = self.named(group);
        let mut inits = TokenStream::new();
        for pair in &pairs {
            let fid = ident(&pair.param.rust_name(pair.key));
            let expr = match pair.field {
                None if pair.param.numbered => quote!(Vec::new()),
                None => quote!(None),
                Some((fk, fd)) => {
                    let ffid = ident(&fd.rust_name(fk));
                    if pair.param.required || fd.optional {
                        quote!(value.#ffid)
                    } else if matches!(fd.ty.ty(), Some(Ty::String)) {
                        // The API sends "" for a text it has not got: not a value to send back.
                        quote!(Some(value.#ffid).filter(|v| !v.is_empty()))
                    } else {
                        quote!(Some(value.#ffid))
                    }
                }
            };
            inits.extend(quote!(#fid: #expr,));
        }
        let doc = doc_attrs(&format!(
            "The data of {} as a `{group}` input; its unknown fields are dropped.",
            src.shown
        ));
        Ok(quote! {
            impl From<#src_ty> for #gid {
                #doc
                fn from(value: #src_ty) -> Self {
                    Self { #inits }
                }
            }
        })
    }

    /// Everything for one action; returns the items, the method of the module's API struct,
    /// and for a family's action the method of the family's API struct.
    pub(crate) fn emit_action(
        &self,
        module: &str,
        name: &str,
        a: &Action,
    ) -> Result<(TokenStream, TokenStream, TokenStream), String> {
        let base = camel(name);
        let mut items = TokenStream::new();
        let resp = self.emit_response(
            &format!("{module}/{name}"),
            a.response.as_ref(),
            a.family.as_ref(),
            &mut items,
        )?;
        let params_id = format_ident!("{}Params", base);
        let req_id = format_ident!("{}Request", base);
        let (decls, encode, shapes) = self.param_fields(&a.params, &base, true, &mut items)?;
        let (args, inits) = ctor(&shapes);
        let arg_names: Vec<&Ident> = shapes
            .iter()
            .filter(|(_, s)| s.plain && !is_vec(s))
            .map(|(f, _)| f)
            .collect();
        let full = format!("{module}/{name}");
        let action_variant = type_ident(&format!("{module}_{name}"));
        let variant_fn = match a.response.as_ref().and_then(|r| r.selector.as_ref()) {
            Some(sel) if a.response.as_ref().is_some_and(|r| r.variants.is_some()) => {
                let p = a
                    .params
                    .get(sel)
                    .ok_or_else(|| format!("selector `{sel}` is not a parameter"))?;
                let fid = ident(&p.rust_name(sel));
                let default = p.default.as_ref().map(|d| d.0.clone());
                let first = a
                    .response
                    .as_ref()
                    .and_then(|r| r.variants.as_ref())
                    .and_then(|v| v.keys().next().cloned())
                    .unwrap_or_default();
                let fallback = default.unwrap_or(first);
                if p.required {
                    quote!(fn variant(&self) -> Option<&str> { Some(self.#fid.as_str()) })
                } else {
                    quote!(fn variant(&self) -> Option<&str> { Some(self.#fid.as_ref().map_or(#fallback, |v| v.as_str())) })
                }
            }
            _ => TokenStream::new(),
        };
        let kind_note = match a.kind {
            Kind::Read => "Only reads; safe to retry.",
            Kind::Write => "Changes state; the client never retries it on its own.",
            Kind::Billable => "Costs money; the client never retries it on its own.",
        };
        let mut method_doc = format!("{}\n\n`POST /{full}/`. {kind_note}", a.doc.trim());
        if let Some(w) = &a.wraps {
            let with: Vec<String> = w.with.iter().map(|(k, v)| format!("{k}={}", v.0)).collect();
            method_doc.push_str(&format!(
                " Shorthand for `{}` with `{}`.",
                w.action,
                with.join(", ")
            ));
        }
        let method_doc = with_note(
            &with_manual(&method_doc, a.manual.as_deref()),
            a.note.as_deref(),
        );
        let mdoc = doc_attrs(&method_doc);
        // The hand-written page (examples) goes on the documented method only: for a family's
        // action that is the family's API (`dns().list(..)`), not the hidden flat name, whose
        // doc tests rustdoc would run a second time.
        let page = super::include_doc(self.docs, &format!("actions/{module}/{name}.md"));
        let pdoc = doc_attrs(&format!("Parameters of `{full}`."));
        let rdoc = doc_attrs(&format!(
            "A `{full}` call being built: set optional parameters, then `.send().await` (or `.await`)."
        ));
        let method_id = crate::names::ident(&crate::names::snake(name));
        let mut setters = TokenStream::new();
        for ((key, p), (fid, shape)) in a.params.iter().zip(&shapes) {
            if shape.plain && !is_vec(shape) {
                continue;
            }
            let sdoc = doc_attrs(&format!("Sets `{key}`: {}", p.doc.trim()));
            let arg = &shape.arg;
            let v = format_ident!("value");
            let conv = (shape.conv)(&v);
            let assign = if shape.plain {
                quote!(#conv)
            } else {
                quote!(Some(#conv))
            };
            setters.extend(quote! {
                #sdoc
                pub fn #fid(mut self, value: #arg) -> Self {
                    self.params.#fid = #assign;
                    self
                }
            });
        }
        let paging = self.emit_paging(a, &params_id, &req_id, &base)?;
        // Sending, `params()` and `IntoFuture` come with `crate::Call`; an action adds its setters.
        let setters_impl = if setters.is_empty() {
            TokenStream::new()
        } else {
            quote! {
                impl<'c> #req_id<'c> {
                    #setters
                }
            }
        };
        let many_args = too_many_arguments(args.len());
        let encode_fn = if encode.is_empty() {
            quote!(
                fn encode(&self, _form: &mut crate::wire::Form) {}
            )
        } else {
            // Every pushed parameter names the prefix and suffix of where it is used (see
            // `encode_value`); at the top level both are empty.
            quote! {
                fn encode(&self, form: &mut crate::wire::Form) {
                    let (prefix, suffix) = ("", "");
                    #encode
                }
            }
        };
        items.extend(quote! {
            #pdoc
            #[derive(Debug, Clone, PartialEq)]
            pub struct #params_id {
                #decls
            }
            impl #params_id {
                /// Parameters with the required values; the optional ones unset.
                #many_args
                pub fn new(#(#args),*) -> Self {
                    Self { #inits }
                }
            }
            impl crate::Request for #params_id {
                type Response = #resp;
                const ACTION: crate::Action = crate::Action::#action_variant;
                #encode_fn
                #variant_fn
            }
            #rdoc
            pub type #req_id<'c> = crate::Call<'c, #params_id>;
            #setters_impl
            #paging
        });
        // The flat name of a family's action (`dnslist`) stays for code written against it,
        // out of the docs: the family's own API (`dns().list(..)`) is the documented way.
        let (hidden, flat_page) = match &a.family {
            Some(_) => (quote!(#[doc(hidden)]), TokenStream::new()),
            None => (TokenStream::new(), page.clone()),
        };
        let method = quote! {
            #mdoc
            #flat_page
            #hidden
            pub fn #method_id(&self, #(#args),*) -> #req_id<'c> {
                #req_id { client: self.client, params: #params_id::new(#(#arg_names),*) }
            }
        };
        // A family's own API names its methods after the operation alone (`dns().list(..)`).
        let short = match &a.family {
            Some(f) => {
                let op_id = crate::names::ident(&crate::names::snake(&f.op));
                quote! {
                    #mdoc
                    #page
                    pub fn #op_id(&self, #(#args),*) -> #req_id<'c> {
                        #req_id { client: self.client, params: #params_id::new(#(#arg_names),*) }
                    }
                }
            }
            None => TokenStream::new(),
        };
        Ok((items, method, short))
    }

    fn emit_paging(
        &self,
        a: &Action,
        params_id: &Ident,
        req_id: &Ident,
        base: &str,
    ) -> Result<TokenStream, String> {
        let Some(paged) = &a.paged else {
            return Ok(TokenStream::new());
        };
        let r = a
            .response
            .as_ref()
            .ok_or("a paged action needs a response")?;
        let f = r.fields.get(&paged.items).ok_or_else(|| {
            format!(
                "paged items field `{}` is not a response field",
                paged.items
            )
        })?;
        let ty = f.ty.parsed()?;
        let Ty::List(inner) = &ty else {
            return Err(format!(
                "paged items field `{}` must be a list",
                paged.items
            ));
        };
        let inline = f
            .type_name
            .clone()
            .unwrap_or_else(|| format!("{base}{}", camel(&paged.items)));
        let item_ty = self.rust_ty(inner, &inline);
        let items_id = ident(&f.rust_name(&paged.items));
        let shared = a.family.as_ref().is_some_and(|f| f.implied_response);
        let items_expr = if shared {
            quote!(r.items)
        } else if f.optional {
            quote!(r.#items_id.unwrap_or_default())
        } else {
            quote!(r.#items_id)
        };
        let total = match r.fields.get("queryInfo") {
            Some(_) if shared => quote!(Some(r.query_info.total)),
            Some(q) if q.optional => quote!(r.query_info.as_ref().map(|q| q.total)),
            Some(_) => quote!(Some(r.query_info.total)),
            None => quote!(None),
        };
        let has_page = a.params.contains_key("page");
        if !has_page {
            return Err("a paged action needs a `page` parameter".into());
        }
        Ok(quote! {
            impl crate::paging::Paged for #params_id {
                type Item = #item_ty;
                fn set_page(&mut self, page: i64) {
                    self.page = Some(page);
                }
                fn first_page(&self) -> i64 {
                    self.page.unwrap_or(1)
                }
                fn split(r: Self::Response) -> (Option<i64>, Vec<Self::Item>) {
                    (#total, #items_expr)
                }
            }
            impl<'c> #req_id<'c> {
                /// Every item of every page from the current one on, fetching pages as needed.
                #[inline]
                pub fn items(self) -> impl futures_core::Stream<Item = Result<#item_ty, crate::Error>> + Unpin + 'c {
                    crate::paging::items(self.client, self.params)
                }
            }
        })
    }
}

/// The builder of a group with many required parameters (see [`crate::model::wants_builder`]):
/// every field optional until `build()`, whose error names each missing setter and wire key.
fn builder(name: &str, params: &Named<Param>, shapes: &[(Ident, ParamShape)]) -> TokenStream {
    let id = type_ident(name);
    let bid = format_ident!("{}Builder", id);
    let item = id.to_string();
    let mut fields = TokenStream::new();
    let mut setters = TokenStream::new();
    let mut checks = TokenStream::new();
    let mut all = Vec::new();
    let mut required = Vec::new();
    let mut inits = TokenStream::new();
    for ((key, p), (fid, shape)) in params.iter().zip(shapes) {
        let ty = &shape.ty;
        let arg = &shape.arg;
        let v = format_ident!("value");
        let conv = (shape.conv)(&v);
        let sdoc = doc_attrs(&format!("Sets `{key}`: {}", p.doc.trim()));
        all.push(fid.clone());
        if is_vec(shape) {
            fields.extend(quote!(#fid: #ty,));
            setters.extend(quote! {
                #sdoc
                pub fn #fid(mut self, value: #arg) -> Self {
                    self.#fid = #conv;
                    self
                }
            });
            inits.extend(quote!(#fid,));
            continue;
        }
        fields.extend(quote!(#fid: Option<#ty>,));
        // A setter takes anything that converts (an enum from its wire text, say).
        let (arg, conv) = if arg.to_string() == ty.to_string() {
            (quote!(impl Into<#ty>), quote!(value.into()))
        } else {
            (arg.clone(), conv)
        };
        setters.extend(quote! {
            #sdoc
            pub fn #fid(mut self, value: #arg) -> Self {
                self.#fid = Some(#conv);
                self
            }
        });
        if shape.plain {
            let setter = crate::names::unraw(fid);
            checks.extend(quote! {
                if self.#fid.is_none() {
                    missing.push((#setter, #key));
                }
            });
            required.push(fid.clone());
        }
        inits.extend(quote!(#fid,));
    }
    let bdoc = doc_attrs(&format!(
        "Builds a [`{item}`]: one setter per parameter, then [`build`](Self::build)."
    ));
    quote! {
        #bdoc
        #[must_use = "a builder does nothing until `build()` is called"]
        #[derive(Debug, Clone, Default)]
        pub struct #bid {
            #fields
        }
        impl #bid {
            #setters
            /// The value, or [`Error::Incomplete`](crate::Error::Incomplete) naming every
            /// required parameter not set (its setter and its wire key).
            pub fn build(self) -> Result<#id, crate::Error> {
                let mut missing: Vec<(&'static str, &'static str)> = Vec::new();
                #checks
                let Self { #(#all),* } = self;
                match (#(#required),*) {
                    (#(Some(#required)),*) => Ok(#id { #inits }),
                    _ => Err(crate::Error::Incomplete { item: #item, missing }),
                }
            }
        }
    }
}

fn is_vec(s: &ParamShape) -> bool {
    s.numbered
}

/// Constructor arguments and field initialisers for a parameter struct.
fn ctor(shapes: &[(Ident, ParamShape)]) -> (Vec<TokenStream>, TokenStream) {
    let mut args = Vec::new();
    let mut inits = TokenStream::new();
    for (fid, s) in shapes {
        if s.plain && !is_vec(s) {
            let arg = &s.arg;
            args.push(quote!(#fid: #arg));
            let conv = (s.conv)(fid);
            inits.extend(quote!(#fid: #conv,));
        } else if s.plain {
            inits.extend(quote!(#fid: Vec::new(),));
        } else {
            inits.extend(quote!(#fid: None,));
        }
    }
    (args, inits)
}

fn param_doc(key: &str, p: &Param) -> String {
    let mut d = p.doc.trim().to_owned();
    let wire = if p.group.is_some() {
        let prefix = p.prefix.clone().unwrap_or_else(|| key.to_owned());
        if prefix.is_empty() {
            String::new()
        } else {
            format!("Sent under the prefix `{prefix}`.")
        }
    } else {
        format!("Wire name `{key}`.")
    };
    if !wire.is_empty() {
        d.push_str(&format!("\n\n{wire}"));
    }
    if let Some(def) = &p.default {
        d.push_str(&format!(" The API's default is `{}`.", def.0));
    }
    if let Some(when) = &p.required_if {
        let w: Vec<String> = when
            .iter()
            .map(|(k, v)| format!("`{k}` is `{}`", v.0))
            .collect();
        d.push_str(&format!(" Required when {}.", w.join(" and ")));
    }
    d
}
