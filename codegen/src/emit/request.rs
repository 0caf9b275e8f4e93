//! Request side: parameter groups, discriminators, parameter structs, builders and methods.

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use super::{doc_attrs, too_many_arguments, with_manual, with_note, Gen};
use crate::ir::{
    Action, AltBody, FromSource, Group, GroupBody, Param, ParamKind, Selector, Shape, Switch,
    Variant,
};
use crate::model::Kind;
use crate::names::ident;
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

    fn shape(&self, p: &Param) -> ParamShape {
        match &p.kind {
            ParamKind::Scalar(ty) => self.scalar_shape(ty, p.required),
            ParamKind::Group {
                group, numbered, ..
            } => {
                let g = self.named(group);
                if *numbered {
                    return ParamShape {
                        ty: quote!(Vec<#g>),
                        plain: true,
                        arg: quote!(Vec<#g>),
                        conv: same_conv,
                        numbered: true,
                    };
                }
                ParamShape {
                    ty: g.clone(),
                    plain: p.required,
                    arg: quote!(impl Into<#g>),
                    conv: into_conv,
                    numbered: false,
                }
            }
            ParamKind::Switch(sw) => {
                let id = ident(&sw.rust);
                ParamShape {
                    ty: quote!(#id),
                    plain: p.required,
                    arg: quote!(#id),
                    conv: same_conv,
                    numbered: false,
                }
            }
        }
    }

    fn scalar_shape(&self, ty: &Ty, required: bool) -> ParamShape {
        {
            let rty = self.request_ty(ty);
            let (arg, conv): (TokenStream, fn(&Ident) -> TokenStream) = match &ty {
                Ty::String => (quote!(impl Into<String>), into_conv),
                Ty::Csv(inner) if **inner == Ty::String => (
                    quote!(impl IntoIterator<Item = impl Into<String>>),
                    csv_conv,
                ),
                _ => (rty.clone(), same_conv),
            };
            ParamShape {
                ty: rty,
                plain: required,
                arg,
                conv,
                numbered: false,
            }
        }
    }

    /// Statements that push the parameter held in `value` (a reference to the plain type).
    fn encode_value(&self, p: &Param, value: TokenStream) -> TokenStream {
        let key = &p.key;
        if let ParamKind::Scalar(ty) = &p.kind {
            if matches!(ty, Ty::Base64Json(_)) {
                quote!(form.push(prefix, #key, suffix, &crate::wire::Base64Json(#value));)
            } else {
                quote!(form.push(prefix, #key, suffix, #value);)
            }
        } else if let ParamKind::Group {
            prefix: gp,
            numbered,
            ..
        } = &p.kind
        {
            if *numbered {
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
        params: &[Param],
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
        for p in params {
            if let ParamKind::Switch(sw) = &p.kind {
                items.extend(self.emit_discriminator(p, sw)?);
            }
            let shape = self.shape(p);
            let fid = ident(&p.rust);
            let ty = &shape.ty;
            let doc = doc_attrs(&with_note(&param_doc(p), p.note.as_deref()));
            if shape.plain {
                decls.extend(quote!(#doc #vis #fid: #ty,));
                encode.extend(self.encode_value(p, quote!(&self.#fid)));
            } else {
                decls.extend(quote!(#doc #vis #fid: Option<#ty>,));
                let push = self.encode_value(p, quote!(value));
                encode.extend(quote!(if let Some(value) = &self.#fid { #push }));
            }
            shapes.push((fid, shape));
        }
        Ok((decls, encode, shapes))
    }

    /// A discriminator enum (`updateType`), each variant with its own parameters.
    fn emit_discriminator(&self, p: &Param, sw: &Switch) -> Result<TokenStream, String> {
        let key = &p.key;
        let id = ident(&sw.rust);
        let mut items = TokenStream::new();
        let mut vars = TokenStream::new();
        let mut arms = TokenStream::new();
        for v in &sw.cases {
            let vname = &v.value;
            let vid = ident(&v.rust);
            let vdoc = doc_attrs(&with_note(
                &format!("`{key}={vname}`: {}", v.doc),
                v.note.as_deref(),
            ));
            let (decls, _, shapes) = self.param_fields(&v.params, false, &mut items)?;
            let binds: Vec<&Ident> = shapes.iter().map(|(f, _)| f).collect();
            let mut pushes = TokenStream::new();
            for (vp, (fid, shape)) in v.params.iter().zip(&shapes) {
                if shape.plain {
                    pushes.extend(self.encode_value(vp, quote!(#fid)));
                } else {
                    let push = self.encode_value(vp, quote!(value));
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
        let doc = doc_attrs(&with_note(&param_doc(p), p.note.as_deref()));
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
    pub(crate) fn emit_group(&self, g: &Group) -> Result<TokenStream, String> {
        let id = ident(&g.rust);
        let doc = doc_attrs(&with_note(
            &with_manual(&g.doc, g.manual.as_deref()),
            g.note.as_deref(),
        ));
        let mut items = TokenStream::new();
        if let GroupBody::OneOf(alts) = &g.body {
            let mut vars = TokenStream::new();
            let mut arms = TokenStream::new();
            let mut froms: Vec<(String, TokenStream, Ident)> = Vec::new();
            for v in alts {
                let vid = ident(&v.rust);
                let vdoc = doc_attrs(&with_note(&v.doc, v.note.as_deref()));
                match &v.body {
                    AltBody::Group(inner) => {
                        let ty = self.named(inner);
                        vars.extend(quote!(#vdoc #vid(#ty),));
                        arms.extend(
                            quote!(Self::#vid(inner) => inner.encode(prefix, suffix, form),),
                        );
                        froms.push((ty.to_string(), ty, vid));
                    }
                    AltBody::Param(p) => {
                        let shape = self.shape(p);
                        let ty = &shape.ty;
                        vars.extend(quote!(#vdoc #vid(#ty),));
                        let push = self.encode_value(p, quote!(value));
                        arms.extend(quote!(Self::#vid(value) => { #push }));
                        froms.push((ty.to_string(), ty.clone(), vid));
                    }
                    AltBody::Struct(sub) => {
                        items.extend(self.emit_group(sub)?);
                        let sid = ident(&sub.rust);
                        vars.extend(quote!(#vdoc #vid(#sid),));
                        arms.extend(
                            quote!(Self::#vid(inner) => inner.encode(prefix, suffix, form),),
                        );
                        froms.push((sid.to_string(), quote!(#sid), vid));
                    }
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
        let GroupBody::Params { params, builder } = &g.body else {
            return Ok(items);
        };
        let (decls, encode, shapes) = self.param_fields(params, true, &mut items)?;
        let constructor = if let Some(bname) = builder {
            items.extend(emit_builder(&g.rust, bname, params, &shapes));
            let bid = ident(bname);
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
        g: &Group,
        f: &crate::ir::From,
        module: Option<&str>,
    ) -> Result<TokenStream, String> {
        if f.module.as_deref() != module {
            return Ok(TokenStream::new());
        }
        let src_ty = match &f.source {
            FromSource::Struct(s) => self.named(s),
            FromSource::Response(rust) => {
                let id = ident(rust);
                quote!(#id)
            }
        };
        let group = &g.name;
        let gid = self.named(group);
        let mut inits = TokenStream::new();
        for pair in &f.pairs {
            let fid = ident(&pair.param);
            let expr = match &pair.field {
                None if pair.numbered => quote!(Vec::new()),
                None => quote!(None),
                Some(fd) => {
                    let ffid = ident(&fd.rust);
                    if pair.required || fd.optional {
                        quote!(value.#ffid)
                    } else if fd.text {
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
            f.shown
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
        a: &Action,
    ) -> Result<(TokenStream, TokenStream, TokenStream), String> {
        let mut items = TokenStream::new();
        let resp = self.emit_response(a, &mut items)?;
        // The request as built is answered as the variant it gets (see `ActionNames::answer`).
        let answer = ident(&a.names.answer);
        let params_id = ident(&a.names.params);
        let req_id = ident(&a.names.request);
        let (decls, encode, shapes) = self.param_fields(&a.params, true, &mut items)?;
        let (args, inits) = ctor(&shapes);
        let full = &a.path;
        let action_variant = ident(&a.names.variant);
        let variant_fn = variant_fn(a);
        let pdoc = doc_attrs(&format!("Parameters of `{full}`."));
        let rdoc = doc_attrs(&format!(
            "A `{full}` call being built: set optional parameters, then `.send().await` (or `.await`)."
        ));
        let paging = self.paging(a, &params_id, &req_id)?;
        // Sending, `params()` and `IntoFuture` come with `crate::Call`; an action adds its
        // setters; once the selector is set, the other setters still apply.
        let (setters, selector_setters) = setters(a, &shapes, &params_id, &resp);
        let selected_setters = if selector_of(a).is_some() && !setters.is_empty() {
            quote! {
                impl<'c, R> crate::Call<'c, crate::Selected<#params_id, R>> {
                    #setters
                }
            }
        } else {
            TokenStream::new()
        };
        let setters_impl = if setters.is_empty() && selector_setters.is_empty() {
            TokenStream::new()
        } else {
            quote! {
                impl<'c> #req_id<'c> {
                    #setters
                    #selector_setters
                }
                #selected_setters
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
                type Response = #answer;
                const ACTION: crate::Action = crate::Action::#action_variant;
                #encode_fn
                #variant_fn
            }
            #rdoc
            pub type #req_id<'c> = crate::Call<'c, #params_id>;
            #setters_impl
            #paging
        });
        let (method, short) = self.methods(a, &shapes, &args);
        Ok((items, method, short))
    }

    /// The method of an action on its module's API and, for a family's action, on the
    /// family's API.
    fn methods(
        &self,
        a: &Action,
        shapes: &[(Ident, ParamShape)],
        args: &[TokenStream],
    ) -> (TokenStream, TokenStream) {
        let params_id = ident(&a.names.params);
        let req_id = ident(&a.names.request);
        let arg_names: Vec<&Ident> = shapes
            .iter()
            .filter(|(_, s)| s.plain && !is_vec(s))
            .map(|(f, _)| f)
            .collect();
        let mdoc = doc_attrs(&method_doc(a));
        // The hand-written page (examples) goes on the documented method only: for a family's
        // action that is the family's API (`dns().list(..)`), not the hidden flat name, whose
        // doc tests rustdoc would run a second time.
        let page = super::include_doc(self.docs, &format!("actions/{}/{}.md", a.module, a.name));
        let method_id = ident(&a.names.method);
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
        let short = match &a.names.family_method {
            Some(op) => {
                let op_id = ident(op);
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
        (method, short)
    }

    /// The paging of a listing: of the request as built and, for a variant response, of the
    /// request that asked for each variant (`Selected<P, VariantStruct>`), whose items are
    /// that variant's.
    fn paging(&self, a: &Action, params_id: &Ident, req_id: &Ident) -> Result<TokenStream, String> {
        let fields: &[crate::ir::Field] = match &a.response.shape {
            Shape::Family { fields } | Shape::Fields(fields) => fields,
            Shape::Variants { common, .. } => common,
            Shape::Whole { .. } => &[],
        };
        let mut paging = self.emit_paging(a, fields, quote!(#params_id), quote!(#req_id<'c>))?;
        if let Shape::Variants { variants, .. } = &a.response.shape {
            for v in variants {
                let sid = ident(&v.struct_rust);
                let selected = quote!(crate::Selected<#params_id, #sid>);
                let call = quote!(crate::Call<'c, #selected>);
                paging.extend(self.emit_paging(a, &v.fields, selected, call)?);
            }
        }
        Ok(paging)
    }

    /// Paging of `params_ty` (a type implementing `Request`), whose response has `fields`, with
    /// `items()` on `req_ty` (the call of it, lifetime `'c`).
    fn emit_paging(
        &self,
        a: &Action,
        fields: &[crate::ir::Field],
        params_ty: TokenStream,
        req_ty: TokenStream,
    ) -> Result<TokenStream, String> {
        let Some(paged) = &a.paged else {
            return Ok(TokenStream::new());
        };
        let field = |key: &str| fields.iter().find(|f| f.key == key);
        let f = field(&paged.items).ok_or_else(|| {
            format!(
                "paged items field `{}` is not a response field",
                paged.items
            )
        })?;
        let Ty::List(inner) = &f.ty else {
            return Err(format!(
                "paged items field `{}` must be a list",
                paged.items
            ));
        };
        let item_ty = self.rust_ty(inner, &f.object_rust);
        let items_id = ident(&f.rust);
        let shared = matches!(a.response.shape, Shape::Family { .. });
        let items_expr = if shared {
            quote!(r.items)
        } else if f.optional {
            quote!(r.#items_id.unwrap_or_default())
        } else {
            quote!(r.#items_id)
        };
        let total = match field("queryInfo") {
            Some(_) if shared => quote!(Some(r.query_info.total)),
            Some(q) if q.optional => quote!(r.query_info.as_ref().map(|q| q.total)),
            Some(_) => quote!(Some(r.query_info.total)),
            None => quote!(None),
        };
        let has_page = a.param("page").is_some();
        if !has_page {
            return Err("a paged action needs a `page` parameter".into());
        }
        Ok(quote! {
            impl crate::paging::Paged for #params_ty {
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
            impl<'c> #req_ty {
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
fn emit_builder(
    rust: &str,
    builder: &str,
    params: &[Param],
    shapes: &[(Ident, ParamShape)],
) -> TokenStream {
    let id = ident(rust);
    let bid = ident(builder);
    let item = id.to_string();
    let mut fields = TokenStream::new();
    let mut setters = TokenStream::new();
    let mut checks = TokenStream::new();
    let mut all = Vec::new();
    let mut required = Vec::new();
    let mut inits = TokenStream::new();
    for (p, (fid, shape)) in params.iter().zip(shapes) {
        let key = &p.key;
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

fn param_doc(p: &Param) -> String {
    let mut d = p.doc.trim().to_owned();
    let wire = match &p.kind {
        ParamKind::Group { prefix, .. } if prefix.is_empty() => String::new(),
        ParamKind::Group { prefix, .. } => format!("Sent under the prefix `{prefix}`."),
        _ => format!("Wire name `{}`.", p.key),
    };
    if !wire.is_empty() {
        d.push_str(&format!("\n\n{wire}"));
    }
    if let Some(def) = &p.default {
        d.push_str(&format!(" The API's default is `{}`.", def.text));
    }
    if !p.required_if.is_empty() {
        let w: Vec<String> = p
            .required_if
            .iter()
            .map(|(k, v)| format!("`{k}` is `{v}`"))
            .collect();
        d.push_str(&format!(" Required when {}.", w.join(" and ")));
    }
    d
}

/// The `variant()` of an action whose response has variants chosen by a parameter.
fn variant_fn(a: &Action) -> TokenStream {
    let Shape::Variants {
        selector: Some(sel),
        variants,
        ..
    } = &a.response.shape
    else {
        return TokenStream::new();
    };
    let fid = ident(&sel.rust);
    let first = variants
        .first()
        .map(|v| v.value.clone())
        .unwrap_or_default();
    // Without a default, the unset selector asks for the common fields alone.
    let fallback = match (&sel.default, &sel.plain) {
        (Some(d), _) => d.clone(),
        (None, Some(_)) => String::new(),
        (None, None) => first,
    };
    if sel.required {
        quote!(fn variant(&self) -> Option<&str> { Some(self.#fid.as_str()) })
    } else {
        quote!(fn variant(&self) -> Option<&str> { Some(self.#fid.as_ref().map_or(#fallback, |v| v.as_str())) })
    }
}

/// The doc text of an action's method.
fn method_doc(a: &Action) -> String {
    let kind_note = match a.kind {
        Kind::Read => "Only reads; safe to retry.",
        Kind::Write => "Changes state; the client never retries it on its own.",
        Kind::Billable => "Costs money; the client never retries it on its own.",
    };
    let mut method_doc = format!("{}\n\n`POST /{}/`. {kind_note}", a.doc.trim(), a.path);
    if let Some(w) = &a.wraps {
        let with: Vec<String> = w.with.iter().map(|(k, v)| format!("{k}={}", v.0)).collect();
        method_doc.push_str(&format!(
            " Shorthand for `{}` with `{}`.",
            w.action,
            with.join(", ")
        ));
    }
    with_note(
        &with_manual(&method_doc, a.manual.as_deref()),
        a.note.as_deref(),
    )
}

/// The selector of a variant response chosen by a parameter of the action, and its variants.
fn selector_of(a: &Action) -> Option<(&Selector, &[Variant])> {
    match &a.response.shape {
        Shape::Variants {
            selector: Some(sel),
            variants,
            ..
        } if a.param(&sel.key).is_some() => Some((sel, variants)),
        _ => None,
    }
}

/// The setters of an action's request builder: its optional and numbered parameters; apart,
/// those of an optional selector: one per variant ([`Variant::setter`]) answering with that
/// variant's struct, and one for a value known at run time answering with the enum `resp`.
fn setters(
    a: &Action,
    shapes: &[(Ident, ParamShape)],
    params_id: &Ident,
    resp: &Ident,
) -> (TokenStream, TokenStream) {
    let selector = selector_of(a);
    let mut setters = TokenStream::new();
    let mut selector_setters = TokenStream::new();
    for (p, (fid, shape)) in a.params.iter().zip(shapes) {
        if shape.plain && !is_vec(shape) {
            continue;
        }
        let key = &p.key;
        let arg = &shape.arg;
        let v = format_ident!("value");
        let conv = (shape.conv)(&v);
        let assign = if shape.plain {
            quote!(#conv)
        } else {
            quote!(Some(#conv))
        };
        if let Some((_, variants)) = selector.filter(|(sel, _)| &sel.key == key) {
            let sdoc = doc_attrs(&format!(
                "Sets `{key}` to a value chosen at run time: {} The response is then the \
                 enum of every variant, [`{resp}`]; the `{fid}_*` setters give one \
                 variant's own type instead.",
                p.doc.trim()
            ));
            selector_setters.extend(quote! {
                #sdoc
                pub fn #fid(mut self, value: #arg) -> crate::Call<'c, crate::Selected<#params_id, #resp>> {
                    self.params.#fid = #assign;
                    crate::Call { client: self.client, params: crate::Selected::new(self.params) }
                }
            });
            for variant in variants {
                let Some(setter) = &variant.setter else {
                    continue;
                };
                let vfn = ident(setter);
                let sid = ident(&variant.struct_rust);
                let vname = &variant.value;
                let vdoc = doc_attrs(&format!(
                    "Sets `{key}={vname}`: the response is a [`{sid}`], with the fields of that \
                     variant."
                ));
                selector_setters.extend(quote! {
                    #vdoc
                    pub fn #vfn(mut self) -> crate::Call<'c, crate::Selected<#params_id, #sid>> {
                        let value = <#arg>::from_wire(#vname);
                        self.params.#fid = #assign;
                        crate::Call { client: self.client, params: crate::Selected::new(self.params) }
                    }
                });
            }
            continue;
        }
        let sdoc = doc_attrs(&format!("Sets `{key}`: {}", p.doc.trim()));
        setters.extend(quote! {
            #sdoc
            pub fn #fid(mut self, value: #arg) -> Self {
                self.params.#fid = #assign;
                self
            }
        });
    }
    (setters, selector_setters)
}
