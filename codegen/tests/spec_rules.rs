//! One broken edit at a time on a copy of `spec/1.0.20`, as a maintainer would make it, and the
//! error each must give: file, line, column, spec path and message (with "did you mean" where
//! a name is misspelt). Each case names the rule it exercises (see `src/validate.rs`).

use std::path::{Path, PathBuf};
use std::process::Command;

/// One edit of a spec file.
enum Edit {
    /// Replace the first occurrence of a text (which must be there) in a file.
    Replace(&'static str, &'static str, &'static str),
    /// Write a file (new or replacing).
    Write(&'static str, String),
    /// Delete a file.
    Remove(&'static str),
}

use Edit::{Remove, Replace, Write};

fn real_spec() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec/1.0.20")
}

/// A fresh copy of the real spec with `edits` applied, in the test's own temp dir.
fn mutated(name: &str, edits: &[Edit]) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("spec-rules-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for entry in std::fs::read_dir(real_spec()).unwrap() {
        let entry = entry.unwrap();
        // The YAML files only: `compiled/` is a folder, and a copy is edited.
        if entry.path().is_dir() {
            continue;
        }
        std::fs::copy(entry.path(), dir.join(entry.file_name())).unwrap();
    }
    for edit in edits {
        match edit {
            Replace(file, old, new) => {
                let text = std::fs::read_to_string(dir.join(file)).unwrap();
                assert!(text.contains(old), "{name}: `{old}` is not in {file}");
                std::fs::write(dir.join(file), text.replacen(old, new, 1)).unwrap();
            }
            Write(file, text) => std::fs::write(dir.join(file), text).unwrap(),
            Remove(file) => std::fs::remove_file(dir.join(file)).unwrap(),
        }
    }
    dir
}

/// The errors of a broken copy, one per line.
fn errors_of(name: &str, edits: &[Edit]) -> String {
    let dir = mutated(name, edits);
    match dondominio_codegen::load(&dir, &Default::default()) {
        Ok(_) => panic!("{name}: the broken spec was accepted"),
        Err(e) => e.to_string(),
    }
}

/// Asserts that the errors hold a line starting with each of `expected`.
fn assert_refused(name: &str, edits: &[Edit], expected: &[&str]) {
    let errors = errors_of(name, edits);
    for want in expected {
        assert!(
            errors.lines().any(|l| l.starts_with(want)),
            "{name}: expected a line starting with\n  {want}\ngot:\n{errors}"
        );
    }
}

#[test]
fn the_real_spec_is_valid() {
    dondominio_codegen::load(&real_spec(), &Default::default()).unwrap();
}

// --- names that cannot become Rust identifiers ---

#[test]
fn struct_name_with_a_dash() {
    assert_refused(
        "struct_dash",
        &[Replace("types.yaml", "  Nameserver:\n", "  Name-server:\n")],
        &["types.yaml:73:3: structs.Name-server: `Name-server` is not a usable type name: it must start with an upper-case letter and hold only ASCII letters, digits and `_`; did you mean `NameServer`?"],
    );
}

#[test]
fn group_name_with_a_leading_digit() {
    assert_refused(
        "group_digit",
        &[Replace("types.yaml", "  DomainRef:\n", "  2DomainRef:\n")],
        &["types.yaml:110:3: groups.2DomainRef: `2DomainRef` is not a usable type name"],
    );
}

#[test]
fn empty_struct_name() {
    assert_refused(
        "struct_empty",
        &[Replace("types.yaml", "  Nameserver:\n", "  \"\":\n")],
        &["types.yaml:60:1: structs.: `` is not a usable type name"],
    );
}

#[test]
fn type_name_with_a_space() {
    assert_refused(
        "type_name_space",
        &[Replace("domain.yaml", "type_name: CreatedDomain", "type_name: Created Domain")],
        &["domain.yaml:246:11: actions.create.response.fields.domains.type_name: `Created Domain` is not a usable type name: it must start with an upper-case letter and hold only ASCII letters, digits and `_`; did you mean `CreatedDomain`?"],
    );
}

#[test]
fn module_name_with_a_dash() {
    let tool = std::fs::read_to_string(real_spec().join("tool.yaml")).unwrap();
    assert_refused(
        "module_dash",
        &[
            Replace("api.yaml", "  tool: ", "  my-tool: "),
            Remove("tool.yaml"),
            Write("my-tool.yaml", tool),
        ],
        &["api.yaml:6:3: modules.my-tool: module name `my-tool` is used as a Rust module, a Cargo feature and a method as is"],
    );
}

#[test]
fn module_name_taken_by_the_crate() {
    let tool = std::fs::read_to_string(real_spec().join("tool.yaml")).unwrap();
    assert_refused(
        "module_reserved",
        &[
            Replace("api.yaml", "  tool: ", "  meta: "),
            Remove("tool.yaml"),
            Write("meta.yaml", tool),
        ],
        &["api.yaml:6:3: modules.meta: module name `meta` is taken by the crate's own API"],
    );
}

#[test]
fn action_name_with_a_space() {
    assert_refused(
        "action_space",
        &[Replace("tool.yaml", "  hello:\n", "  \"hel lo\":\n")],
        &["tool.yaml:35:3: actions.hel lo: action name `hel lo` cannot be a URL segment and a Rust name"],
    );
}

#[test]
fn enum_value_that_is_not_ascii() {
    assert_refused(
        "enum_value",
        &[Replace("tool.yaml", "      es: Spanish.", "      é: Spanish.")],
        &["tool.yaml:7:7: enums.SuggestsLanguage.values.é: value `é` gives the Rust name `É`, which is not a usable identifier"],
    );
}

#[test]
fn keyword_name_without_a_rust_name() {
    assert_refused(
        "keyword_without_rust",
        &[
            Replace("types.yaml", "Type: { rust: kind, type: ContactType", "Type: { type: ContactType"),
            Replace("service.yaml", "type: { rust: kind, type: DnsRecordType", "type: { type: DnsRecordType"),
        ],
        &[
            "types.yaml:128:7: groups.ContactData.params.Type: parameter `Type` would be the raw identifier `r#type` in Rust: give it a `rust:` name (a snake_case word that is not a keyword, such as `kind` for `type`)",
            "service.yaml:87:7: structs.DnsRecord.fields.type: field `type` would be the raw identifier `r#type` in Rust: give it a `rust:` name (a snake_case word that is not a keyword, such as `kind` for `type`)",
        ],
    );
}

#[test]
fn rust_name_that_is_a_keyword_or_not_snake_case() {
    assert_refused(
        "bad_rust_name",
        &[
            Replace("types.yaml", "Type: { rust: kind, type: ContactType", "Type: { rust: match, type: ContactType"),
            Replace("service.yaml", "type: { rust: kind, type: DnsRecordType", "type: { rust: RecordKind, type: DnsRecordType"),
        ],
        &[
            "types.yaml:128:7: groups.ContactData.params.Type.rust: the Rust name `match` of parameter `Type` is a Rust keyword",
            "service.yaml:87:7: structs.DnsRecord.fields.type.rust: the Rust name `RecordKind` of field `type` is not a snake_case identifier: lower-case ASCII letters, digits and `_`, starting with a letter",
        ],
    );
}

#[test]
fn placeholders_on_a_text_field_or_that_are_numbers() {
    assert_refused(
        "bad_placeholders",
        &[
            Replace(
                "service.entities.yaml",
                "ttl: { type: integer, placeholders: [\"-\", \"\"]",
                "ttl: { type: string, placeholders: [\"-\", \"\"]",
            ),
            Replace(
                "service.entities.yaml",
                "priority: { type: integer, placeholders: [\"-\", \"\"]",
                "priority: { type: integer, placeholders: [\"-\", \"0\"]",
            ),
        ],
        &[
            "service.entities.yaml:94:7: structs.DnsEntry.fields.ttl.placeholders: `placeholders` is only for `integer` and `float` fields (this one is `string`)",
            "service.entities.yaml:95:7: structs.DnsEntry.fields.priority.placeholders: placeholder `0` is a number: a placeholder stands for no number",
        ],
    );
}

#[test]
fn group_from_a_response_that_lacks_a_required_parameter() {
    assert_refused(
        "bad_from",
        &[
            Replace(
                "types.yaml",
                "- { response: contact/getinfo, fields: { Type: contactType } }",
                "- { response: contact/getinfo, fields: { Type: contactID, Fax: faxNumber } }",
            ),
            Replace(
                "types.yaml",
                "- { struct: ContactInfo, fields: { Type: contactType } }",
                "- { struct: ContactInfos }",
            ),
            Replace(
                "contact.yaml",
                "(612); kept as text.\n        identNumber: { type: string, doc: \"Tax, VAT, passport or identity card number.\" }\n        email: { type: string, doc: E-mail address. }\n",
                "(612); kept as text.\n        identNumber: { type: string, doc: \"Tax, VAT, passport or identity card number.\" }\n",
            ),
        ],
        &[
            "types.yaml:125:7: groups.ContactData.from[0]: `fields` maps `Fax` to `faxNumber`, which is not a field of `contact/getinfo`",
            "types.yaml:125:7: groups.ContactData.from[0]: parameter `Type` is `ContactType` but field `contactID` of `contact/getinfo` is `string`",
            "types.yaml:125:7: groups.ContactData.from[0]: required parameter `Email` has no field in `contact/getinfo` (same key ignoring case, or name it under `fields`)",
            "types.yaml:126:7: groups.ContactData.from[1]: unknown struct `ContactInfos`; did you mean `ContactInfo`?",
        ],
    );
}

// --- two definitions that generate the same Rust name ---

#[test]
fn type_name_equal_to_an_action_response() {
    assert_refused(
        "collision_response",
        &[Replace("domain.yaml", "type_name: CreatedDomain", "type_name: CheckResponse")],
        &["domain.yaml:244:9: actions.create.response.fields.domains: the inline struct of field `domains` becomes the Rust type `domain::CheckResponse`, which the response type of action `check` (domain.yaml:168:3: actions.check) already generates"],
    );
}

#[test]
fn type_name_equal_to_another_type_of_the_module() {
    assert_refused(
        "collision_type_name",
        &[Replace("domain.yaml", "type_name: CreatedDomain", "type_name: CheckedDomain")],
        &["domain.yaml:244:9: actions.create.response.fields.domains: the inline struct of field `domains` becomes the Rust type `domain::CheckedDomain`, which the inline struct of field `domains` (domain.yaml:176:9: actions.check.response.fields.domains) already generates"],
    );
}

#[test]
fn type_name_hiding_a_standard_type() {
    assert_refused(
        "prelude",
        &[Replace("domain.yaml", "type_name: CreatedDomain", "type_name: Vec")],
        &["domain.yaml:244:9: actions.create.response.fields.domains: the inline struct of field `domains` becomes `Vec`, which would hide the standard `Vec` the generated code uses"],
    );
}

#[test]
fn optional_parameter_named_like_a_builder_method() {
    assert_refused(
        "setter",
        &[Replace(
            "domain.yaml",
            "      period: { type: integer, doc: Years to register;",
            "      send: { type: integer, doc: Years to register;",
        )],
        &["domain.yaml:230:7: actions.create.params.send: parameter `send` gives the builder setter `send`, which the request builder already has as a method"],
    );
}

#[test]
fn two_actions_with_the_same_rust_name() {
    assert_refused(
        "action_collision",
        &[Replace("tool.yaml", "  hello:\n", "  zonecheck_:\n")],
        &[
            "tool.yaml:136:3: actions.zonecheck: action `zonecheck` and `zonecheck_` both become `zonecheck` in Rust",
            "tool.yaml:136:3: actions.zonecheck: the parameters type of action `zonecheck` becomes the Rust type `tool::ZonecheckParams`, which the parameters type of action `zonecheck_` (tool.yaml:35:3: actions.zonecheck_) already generates",
            "tool.yaml:136:3: actions.zonecheck: the `Action` variant of `tool/zonecheck` becomes the Rust type `crate::Action::ToolZonecheck`",
        ],
    );
}

#[test]
fn action_named_like_a_family() {
    assert_refused(
        "family_method",
        &[Replace("service.yaml", "  dnsrestore:\n", "  dns:\n")],
        &["service.entities.yaml:1011:3: families.dns: family `dns` gives the module's API the method `ServiceApi::dns`, which is already the method of `service/dns`"],
    );
}

#[test]
fn doc_that_cites_the_manual() {
    assert_refused(
        "doc_manual",
        &[Replace(
            "types.yaml",
            "doc: Life-cycle state of a domain.",
            "doc: Life-cycle state of a domain (manual table 5.27.1).",
        )],
        &["types.yaml:8:3: enums.DomainStatus: `doc` cites the manual: docs are for users; put the section in `manual:`"],
    );
}

#[test]
fn empty_manual_reference() {
    assert_refused(
        "manual_empty",
        &[Replace(
            "types.yaml",
            "manual: table 5.27.1",
            "manual: \"\"",
        )],
        &["types.yaml:9:5: enums.DomainStatus.manual: `manual` is empty"],
    );
}

// --- cycles ---

#[test]
fn group_that_includes_itself() {
    assert_refused(
        "cycle_direct",
        &[Replace(
            "types.yaml",
            "      Country: { type: string, required: true,",
            "      Again: { group: ContactData, doc: Itself. }\n      Country: { type: string, required: true,",
        )],
        &["types.yaml:121:3: groups.ContactData: group `ContactData` includes itself: ContactData -> ContactData"],
    );
}

#[test]
fn groups_that_include_each_other() {
    assert_refused(
        "cycle_indirect",
        &[Replace(
            "types.yaml",
            "      Country: { type: string, required: true,",
            "      Back: { group: Contact, doc: Through Contact. }\n      Country: { type: string, required: true,",
        )],
        &["types.yaml:150:3: groups.Contact: group `Contact` includes itself: Contact -> ContactData -> Contact"],
    );
}

#[test]
fn struct_that_contains_itself() {
    assert_refused(
        "cycle_struct",
        &[Replace(
            "types.yaml",
            "      currency: { type: string,",
            "      again: { type: Billing, doc: Itself. }\n      currency: { type: string,",
        )],
        &["types.yaml:61:3: structs.Billing: struct `Billing` contains itself with no list or map in between: Billing -> Billing"],
    );
}

// --- references and values ---

#[test]
fn unknown_group_with_a_hint() {
    assert_refused(
        "group_typo",
        &[Replace("domain.yaml", "ownerContact: { group: Contact, required: true", "ownerContact: { group: Contct, required: true")],
        &["domain.yaml:236:7: actions.create.params.ownerContact.group: group `Contct` is not defined; did you mean `Contact`?"],
    );
}

#[test]
fn unknown_one_of_member() {
    assert_refused(
        "one_of_typo",
        &[Replace("domain.yaml", "group: TldRu\n", "group: TldRuu\n")],
        &["domain.yaml:136:7: groups.CreateTldData.one_of.Ru: unknown group `TldRuu`; did you mean `TldRu`?"],
    );
}

#[test]
fn required_if_naming_a_missing_parameter() {
    assert_refused(
        "required_if_param",
        &[Replace("types.yaml", "required_if: { Type: organization }", "required_if: { Typ: organization }")],
        &["types.yaml:133:9: groups.ContactData.params.OrgName.required_if.Typ: `required_if` names `Typ` (as `ownerContactTyp`), which is not a parameter of `domain/create`; did you mean `Type`?"],
    );
}

#[test]
fn required_if_value_the_enum_lacks() {
    assert_refused(
        "required_if_value",
        &[Replace("types.yaml", "required_if: { Type: organization }", "required_if: { Type: organisation }")],
        &["types.yaml:133:9: groups.ContactData.params.OrgName.required_if.Type: `required_if` on `Type`: `organisation` is not one of the values (individual, organization); did you mean `organization`?"],
    );
}

#[test]
fn default_of_the_wrong_type() {
    assert_refused(
        "default_type",
        &[Replace("domain.yaml", "premium: { type: boolean, default: \"false\"", "premium: { type: boolean, default: \"no\"")],
        &["domain.yaml:231:7: actions.create.params.premium.default: the default `no` is not a boolean (true, false, 1 or 0)"],
    );
}

#[test]
fn selector_with_a_hint() {
    assert_refused(
        "selector_typo",
        &[Replace(
            "domain.yaml",
            "selector: infoType\n      fields:",
            "selector: infoTyp\n      fields:",
        )],
        &["domain.yaml:721:7: actions.getinfo.response.selector: selector `infoTyp` must be a parameter of this action typed by an enum; did you mean `infoType`?"],
    );
}

#[test]
fn family_entity_with_a_hint() {
    assert_refused(
        "entity_typo",
        &[Replace("service.entities.yaml", "entity: FtpAccount", "entity: FtpAcount")],
        &["service.entities.yaml:119:5: families.ftp.entity: entity `FtpAcount` is not a struct; did you mean `FtpAccount`?"],
    );
}

#[test]
fn unknown_type_with_a_hint() {
    assert_refused(
        "type_typo",
        &[Replace("domain.yaml", "billing: { type: Billing, doc: What the registration cost. }", "billing: { type: Biling, doc: What the registration cost. }")],
        &["domain.yaml:243:9: actions.create.response.fields.billing.type: unknown type `Biling` (not an enum or struct of this version); did you mean `Billing`?"],
    );
}

#[test]
fn wrapper_fixing_a_value_the_wrapped_action_lacks() {
    assert_refused(
        "wraps_value",
        &[Replace("domain.yaml", "with: { updateType: nameservers }", "with: { updateType: nameserver }")],
        &["domain.yaml:406:5: actions.updatenameservers.wraps.with.updateType: `updateType`: `nameserver` is not one of the values"],
    );
    assert_refused(
        "wraps_param",
        &[Replace("domain.yaml", "with: { updateType: nameservers }", "with: { updateTyp: nameservers }")],
        &["domain.yaml:406:5: actions.updatenameservers.wraps.with.updateTyp: `updateTyp` is not a parameter of `domain/update`; did you mean `updateType`?"],
    );
}

// --- files ---

#[test]
fn empty_module_file() {
    assert_refused(
        "empty_file",
        &[Write("tool.yaml", "# nothing yet\n".into())],
        &["tool.yaml: the file is empty"],
    );
}

#[test]
fn module_without_actions() {
    assert_refused(
        "no_actions",
        &[Write("tool.yaml", "doc: Tools.\n".into())],
        &["api.yaml:6:3: modules.tool: module `tool` has no actions"],
    );
}

#[test]
fn module_listed_without_a_file() {
    assert_refused(
        "no_file",
        &[Remove("user.yaml")],
        &["api.yaml:12:3: modules.user: module `user` has no file user.yaml"],
    );
}

#[test]
fn file_of_an_unlisted_module() {
    assert_refused(
        "unlisted",
        &[Write("tools.yaml", "doc: Tools.\n".into())],
        &["tools.yaml: `tools` is not a module listed in api.yaml (modules: tool, account, domain, contact, service, ssl, user); did you mean `tool`?"],
    );
}

// --- type expressions and encodings ---

#[test]
fn deeply_nested_type_is_refused_without_overflow() {
    let deep = format!("{}string{}", "list<".repeat(5000), ">".repeat(5000));
    let edit = format!("ip: {{ type: \"{deep}\", doc: Address the call came from. }}");
    let edit: &'static str = Box::leak(edit.into_boxed_str());
    assert_refused(
        "deep_type",
        &[Replace("tool.yaml", "ip: { type: string, doc: Address the call came from. }", edit)],
        &["tool.yaml:40:9: actions.hello.response.fields.ip.type: type expression nests 5000 containers; at most 8 are allowed"],
    );
}

#[test]
fn byte_order_mark_is_accepted() {
    let tool = std::fs::read_to_string(real_spec().join("tool.yaml")).unwrap();
    let api = std::fs::read_to_string(real_spec().join("api.yaml")).unwrap();
    let dir = mutated(
        "bom",
        &[
            Write("tool.yaml", format!("\u{feff}{tool}")),
            Write("api.yaml", format!("\u{feff}{api}")),
        ],
    );
    let spec =
        dondominio_codegen::load(&dir, &Default::default()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(spec.version, "1.0.20");
}

// --- a run reports every error, and ddspec's exit codes ---

#[test]
fn every_error_of_a_run_is_reported() {
    let errors = errors_of(
        "many",
        &[
            Replace(
                "domain.yaml",
                "selector: infoType\n      fields:",
                "selector: infoTyp\n      fields:",
            ),
            Replace(
                "types.yaml",
                "required_if: { Type: organization }",
                "required_if: { Typ: organization }",
            ),
            Replace("tool.yaml", "      es: Spanish.", "      é: Spanish."),
        ],
    );
    for want in ["selector `infoTyp`", "names `Typ`", "value `é`"] {
        assert!(errors.contains(want), "missing {want}:\n{errors}");
    }
}

fn ddspec(dir: &Path) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_ddspec"))
        .arg("check")
        .arg(dir)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn ddspec_check_exit_codes() {
    assert_eq!(ddspec(&real_spec()).0, 0);
    let broken = mutated(
        "exit_one",
        &[
            Replace(
                "domain.yaml",
                "selector: infoType\n      fields:",
                "selector: infoTyp\n      fields:",
            ),
            Replace("tool.yaml", "      es: Spanish.", "      é: Spanish."),
        ],
    );
    let (code, stderr) = ddspec(&broken);
    assert_eq!(code, 1, "{stderr}");
    // The misspelt value also leaves the default `es` of `tool/domainsuggests` unresolved.
    assert!(stderr.contains("3 problem(s)"), "{stderr}");
    let missing = Path::new(env!("CARGO_TARGET_TMPDIR")).join("spec-rules-does-not-exist");
    let (code, stderr) = ddspec(&missing);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("cannot read"), "{stderr}");
}
