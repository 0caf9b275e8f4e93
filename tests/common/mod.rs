//! Shared set-up of the integration tests: credentials and forms built from the spec.

#![allow(dead_code)]

pub const USER: &str = "test-user";
pub const PASSWORD: &str = "s3cret-Passw0rd";

/// A sample value of a wire type.
pub fn sample_value(ty: &dondominio::meta::WireType) -> String {
    use dondominio::meta::WireType;
    match ty {
        WireType::Integer | WireType::Float => "1".into(),
        WireType::Boolean => "true".into(),
        WireType::Date => "2024-01-31".into(),
        WireType::DateTime => "2024-01-31 10:00:00".into(),
        WireType::Enum(values) => values[0].into(),
        WireType::Base64Json => "W10=".into(),
        WireType::Csv(inner) => sample_value(inner),
        WireType::String | WireType::Json => "x".into(),
    }
}

/// A form that satisfies an action's presence rules, built from its description alone.
pub fn valid_form(info: &dondominio::meta::ActionInfo) -> Vec<(String, String)> {
    use dondominio::meta::Rule;
    fn walk(info: &dondominio::meta::ActionInfo, rules: &[Rule], out: &mut Vec<(String, String)>) {
        let push = |name: &str, out: &mut Vec<(String, String)>| {
            if !out.iter().any(|(k, _)| k == name) {
                let v = info
                    .param(name)
                    .map_or_else(|| "x".to_owned(), |p| sample_value(&p.ty));
                out.push((name.to_owned(), v));
            }
        };
        for r in rules {
            match r {
                Rule::Required(n) | Rule::RequiredIf { name: n, .. } => push(n, out),
                Rule::Group {
                    required: true,
                    rules,
                    ..
                } => walk(info, rules, out),
                Rule::OneOf {
                    required: true,
                    alts,
                } => {
                    if let Some(a) = alts.first() {
                        if let Some(m) = a.members.first() {
                            push(m, out);
                        }
                        walk(info, a.rules, out);
                    }
                }
                Rule::Switch {
                    param,
                    required: true,
                    cases,
                } => {
                    if let Some(c) = cases.first() {
                        out.push((param.to_string(), c.value.to_owned()));
                        walk(info, c.rules, out);
                    }
                }
                _ => {}
            }
        }
    }
    let mut out = Vec::new();
    walk(info, info.rules, &mut out);
    out
}
