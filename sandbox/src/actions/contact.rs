//! Contacts: creation (with the format checks of the API), listing with its filters, reading,
//! and the verification mail.

use dondominio::contact as api;
use dondominio::types::{ContactInfo, ContactVerification};

use super::{page, respond, Ctx};
use crate::error::{ApiError, Outcome};
use crate::params::Params;
use crate::state::{Account, Contact};

/// A response with every field of the Contact Response shape, moved out of a `ContactInfo`.
macro_rules! full_answer {
    ($m:ident :: $ty:ident, $i:ident $(, $field:ident : $value:expr)* $(,)?) => {
        $m::$ty {
            $($field: $value,)*
            contact_id: $i.contact_id,
            contact_type: $i.contact_type,
            first_name: $i.first_name,
            last_name: $i.last_name,
            org_name: $i.org_name,
            org_type: $i.org_type,
            ident_number: $i.ident_number,
            email: $i.email,
            phone: $i.phone,
            fax: $i.fax,
            address: $i.address,
            postal_code: $i.postal_code,
            city: $i.city,
            state: $i.state,
            country: $i.country,
            verificationstatus: $i.verificationstatus,
            daaccepted: $i.daaccepted,
            extra: Default::default(),
        }
    };
}

/// Runs a `contact/*` action.
pub fn run(name: &str, p: &Params, a: &mut Account, cx: &Ctx) -> Outcome {
    match name {
        "create" => {
            // The group is sent without a prefix (`Type`, `FirstName`...).
            let id = p.contact(a, "")?.ok_or_else(|| ApiError::missing("Type"))?;
            let c = a
                .contacts
                .get(&id)
                .ok_or_else(|| ApiError::new(3001, format!("contact `{id}` does not exist")))?;
            let i = contact_info(&id, c);
            respond(full_answer!(api::CreateResponse, i))
        }
        "list" => list(p, a),
        "getinfo" => {
            let (id, c) = find(p, a)?;
            let i = contact_info(id, c);
            respond(full_answer!(api::GetinfoResponse, i, es_nic_handle: i.es_nic_handle))
        }
        "resendverificationmail" => {
            let (id, c) = find(p, a)?;
            if matches!(
                c.verification,
                ContactVerification::Verified | ContactVerification::Notapplicable
            ) {
                return Err(ApiError::new(
                    3003,
                    format!("contact `{id}` is already {}", c.verification),
                ));
            }
            respond(api::ResendverificationmailResponse {
                contact_id: id.to_owned(),
                contact_type: c.kind.clone(),
                contact_name: c.display_name(),
                ident_number: c.ident_number.clone(),
                email: c.email.clone(),
                country: c.country.clone(),
                verificationstatus: c.verification.clone(),
                extra: Default::default(),
            })
        }
        _ => Err(super::not_simulated(cx.info.action)),
    }
}

/// The contact named by `contactID`, or 3001.
fn find<'a>(p: &Params, a: &'a Account) -> Result<(&'a str, &'a Contact), ApiError> {
    let id = p.req("contactID")?;
    a.contacts
        .get_key_value(id)
        .map(|(k, c)| (k.as_str(), c))
        .ok_or_else(|| ApiError::new(3001, format!("contact `{id}` does not exist")))
}

fn list(p: &Params, a: &Account) -> Outcome {
    let name = p.get("name").map(str::to_lowercase);
    let daaccepted = p.bool("daaccepted")?;
    let items: Vec<api::ContactSummary> = a
        .contacts
        .iter()
        .filter(|(_, c)| {
            name.as_deref()
                .is_none_or(|n| c.display_name().to_lowercase().contains(n))
                && p.get("email")
                    .is_none_or(|e| e.eq_ignore_ascii_case(&c.email))
                && p.get("country")
                    .is_none_or(|k| k.eq_ignore_ascii_case(&c.country))
                && p.get("identNumber").is_none_or(|n| n == c.ident_number)
                && p.get("verificationstatus")
                    .is_none_or(|v| v == c.verification.as_str())
                && daaccepted.is_none_or(|d| d == c.daaccepted)
        })
        .map(|(id, c)| api::ContactSummary {
            contact_id: id.clone(),
            contact_type: c.kind.clone(),
            contact_name: c.display_name(),
            ident_number: c.ident_number.clone(),
            email: c.email.clone(),
            country: c.country.clone(),
            verificationstatus: c.verification.clone(),
            daaccepted: c.daaccepted,
            extra: Default::default(),
        })
        .collect();
    let (contacts, query_info) = page(p, items)?;
    respond(api::ListResponse {
        query_info,
        contacts,
        extra: Default::default(),
    })
}

/// The Contact Response shape of a contact (shared by domain answers).
pub fn contact_info(id: &str, c: &Contact) -> ContactInfo {
    ContactInfo {
        contact_id: id.to_owned(),
        contact_type: c.kind.clone(),
        first_name: c.first_name.clone(),
        last_name: c.last_name.clone(),
        org_name: c.org_name.clone(),
        org_type: c.org_type.clone(),
        ident_number: c.ident_number.clone(),
        email: c.email.clone(),
        phone: c.phone.clone(),
        fax: c.fax.clone(),
        address: c.address.clone(),
        postal_code: c.postal_code.clone(),
        city: c.city.clone(),
        state: c.state.clone(),
        country: c.country.clone(),
        verificationstatus: c.verification.clone(),
        daaccepted: c.daaccepted,
        es_nic_handle: None,
        extra: Default::default(),
    }
}
