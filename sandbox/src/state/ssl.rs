//! SSL certificates of an account and the validation of their names.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use dondominio::ssl::{SslStatus, SslValidationMethod};
use serde::{Deserialize, Serialize};

/// An SSL certificate of the account.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Certificate {
    /// Identifier.
    pub id: i64,
    /// Common name.
    pub common_name: String,
    /// Product ID of the catalogue.
    pub product_id: i64,
    /// Where the certificate is in its life (ordered, valid, expired...).
    pub status: SslStatus,
    /// Alternative names besides the common name (multi-domain products).
    #[serde(default)]
    pub alt_names: Vec<String>,
    /// Years of the current order or renewal.
    #[serde(default = "super::one")]
    pub years: i64,
    /// Whether it is a trial certificate (valid [`TRIAL_DAYS`](crate::actions::ssl::TRIAL_DAYS)).
    #[serde(default)]
    pub trial: bool,
    /// Day of issue; `None` until first issued.
    #[serde(default)]
    pub ts_create: Option<NaiveDate>,
    /// Day it expires; `None` until first issued.
    #[serde(default)]
    pub ts_expir: Option<NaiveDate>,
    /// Day the pending order, renewal or reissue was asked for.
    #[serde(default)]
    pub pending_since: Option<NaiveDate>,
    /// Domain control validation of each name, by name.
    #[serde(default)]
    pub validation: BTreeMap<String, Dcv>,
    /// Names paid for (multi-domain: the included ones plus those bought).
    #[serde(default)]
    pub paid_names: i64,
    /// The private key sent with the order or reissue (`keyData`), or made by the sandbox.
    #[serde(default)]
    pub key: String,
    /// Bumped by every renewal and reissue, so the certificate's content changes.
    #[serde(default)]
    pub revision: i64,
}

/// The validation of one name.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Dcv {
    /// How control of the name is proved.
    pub method: SslValidationMethod,
    /// Whether control of the name was proved.
    #[serde(default)]
    pub validated: bool,
}
