//! Prices and products, shared by every account.

use std::collections::BTreeMap;

use dondominio::ssl::SslValidationType;
use serde::{Deserialize, Serialize};

/// Prices and products, shared by every account.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Catalog {
    /// Zones (TLDs) on sale, by TLD without the dot.
    #[serde(default = "builtin_zones")]
    pub zones: BTreeMap<String, ZonePrice>,
    /// Hosting plans by product key, with the yearly price.
    #[serde(default = "builtin_service_products")]
    pub service_products: BTreeMap<String, f64>,
    /// SSL products by product ID.
    #[serde(default = "builtin_ssl_products")]
    pub ssl_products: BTreeMap<i64, SslProduct>,
}

// A section a seed file leaves out keeps the built-in one.
fn builtin_zones() -> BTreeMap<String, ZonePrice> {
    crate::seed::catalog().zones
}

fn builtin_service_products() -> BTreeMap<String, f64> {
    crate::seed::catalog().service_products
}

fn builtin_ssl_products() -> BTreeMap<i64, SslProduct> {
    crate::seed::catalog().ssl_products
}

/// What a zone costs per year for each operation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct ZonePrice {
    /// The top-level zone (`es` for `com.es`).
    pub tldtop: String,
    /// Registration price per year.
    pub create: f64,
    /// Renewal price per year.
    pub renew: f64,
    /// Transfer price (includes one year).
    pub transfer: f64,
    /// Whether transfers need an authcode.
    #[serde(default = "super::yes")]
    pub authcodereq: bool,
    /// The periods (years) the zone accepts.
    #[serde(default = "default_years")]
    pub years: Vec<i64>,
}

fn default_years() -> Vec<i64> {
    (1..=10).collect()
}

/// An SSL product of the catalogue.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct SslProduct {
    /// Product name.
    pub name: String,
    /// Certificate authority brand.
    pub brand: String,
    /// What the authority checks before issuing (domain, organisation, extended).
    pub validation_type: SslValidationType,
    /// Whether it covers several names.
    #[serde(default)]
    pub multi_domain: bool,
    /// Whether it is a wildcard certificate.
    #[serde(default)]
    pub wildcard: bool,
    /// Whether it is a free trial.
    #[serde(default)]
    pub trial: bool,
    /// Names included.
    #[serde(default = "super::one")]
    pub num_domains: i64,
    /// Most names a multi-domain certificate can hold.
    #[serde(default)]
    pub san_max_domains: Option<i64>,
    /// Price of each extra name.
    #[serde(default)]
    pub san_price: Option<f64>,
    /// Price per year.
    pub price: f64,
}
