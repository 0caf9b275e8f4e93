//! The static description of each action (`dondominio::meta::ActionInfo`): wire parameters,
//! presence rules, variants and examples, used by the client, the sandbox and the CLI.

use proc_macro2::TokenStream;
use quote::quote;

use crate::load::{Module, Spec};
use crate::model::Kind;
use crate::names::type_ident;
use crate::wire::{Rule, Wire, WireTy};

fn wire_ty(t: &WireTy) -> TokenStream {
    match t {
        WireTy::String => quote!(crate::meta::WireType::String),
        WireTy::Integer => quote!(crate::meta::WireType::Integer),
        WireTy::Float => quote!(crate::meta::WireType::Float),
        WireTy::Boolean => quote!(crate::meta::WireType::Boolean),
        WireTy::Date => quote!(crate::meta::WireType::Date),
        WireTy::DateTime => quote!(crate::meta::WireType::DateTime),
        WireTy::Json => quote!(crate::meta::WireType::Json),
        WireTy::Base64Json => quote!(crate::meta::WireType::Base64Json),
        WireTy::Enum(v) => quote!(crate::meta::WireType::Enum(&[#(#v),*])),
        WireTy::Switch(v) => quote!(crate::meta::WireType::Enum(&[#(#v),*])),
        WireTy::Csv(t) => {
            let t = wire_ty(t);
            quote!(crate::meta::WireType::Csv(&#t))
        }
    }
}

fn rules(rs: &[Rule]) -> TokenStream {
    let items = rs.iter().map(rule);
    quote!(&[#(#items),*])
}

fn rule(r: &Rule) -> TokenStream {
    match r {
        Rule::Required(n) => quote!(crate::meta::Rule::Required(#n)),
        Rule::RequiredIf { name, when } => {
            let pairs = when.iter().map(|(k, v)| quote!((#k, #v)));
            quote!(crate::meta::Rule::RequiredIf { name: #name, when: &[#(#pairs),*] })
        }
        Rule::Group {
            members,
            required,
            rules: rs,
        } => {
            let rs = rules(rs);
            quote!(crate::meta::Rule::Group { members: &[#(#members),*], required: #required, rules: #rs })
        }
        Rule::OneOf { required, alts } => {
            let alts = alts.iter().map(|a| {
                let name = &a.name;
                let members = &a.members;
                let rs = rules(&a.rules);
                quote!(crate::meta::Alt { name: #name, members: &[#(#members),*], rules: #rs })
            });
            quote!(crate::meta::Rule::OneOf { required: #required, alts: &[#(#alts),*] })
        }
        Rule::Switch {
            param,
            required,
            cases,
        } => {
            let cases = cases.iter().map(|(v, rs)| {
                let rs = rules(rs);
                quote!(crate::meta::Case { value: #v, rules: #rs })
            });
            quote!(crate::meta::Rule::Switch { param: #param, required: #required, cases: &[#(#cases),*] })
        }
        Rule::Numbered { members, rules: rs } => {
            let rs = rules(rs);
            quote!(crate::meta::Rule::Numbered { members: &[#(#members),*], rules: #rs })
        }
    }
}

/// `pub(crate) static ACTIONS` of one module.
pub(crate) fn module_actions(spec: &Spec, m: &Module) -> TokenStream {
    let infos = m.actions.iter().map(|(name, def)| {
        let a = &def.action;
        let module = &m.name;
        let path = format!("{module}/{name}");
        let variant = type_ident(&format!("{module}_{name}"));
        let kind = match a.kind {
            Kind::Read => quote!(crate::meta::Kind::Read),
            Kind::Write => quote!(crate::meta::Kind::Write),
            Kind::Billable => quote!(crate::meta::Kind::Billable),
        };
        let doc = a.doc.trim();
        let wire = Wire::of_action(spec, name, &a.params);
        let params = wire.params.iter().map(|p| {
            let n = &p.name;
            let t = wire_ty(&p.ty);
            let r = p.required;
            let d = &p.doc;
            let rust = &p.rust;
            quote!(crate::meta::WireParam { name: #n, ty: #t, required: #r, doc: #d, rust: &[#(#rust),*] })
        });
        let rs = rules(&wire.rules);
        let resp = a.response.as_ref();
        let selector = match resp.and_then(|r| r.selector.as_ref()) {
            Some(sel) if resp.is_some_and(|r| r.variants.is_some()) => {
                let default = match a.params.get(sel).and_then(|p| p.default.as_ref()) {
                    Some(d) => {
                        let d = &d.0;
                        quote!(Some(#d))
                    }
                    None => quote!(None),
                };
                quote!(Some(crate::meta::Selector { param: #sel, default: #default }))
            }
            _ => quote!(None),
        };
        let variants: Vec<&String> = resp
            .and_then(|r| r.variants.as_ref())
            .map(|v| v.keys().collect())
            .unwrap_or_default();
        let paged = a.paged.is_some();
        let paged_items = match &a.paged {
            Some(p) => {
                let items = &p.items;
                quote!(Some(#items))
            }
            None => quote!(None),
        };
        let examples = a.examples.iter().map(|e| {
            let v = match &e.variant {
                Some(v) => quote!(Some(#v)),
                None => quote!(None),
            };
            let json = e.json.trim();
            quote!(crate::meta::Example { variant: #v, json: #json })
        });
        quote! {
            crate::meta::ActionInfo {
                action: crate::Action::#variant,
                module: #module,
                name: #name,
                path: #path,
                kind: #kind,
                doc: #doc,
                params: &[#(#params),*],
                rules: #rs,
                selector: #selector,
                variants: &[#(#variants),*],
                paged: #paged,
                paged_items: #paged_items,
                examples: &[#(#examples),*],
            }
        }
    });
    quote! {
        /// The description of every action of this module, in spec order.
        pub(crate) static ACTIONS: &[crate::meta::ActionInfo] = &[#(#infos),*];
    }
}
