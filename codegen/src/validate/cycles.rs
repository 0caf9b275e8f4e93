//! Rules against self-reference: a group that includes itself (its wire keys would never end)
//! and a struct that contains itself by value (Rust cannot give it a size).

use std::collections::BTreeMap;

use super::Checker;
use crate::model::{Field, GroupDef, Named, Param};
use crate::ty::Ty;

/// Edges of a graph of named definitions, in spec order.
type Graph = BTreeMap<String, Vec<String>>;

/// Groups reach the groups their parameters, alternatives and discriminator variants use.
pub(super) fn groups(c: &mut Checker) {
    let spec = c.spec;
    let graph: Graph = spec
        .groups
        .iter()
        .map(|(n, d)| (n.clone(), group_edges(&d.def)))
        .collect();
    for cycle in cycles(&graph) {
        let Some(d) = spec.groups.get(&cycle[0]) else {
            continue;
        };
        c.at(&d.file, d.module.as_deref());
        c.err(
            &format!("groups.{}", cycle[0]),
            format!(
                "group `{}` includes itself: {}",
                cycle[0],
                cycle.join(" -> ")
            ),
        );
    }
}

fn group_edges(g: &GroupDef) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(ps) = &g.params {
        param_edges(ps, &mut out);
    }
    for alt in g.one_of.iter().flat_map(|a| a.values()) {
        if let Some(ps) = &alt.params {
            param_edges(ps, &mut out);
        }
        out.extend(alt.group.iter().cloned());
    }
    out
}

fn param_edges(params: &Named<Param>, out: &mut Vec<String>) {
    for p in params.values() {
        out.extend(p.group.iter().cloned());
        for v in p.variants.iter().flat_map(|v| v.values()) {
            param_edges(&v.params, out);
        }
    }
}

/// Structs reach the structs their fields hold by value (not inside a list, csv or map).
pub(super) fn structs(c: &mut Checker) {
    let spec = c.spec;
    let graph: Graph = spec
        .structs
        .iter()
        .map(|(n, d)| {
            let mut out = Vec::new();
            field_edges(&d.def.fields, &mut out);
            out.retain(|t| spec.structs.contains_key(t));
            (n.clone(), out)
        })
        .collect();
    for cycle in cycles(&graph) {
        let Some(d) = spec.structs.get(&cycle[0]) else {
            continue;
        };
        c.at(&d.file, d.module.as_deref());
        c.err(
            &format!("structs.{}", cycle[0]),
            format!(
                "struct `{}` contains itself with no list or map in between: {} \
                 (Rust cannot give it a size)",
                cycle[0],
                cycle.join(" -> ")
            ),
        );
    }
}

fn field_edges(fields: &Named<Field>, out: &mut Vec<String>) {
    for f in fields.values() {
        match f.ty.ty() {
            Some(Ty::Named(n)) => out.push(n.clone()),
            Some(Ty::Object) => {
                if let Some(sub) = &f.fields {
                    field_edges(sub, out);
                }
            }
            _ => {}
        }
    }
}

/// Each cycle of `graph` once, as the path from its first node (in key order) back to it.
fn cycles(graph: &Graph) -> Vec<Vec<String>> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        New,
        Open,
        Done,
    }
    let mut marks: BTreeMap<&str, Mark> = graph.keys().map(|k| (k.as_str(), Mark::New)).collect();
    let mut out = Vec::new();
    for start in graph.keys() {
        if marks.get(start.as_str()) != Some(&Mark::New) {
            continue;
        }
        // Iterative depth-first search: (node, index of the next edge to follow).
        let mut stack: Vec<(&str, usize)> = vec![(start.as_str(), 0)];
        marks.insert(start.as_str(), Mark::Open);
        while let Some(&mut (node, ref mut next)) = stack.last_mut() {
            let edges = graph.get(node).map_or(&[][..], Vec::as_slice);
            let Some(to) = edges.get(*next) else {
                marks.insert(node, Mark::Done);
                stack.pop();
                continue;
            };
            *next += 1;
            match marks.get(to.as_str()).copied() {
                Some(Mark::New) => {
                    marks.insert(to.as_str(), Mark::Open);
                    stack.push((to.as_str(), 0));
                }
                Some(Mark::Open) => {
                    let from = stack.iter().position(|(n, _)| *n == to).unwrap_or(0);
                    let mut cycle: Vec<String> =
                        stack[from..].iter().map(|(n, _)| (*n).to_owned()).collect();
                    cycle.push(to.clone());
                    out.push(cycle);
                }
                _ => {}
            }
        }
    }
    out
}
