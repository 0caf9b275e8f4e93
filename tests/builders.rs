//! Builders of large inputs: one setter per parameter, and `build()` refusing a value with a
//! required parameter unset, naming each missing setter and its wire key.
#![cfg(feature = "contact")]

use dondominio::types::{Contact, ContactData, ContactType};
use dondominio::Error;

fn nearly_complete() -> dondominio::types::ContactDataBuilder {
    ContactData::builder()
        .kind(ContactType::Individual)
        .first_name("Ann")
        .last_name("Lee")
        .ident_number("12345678Z")
        .email("ann@example.com")
        .address("Main St 1")
        .postal_code("08001")
        .city("Barcelona")
        .country("ES")
}

#[test]
fn a_complete_builder_builds_with_optional_fields_too() {
    let data = nearly_complete()
        .phone("+34.931234567")
        .state("Barcelona")
        .fax("+34.931234568")
        .kind("organization")
        .org_name("Lee Ltd")
        .build()
        .unwrap();
    assert_eq!(data.kind, ContactType::Organization);
    assert_eq!(data.first_name, "Ann");
    assert_eq!(data.phone, "+34.931234567");
    assert_eq!(data.fax.as_deref(), Some("+34.931234568"));
    assert_eq!(data.org_name.as_deref(), Some("Lee Ltd"));
    assert_eq!(data.org_type, None);
}

#[test]
fn a_builder_missing_two_fields_names_both_setters_and_wire_keys() {
    let err = nearly_complete().build().unwrap_err();
    match &err {
        Error::Incomplete { item, missing } => {
            assert_eq!(*item, "ContactData");
            assert_eq!(missing, &[("phone", "Phone"), ("state", "State")]);
        }
        other => panic!("expected Error::Incomplete, got {other:?}"),
    }
    let shown = err.to_string();
    assert_eq!(
        shown,
        "ContactData cannot be built: required parameters not set: `phone` (wire key `Phone`), \
         `state` (wire key `State`)"
    );
    assert_eq!(err.action(), None);
}

#[test]
fn an_empty_builder_names_every_required_parameter() {
    let Err(Error::Incomplete { missing, .. }) = ContactData::builder().fax("1").build() else {
        panic!("an empty builder built");
    };
    let setters: Vec<&str> = missing.iter().map(|(s, _)| *s).collect();
    assert_eq!(
        setters,
        [
            "kind",
            "first_name",
            "last_name",
            "ident_number",
            "email",
            "phone",
            "address",
            "postal_code",
            "city",
            "state",
            "country"
        ]
    );
    assert!(missing.contains(&("kind", "Type")));
}

#[test]
fn a_built_contact_data_becomes_a_contact() {
    let data = nearly_complete().phone("1").state("B").build().unwrap();
    // Every one_of variant holding a single group or value converts into the enum.
    let contact: Contact = data.clone().into();
    assert_eq!(contact, Contact::Data(data));
    assert_eq!(Contact::from("ABC-123"), Contact::Id("ABC-123".into()));
}
