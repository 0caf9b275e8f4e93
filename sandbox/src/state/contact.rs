//! Contacts: the whois data domains point at.

use dondominio::types::{ContactType, ContactVerification};
use serde::{Deserialize, Serialize};

/// A contact of the account (the whois data of domains).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Contact {
    /// A person or an organisation.
    #[serde(rename = "type")]
    pub kind: ContactType,
    /// Given name.
    pub first_name: String,
    /// Family name.
    pub last_name: String,
    /// Organisation name, empty for a person.
    #[serde(default)]
    pub org_name: String,
    /// Spanish organisation type code, or empty.
    #[serde(default)]
    pub org_type: String,
    /// Tax or identity number.
    pub ident_number: String,
    /// E-mail address.
    pub email: String,
    /// Phone, `+CC.NNNN`.
    pub phone: String,
    /// Fax, `+CC.NNNN` or empty.
    #[serde(default)]
    pub fax: String,
    /// Street address.
    pub address: String,
    /// Postal code.
    pub postal_code: String,
    /// City.
    pub city: String,
    /// State or province.
    pub state: String,
    /// ISO country code.
    pub country: String,
    /// Verification state of the data.
    #[serde(default = "default_verification")]
    pub verification: ContactVerification,
    /// Whether the contact accepted the designated-agent terms.
    #[serde(default)]
    pub daaccepted: bool,
}

fn default_verification() -> ContactVerification {
    ContactVerification::Verified
}

impl Contact {
    /// The name shown in listings: the organisation, or the person.
    pub fn display_name(&self) -> String {
        if self.kind == ContactType::Organization && !self.org_name.is_empty() {
            self.org_name.clone()
        } else {
            format!("{} {}", self.first_name, self.last_name)
        }
    }
}
