//! SSL certificates: products, CSR tools, orders, validation, reissue and renewal.
//!
//! The life of a certificate, on the account's clock:
//! - `ssl/create` charges the product's price for the years asked (plus the extra names of a
//!   multi-domain product beyond those included) and leaves the certificate in `process`,
//!   with a domain control validation (DCV) pending for each of its names;
//! - one day after the order the CA "validates" every name and issues it: `valid`, with
//!   `tsCreate` that day and `tsExpir` the years later (90 days for a trial);
//! - on `tsExpir` it becomes `expired`;
//! - `ssl/renew` (billable, from 90 days before expiry) and `ssl/reissue` put it in `renew` /
//!   `reissue` for one day the same way; a renewal adds its years to the old expiry.
//!
//! The sandbox issues nothing real: CSRs, keys and certificates are well-formed-looking DER
//! with pseudo-random numbers (see [`pem`]). `ssl/csrdecode` reads the subject of any CSR,
//! real or made by `ssl/csrcreate`; a PEM block it cannot read is answered with the manual's
//! example.

pub mod pem;

use std::collections::BTreeMap;

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use chrono::NaiveDate;
use dondominio::ssl as api;
use dondominio::ssl::{
    SslCertificate, SslDomainValidation, SslFileContent, SslPrice, SslStatus, SslValidationData,
    SslValidationMethod, SslValidationType,
};
use serde_json::{json, Value};

use super::{charge, example_data, page, respond, set_text, Ctx};
use crate::error::{ApiError, Outcome};
use crate::params::{is_domain_name, Params};
use crate::state::{add_years, shift, Account, Certificate, Dcv, SslProduct};

/// Days a certificate order, renewal or reissue waits for its validation.
pub const VALIDATION_DAYS: i64 = 1;
/// Days before expiry from which a certificate can be renewed.
pub const RENEW_WINDOW_DAYS: i64 = 90;
/// Days a trial certificate is valid.
pub const TRIAL_DAYS: i64 = 90;
/// Most years a certificate can be ordered or renewed for.
pub const MAX_YEARS: i64 = 5;
/// Issuer name written in the sandbox's certificates.
const ISSUER: &str = "DonDominio Sandbox Intermediate CA";

impl Certificate {
    /// Every name it covers: the common name first, then the alternative names.
    pub fn names(&self) -> Vec<String> {
        let mut names = vec![self.common_name.clone()];
        names.extend(self.alt_names.iter().cloned());
        names
    }

    /// Whether an order, renewal or reissue waits for validation.
    pub fn pending(&self) -> bool {
        matches!(
            self.status,
            SslStatus::Process | SslStatus::Renew | SslStatus::Reissue
        )
    }

    /// Whether it can be renewed on `today`.
    pub fn renewable(&self, today: NaiveDate) -> bool {
        !self.trial
            && match self.status {
                SslStatus::Expired => true,
                SslStatus::Valid => self
                    .ts_expir
                    .is_some_and(|e| (e - today).num_days() <= RENEW_WINDOW_DAYS),
                _ => false,
            }
    }

    fn seed(&self) -> String {
        format!("{}:{}:{}", self.id, self.revision, self.common_name)
    }

    /// Starts a validation of every name (order, renewal, reissue).
    fn start_validation(&mut self, today: NaiveDate, methods: &BTreeMap<String, String>) {
        self.pending_since = Some(today);
        self.validation = self
            .names()
            .into_iter()
            .map(|n| {
                let method = methods.get(&n).map_or(SslValidationMethod::Dns, |m| {
                    SslValidationMethod::from_wire(m)
                });
                (
                    n,
                    Dcv {
                        method,
                        validated: false,
                    },
                )
            })
            .collect();
    }
}

/// Runs an `ssl/*` action.
pub fn run(name: &str, p: &Params, a: &mut Account, cx: &Ctx) -> Outcome {
    match name {
        "productlist" => productlist(p, cx),
        "productgetinfo" => {
            let id = p.int("productID")?.unwrap_or_default();
            let product = cx
                .catalog
                .ssl_products
                .get(&id)
                .ok_or_else(|| ApiError::new(5000, format!("there is no SSL product {id}")))?;
            let i = product_info(id, product);
            respond(api::ProductgetinfoResponse {
                product_id: i.product_id,
                product_name: i.product_name,
                brand_name: i.brand_name,
                validation_type: i.validation_type,
                is_multi_domain: i.is_multi_domain,
                is_wildcard: i.is_wildcard,
                is_trial: i.is_trial,
                num_domains: i.num_domains,
                key_length: i.key_length,
                encryption: i.encryption,
                create: i.create,
                renew: i.renew,
                trial_period: i.trial_period,
                san_max_domains: i.san_max_domains,
                san_price: i.san_price,
                extra: Default::default(),
            })
        }
        "csrdecode" => csrdecode(p, cx),
        "csrcreate" => csrcreate(p, cx),
        "list" => list(p, a, cx),
        "getinfo" => getinfo(p, a, cx),
        "create" => create(p, a, cx),
        "renew" => renew(p, a, cx),
        "reissue" => reissue(p, a, cx),
        "multidomainaddsan" => addsan(p, a, cx),
        "getvalidationemails" => {
            let cn = p.req("commonName")?.trim().to_ascii_lowercase();
            check_name(&cn, "commonName", true)?;
            let alternatives = p.bool("includeAlternativeMethods")?.unwrap_or(true);
            let mut val_methods: Vec<String> = Vec::new();
            if alternatives {
                val_methods.extend(["dns", "http", "https"].map(str::to_owned));
            }
            val_methods.extend(validation_emails(&cn));
            respond(api::GetvalidationemailsResponse {
                common_name: cn,
                val_methods,
                extra: Default::default(),
            })
        }
        "changevalidationmethod" => {
            let cert = find_mut(p, a)?;
            let name = pending_name(p, cert)?;
            let method = SslValidationMethod::from_wire(p.req("validationMethod")?);
            if let Some(dcv) = cert.validation.get_mut(&name) {
                if dcv.validated {
                    return Err(ApiError::new(
                        5000,
                        format!("`{name}` is already validated"),
                    ));
                }
                dcv.method = method;
            }
            let c = &*cert;
            respond(api::ChangevalidationmethodResponse {
                certificate_id: c.id,
                common_name: c.common_name.clone(),
                status: c.status.clone(),
                renewable: c.renewable(cx.today),
                product_id: c.product_id,
                ts_create: c.ts_create,
                ts_expir: c.ts_expir,
                alternative_names: c.names(),
                validation_data: validation_data(c, product(cx, c.product_id)),
                extra: Default::default(),
            })
        }
        "resendvalidationmail" => {
            let cert = find(p, a)?;
            let name = pending_name(p, cert)?;
            if cert
                .validation
                .get(&name)
                .is_none_or(|d| d.method != SslValidationMethod::Mail)
            {
                return Err(ApiError::new(
                    5000,
                    format!("`{name}` is not validated by e-mail"),
                ));
            }
            respond(api::ResendvalidationmailResponse {
                certificate_id: cert.id,
                common_name: cert.common_name.clone(),
                status: cert.status.clone(),
                renewable: cert.renewable(cx.today),
                product_id: cert.product_id,
                ts_create: cert.ts_create,
                ts_expir: cert.ts_expir,
                alternative_names: cert.names(),
                validation_data: validation_data(cert, product(cx, cert.product_id)),
                extra: Default::default(),
            })
        }
        _ => Err(super::not_simulated(cx.info.action)),
    }
}

fn product<'a>(cx: &Ctx<'a>, id: i64) -> Option<&'a SslProduct> {
    cx.catalog.ssl_products.get(&id)
}

/// The catalogue's product as the API shows it.
fn product_info(id: i64, p: &SslProduct) -> api::SslProduct {
    let price = |amount: f64| SslPrice {
        create: amount,
        years: 1,
        is_promo: None,
        extra: Default::default(),
    };
    api::SslProduct {
        product_id: id,
        product_name: p.name.clone(),
        brand_name: p.brand.clone(),
        validation_type: p.validation_type.clone(),
        is_multi_domain: p.multi_domain,
        is_wildcard: p.wildcard,
        is_trial: p.trial,
        num_domains: p.num_domains,
        key_length: 2048,
        encryption: 256,
        create: (!p.trial).then(|| Box::new(price(p.price))),
        renew: (!p.trial).then(|| Box::new(price(p.price))),
        trial_period: p.trial.then(|| format!("{TRIAL_DAYS} days")),
        san_max_domains: if p.multi_domain {
            p.san_max_domains
        } else {
            None
        },
        san_price: if p.multi_domain { p.san_price } else { None },
        extra: Default::default(),
    }
}

fn productlist(p: &Params, cx: &Ctx) -> Outcome {
    let wildcard = p.bool("wildcard")?;
    let multi = p.bool("multidomain")?;
    let trial = p.bool("trial")?;
    let kind = p.get("validationType");
    let items: Vec<api::SslProduct> = cx
        .catalog
        .ssl_products
        .iter()
        .filter(|(_, s)| {
            wildcard.is_none_or(|w| w == s.wildcard)
                && multi.is_none_or(|m| m == s.multi_domain)
                && trial.is_none_or(|t| t == s.trial)
                && kind.is_none_or(|k| k == s.validation_type.as_str())
        })
        .map(|(id, s)| product_info(*id, s))
        .collect();
    let (products, query_info) = page(p, items)?;
    respond(api::ProductlistResponse {
        query_info,
        products,
        extra: Default::default(),
    })
}

fn csrdecode(p: &Params, cx: &Ctx) -> Outcome {
    let text = p.req("csrData")?;
    match pem::read_csr(text) {
        Some(s) => respond(api::CsrdecodeResponse {
            csr_data: text.to_owned(),
            common_name: s.common_name,
            organization_name: s.organization,
            organizational_unit_name: s.organizational_unit,
            country_name: s.country,
            state_or_province_name: s.state,
            locality_name: s.locality,
            email_address: s.email,
            extra: Default::default(),
        }),
        None if text.contains("-----BEGIN CERTIFICATE REQUEST-----") => {
            // A CSR the sandbox cannot read: the manual's answer, with the text sent.
            let mut data = example_data(cx, None)?;
            set_text(&mut data, "csrData", text);
            Ok(data)
        }
        None => Err(ApiError::new(
            5000,
            "`csrData` is not a certificate signing request in PEM form",
        )),
    }
}

fn csrcreate(p: &Params, cx: &Ctx) -> Outcome {
    let field = |k: &str| p.req(k).map(|v| v.trim().to_owned());
    let subject = pem::Subject {
        common_name: field("commonName")?.to_ascii_lowercase(),
        organization: field("organizationName")?,
        organizational_unit: field("organizationalUnitName")?,
        country: field("countryName")?.to_ascii_uppercase(),
        state: field("stateOrProvinceName")?,
        locality: field("localityName")?,
        email: field("emailAddress")?,
    };
    check_name(&subject.common_name, "commonName", true)?;
    if !crate::params::is_country(&subject.country) {
        return Err(ApiError::invalid(
            "countryName",
            "must be a two-letter ISO country code",
        ));
    }
    if !subject.email.contains('@') {
        return Err(ApiError::invalid("emailAddress", "not an e-mail address"));
    }
    // A new key every call, as the real tool makes one: seeded by the request and the time.
    let key_seed = format!("{}:{:?}:{}", cx.user, cx.now, subject.common_name);
    respond(api::CsrcreateResponse {
        csr_data: pem::csr(&subject, &key_seed),
        csr_key: pem::private_key(&key_seed),
        common_name: subject.common_name,
        organization_name: subject.organization,
        organizational_unit_name: subject.organizational_unit,
        country_name: subject.country,
        state_or_province_name: subject.state,
        locality_name: subject.locality,
        email_address: subject.email,
        extra: Default::default(),
    })
}

/// A certificate name: a domain name, `*.` allowed in front when `wildcard`.
fn check_name(name: &str, param: &str, wildcard: bool) -> Result<(), ApiError> {
    let bare = match name.strip_prefix("*.") {
        Some(rest) if wildcard => rest,
        _ => name,
    };
    if is_domain_name(bare) {
        Ok(())
    } else {
        Err(ApiError::invalid(
            param,
            format!("`{name}` is not a valid domain name"),
        ))
    }
}

/// The addresses a validation e-mail can go to: the usual mailboxes of the domain (without
/// a leading `*.` or `www.`).
fn validation_emails(name: &str) -> Vec<String> {
    let base = name.trim_start_matches("*.");
    let base = base.strip_prefix("www.").unwrap_or(base);
    [
        "admin",
        "administrator",
        "hostmaster",
        "webmaster",
        "postmaster",
    ]
    .iter()
    .map(|m| format!("{m}@{base}"))
    .collect()
}

/// The certificate named by `certificateID`, or 5001.
fn find<'a>(p: &Params, a: &'a Account) -> Result<&'a Certificate, ApiError> {
    let id = p
        .int("certificateID")?
        .ok_or_else(|| ApiError::missing("certificateID"))?;
    a.certificates
        .get(&id)
        .ok_or_else(|| ApiError::new(5001, format!("certificate {id} not found")))
}

fn find_mut<'a>(p: &Params, a: &'a mut Account) -> Result<&'a mut Certificate, ApiError> {
    let id = p
        .int("certificateID")?
        .ok_or_else(|| ApiError::missing("certificateID"))?;
    a.certificates
        .get_mut(&id)
        .ok_or_else(|| ApiError::new(5001, format!("certificate {id} not found")))
}

/// The `commonName` of a validation call: a name of the certificate, while its validation
/// is pending (5000 otherwise).
fn pending_name(p: &Params, c: &Certificate) -> Result<String, ApiError> {
    if !c.pending() {
        return Err(ApiError::new(
            5000,
            format!(
                "certificate {} is {}: no validation in progress",
                c.id, c.status
            ),
        ));
    }
    let name = p.req("commonName")?.trim().to_ascii_lowercase();
    if !c.validation.contains_key(&name) {
        return Err(ApiError::new(
            5000,
            format!("`{name}` is not a name of certificate {}", c.id),
        ));
    }
    Ok(name)
}

/// The certificate as listings and orders show it.
pub fn summary(c: &Certificate, product: Option<&SslProduct>, today: NaiveDate) -> SslCertificate {
    SslCertificate {
        certificate_id: c.id,
        common_name: c.common_name.clone(),
        status: c.status.clone(),
        renewable: c.renewable(today),
        product_id: c.product_id,
        san_max_domains: san_max(product),
        ts_create: c.ts_create,
        ts_expir: c.ts_expir,
        alternative_names: c.names(),
        extra: Default::default(),
    }
}

fn san_max(product: Option<&SslProduct>) -> Option<i64> {
    product
        .filter(|p| p.multi_domain)
        .and_then(|p| p.san_max_domains)
}

fn list(p: &Params, a: &Account, cx: &Ctx) -> Outcome {
    let product_id = p.int("productID")?;
    let renewable = p.bool("renewable")?;
    let status = p.get("status");
    let cn = p.get("commonName").map(|c| c.trim().to_ascii_lowercase());
    let items: Vec<SslCertificate> = a
        .certificates
        .values()
        .filter(|c| {
            product_id.is_none_or(|id| id == c.product_id)
                && status.is_none_or(|s| s == c.status.as_str())
                && renewable.is_none_or(|r| r == c.renewable(cx.today))
                && cn.as_deref().is_none_or(|n| n == c.common_name)
        })
        .map(|c| summary(c, product(cx, c.product_id), cx.today))
        .collect();
    let (ssl, query_info) = page(p, items)?;
    respond(api::ListResponse {
        query_info,
        ssl,
        extra: Default::default(),
    })
}

/// The validation progress of a certificate.
fn validation_data(c: &Certificate, product: Option<&SslProduct>) -> SslValidationData {
    let dcv = c
        .validation
        .iter()
        .map(|(name, d)| {
            (
                name.clone(),
                SslDomainValidation {
                    validated: d.validated,
                    domain_name: name.clone(),
                    method: d.method.clone(),
                    checkvalue: checkvalue(c, name, d.method.as_str()),
                    extra: Default::default(),
                },
            )
        })
        .collect();
    let organisation = product.is_some_and(|p| p.validation_type != SslValidationType::Dv);
    let pending = c.pending();
    let org_status = match (organisation, pending) {
        (false, _) => "",
        (true, true) => "pending",
        (true, false) => "validated",
    };
    SslValidationData {
        dcv,
        organization_validation_status: org_status.to_owned(),
        brand_validation_status: org_status.to_owned(),
        message: if pending {
            "The petition is pending validation.".into()
        } else {
            "The certificate is validated.".into()
        },
        external_validation: pending,
        extra: Default::default(),
    }
}

/// What the validation of `name` expects, as the examples show it per method.
fn checkvalue(c: &Certificate, name: &str, method: &str) -> Value {
    let seed = format!("dcv:{}:{name}", c.seed());
    let bare = name.trim_start_matches("*.");
    match method {
        "mail" => Value::String(
            validation_emails(name)
                .into_iter()
                .next()
                .unwrap_or_default(),
        ),
        "http" | "https" => {
            let file = format!("{}.txt", pem::hex(&seed, 16).to_ascii_uppercase());
            json!({
                "link": format!("{method}://{bare}/.well-known/pki-validation/{file}"),
                "file": file,
                "contents": format!("{}\ncomodoca.com\nssl{}", pem::hex(&format!("{seed}:c"), 32), c.id),
            })
        }
        _ => Value::String(format!(
            "_{}.{bare} CNAME {}.{}.ssl{}.comodoca.com",
            pem::hex(&seed, 16),
            pem::hex(&format!("{seed}:a"), 16),
            pem::hex(&format!("{seed}:b"), 16),
            c.id
        )),
    }
}

/// The certificate's files: its PEM, its key, the CA chain and the DER bytes.
struct Files {
    cert_pem: String,
    cert_der: Vec<u8>,
    key: String,
    chain: Vec<String>,
    chain_der: Vec<Vec<u8>>,
}

fn files(c: &Certificate) -> Result<Files, ApiError> {
    let (Some(from), Some(to)) = (c.ts_create, c.ts_expir) else {
        return Err(ApiError::new(
            5000,
            format!("certificate {} is not issued yet", c.id),
        ));
    };
    let seed = c.seed();
    let names = c.names();
    let cert_der = pem::certificate(&pem::CertSpec {
        seed: &seed,
        common_name: &c.common_name,
        names: &names,
        not_before: from,
        not_after: to,
        issuer: ISSUER,
    });
    let ca_from = NaiveDate::from_ymd_opt(2020, 1, 1).unwrap_or(NaiveDate::MIN);
    let ca_to = NaiveDate::from_ymd_opt(2040, 1, 1).unwrap_or(NaiveDate::MAX);
    let intermediate = pem::certificate(&pem::CertSpec {
        seed: "sandbox-intermediate",
        common_name: ISSUER,
        names: &[],
        not_before: ca_from,
        not_after: ca_to,
        issuer: "DonDominio Sandbox Root CA",
    });
    Ok(Files {
        cert_pem: pem::pem("CERTIFICATE", &cert_der),
        cert_der,
        key: c.key.clone(),
        chain: vec![pem::pem("CERTIFICATE", &intermediate)],
        chain_der: vec![intermediate],
    })
}

fn getinfo(p: &Params, a: &Account, cx: &Ctx) -> Outcome {
    let c = find(p, a)?;
    let prod = product(cx, c.product_id);
    let info_type = p.get("infoType").unwrap_or("status");
    macro_rules! common {
        ($ty:ident $(, $field:ident : $value:expr)* $(,)?) => {
            api::$ty {
                certificate_id: c.id,
                common_name: c.common_name.clone(),
                status: c.status.clone(),
                renewable: c.renewable(cx.today),
                product_id: c.product_id,
                num_domains: san_max(prod),
                ts_create: c.ts_create,
                ts_expir: c.ts_expir,
                alternative_names: c.names(),
                $($field: $value,)*
                extra: Default::default(),
            }
        };
    }
    match info_type {
        "status" => respond(common!(GetinfoStatus)),
        "validationStatus" => {
            if !c.pending() {
                return Err(ApiError::new(
                    5000,
                    format!(
                        "certificate {} is {}: no validation in progress",
                        c.id, c.status
                    ),
                ));
            }
            respond(common!(GetinfoValidationStatus,
                validation_data: validation_data(c, prod)))
        }
        "ssldata" => {
            let f = files(c)?;
            let seed = c.seed();
            respond(common!(GetinfoSsldata,
                ssl_cert: f.cert_pem,
                ssl_key: f.key,
                ssl_cert_chain: f.chain,
                fingerprint: api::SslFingerprint {
                    sha1: pem::fingerprint(&format!("sha1:{seed}"), 20),
                    sha256: pem::fingerprint(&format!("sha256:{seed}"), 32),
                    md5: pem::fingerprint(&format!("md5:{seed}"), 16),
                    extra: Default::default(),
                },
            ))
        }
        "pfx" | "der" | "p7b" | "zip" | "pem" => {
            let f = files(c)?;
            let mut all_der = vec![f.cert_der.clone()];
            all_der.extend(f.chain_der.iter().cloned());
            let content = match info_type {
                "pfx" => file(
                    "application/x-pkcs12",
                    "certificate.pfx",
                    Some(pem::pfx(&all_der, &f.key, p.get("pfxpass").unwrap_or(""))),
                    String::new(),
                ),
                "der" => file(
                    "application/x-x509-ca-cert",
                    "certificate.der",
                    Some(f.cert_der.clone()),
                    String::new(),
                ),
                "p7b" => file(
                    "text/plain",
                    "certificate.p7b",
                    None,
                    pem::pem("PKCS7", &pem::p7b(&all_der)),
                ),
                "zip" => {
                    let bundle = f.chain.join("\n");
                    let mut entries: Vec<(&str, &[u8])> = vec![
                        ("certificate.crt", f.cert_pem.as_bytes()),
                        ("ca-bundle.crt", bundle.as_bytes()),
                    ];
                    if !f.key.is_empty() {
                        entries.push(("certificate.key", f.key.as_bytes()));
                    }
                    file(
                        "application/zip",
                        "certificate.zip",
                        Some(pem::zip(&entries)),
                        String::new(),
                    )
                }
                _ => {
                    let mut text = f.cert_pem.clone();
                    for c in &f.chain {
                        text.push('\n');
                        text.push_str(c);
                    }
                    file("text/plain", "certificate.pem", None, text)
                }
            };
            let (ssl_cert, ssl_key, ssl_cert_chain) = (f.cert_pem, f.key, f.chain);
            match info_type {
                "pfx" => respond(common!(GetinfoPfx, ssl_cert: ssl_cert, ssl_key: ssl_key,
                    ssl_cert_chain: ssl_cert_chain, content: content)),
                "der" => respond(common!(GetinfoDer, ssl_cert: ssl_cert, ssl_key: ssl_key,
                    ssl_cert_chain: ssl_cert_chain, content: content)),
                "p7b" => respond(common!(GetinfoP7b, ssl_cert: ssl_cert, ssl_key: ssl_key,
                    ssl_cert_chain: ssl_cert_chain, content: content)),
                "zip" => respond(common!(GetinfoZip, ssl_cert: ssl_cert, ssl_key: ssl_key,
                    ssl_cert_chain: ssl_cert_chain, content: content)),
                _ => respond(common!(GetinfoPem, ssl_cert: ssl_cert, ssl_key: ssl_key,
                    ssl_cert_chain: ssl_cert_chain, content: content)),
            }
        }
        other => Err(ApiError::invalid("infoType", format!("`{other}`"))),
    }
}

/// A file answer: binary content base64-encoded, text as is.
fn file(mime: &str, name: &str, binary: Option<Vec<u8>>, text: String) -> SslFileContent {
    let (base64encoded, data) = match binary {
        Some(bytes) => (true, STANDARD.encode(bytes)),
        None => (false, text),
    };
    SslFileContent {
        mime_type: mime.to_owned(),
        name: name.to_owned(),
        base64encoded,
        data,
        extra: Default::default(),
    }
}

/// The CommonName of `csrData` (5000 when it cannot be read).
fn csr_common_name(p: &Params) -> Result<String, ApiError> {
    let text = p.req("csrData")?;
    pem::read_csr(text)
        .map(|s| s.common_name.to_ascii_lowercase())
        .ok_or_else(|| {
            ApiError::new(
                5000,
                "`csrData` is not a certificate signing request whose CommonName can be read",
            )
        })
}

/// `keyData`, when sent: it must be a private key in PEM form.
fn key_data(p: &Params) -> Result<Option<String>, ApiError> {
    match p.get("keyData") {
        None => Ok(None),
        Some(k) if k.contains("PRIVATE KEY-----") && pem::unpem(k).is_some() => {
            Ok(Some(k.to_owned()))
        }
        Some(_) => Err(ApiError::invalid(
            "keyData",
            "not a private key in PEM form",
        )),
    }
}

/// The numbered alternative names (`alt_name_N`, `alt_validation_N`), in order.
fn alt_names(p: &Params, product: &SslProduct) -> Result<Vec<(String, String)>, ApiError> {
    let mut out: Vec<(String, String)> = Vec::new();
    for n in 1.. {
        let Some(name) = p.get(&format!("alt_name_{n}")) else {
            break;
        };
        let name = name.trim().to_ascii_lowercase();
        check_name(&name, &format!("alt_name_{n}"), product.wildcard)?;
        if out.iter().any(|(o, _)| *o == name) {
            return Err(ApiError::new(5000, format!("`{name}` is given twice")));
        }
        let method = p
            .get(&format!("alt_validation_{n}"))
            .unwrap_or("dns")
            .to_owned();
        out.push((name, method));
    }
    if !out.is_empty() && !product.multi_domain {
        return Err(ApiError::new(
            5000,
            format!(
                "`{}` is not a multi-domain product: it takes no alternative names",
                product.name
            ),
        ));
    }
    Ok(out)
}

/// The alternative names sent, or (none sent) those the certificate has, with their methods.
fn alt_names_or_current(
    p: &Params,
    product: &SslProduct,
    cert: &Certificate,
) -> Result<Vec<(String, String)>, ApiError> {
    let sent = alt_names(p, product)?;
    if !sent.is_empty() {
        return Ok(sent);
    }
    Ok(cert
        .alt_names
        .iter()
        .map(|n| {
            let method = cert.validation.get(n).map_or("dns", |d| d.method.as_str());
            (n.clone(), method.to_owned())
        })
        .collect())
}

/// Checks that the names fit the product: wildcard or not, at most `sanMaxDomains`.
fn check_names(cn: &str, alts: &[(String, String)], product: &SslProduct) -> Result<(), ApiError> {
    if product.wildcard != cn.starts_with("*.") {
        return Err(ApiError::new(
            5000,
            if product.wildcard {
                format!("`{}` needs a CommonName like `*.example.com`", product.name)
            } else {
                format!("`{}` is not a wildcard product", product.name)
            },
        ));
    }
    check_name(cn, "csrData", product.wildcard)?;
    if alts.iter().any(|(n, _)| n == cn) {
        return Err(ApiError::new(
            5000,
            format!("`{cn}` is the CommonName: it is not an alternative name"),
        ));
    }
    let total = i64::try_from(alts.len() + 1).unwrap_or(i64::MAX);
    if let Some(max) = product.san_max_domains.filter(|_| product.multi_domain) {
        if total > max {
            return Err(ApiError::new(
                5000,
                format!("`{}` covers at most {max} names", product.name),
            ));
        }
    }
    Ok(())
}

/// The contacts of an order: valid, the organisation one present for OV and EV products.
/// Contacts sent in full are checked but not added to the account.
fn check_contacts(p: &Params, a: &Account, product: &SslProduct) -> Result<(), ApiError> {
    let mut scratch = Account {
        contacts: a.contacts.clone(),
        ..Account::default()
    };
    if p.contact(&mut scratch, "adminContact")?.is_none() {
        return Err(ApiError::missing("adminContactID"));
    }
    p.contact(&mut scratch, "techContact")?;
    let org = p.contact(&mut scratch, "orgContact")?;
    if org.is_none() && product.validation_type != SslValidationType::Dv {
        return Err(ApiError::missing("orgContactID"));
    }
    Ok(())
}

/// `period` (default 1), between 1 and [`MAX_YEARS`].
fn period(p: &Params) -> Result<i64, ApiError> {
    let years = p.int("period")?.unwrap_or(1);
    if (1..=MAX_YEARS).contains(&years) {
        Ok(years)
    } else {
        Err(ApiError::invalid(
            "period",
            format!("between 1 and {MAX_YEARS} years"),
        ))
    }
}

/// What `names` cost for `years`: the product's price, plus each name beyond those paid.
fn cost(product: &SslProduct, names: i64, paid: i64, years: i64) -> f64 {
    if product.trial {
        return 0.0;
    }
    let extra = (names - paid.max(product.num_domains)).max(0);
    #[allow(clippy::cast_precision_loss)]
    let (years, extra) = (years as f64, extra as f64);
    product.price * years + product.san_price.unwrap_or(0.0) * extra * years
}

fn methods(cn: &str, p: &Params, alts: &[(String, String)]) -> BTreeMap<String, String> {
    let mut m: BTreeMap<String, String> = alts.iter().cloned().collect();
    m.insert(
        cn.to_owned(),
        p.get("validationMethod").unwrap_or("dns").to_owned(),
    );
    m
}

fn create(p: &Params, a: &mut Account, cx: &Ctx) -> Outcome {
    let product_id = p
        .int("productID")?
        .ok_or_else(|| ApiError::missing("productID"))?;
    let product = product(cx, product_id)
        .ok_or_else(|| ApiError::new(5000, format!("there is no SSL product {product_id}")))?;
    let cn = csr_common_name(p)?;
    let alts = alt_names(p, product)?;
    check_names(&cn, &alts, product)?;
    let years = if product.trial { 1 } else { period(p)? };
    let key = key_data(p)?;
    check_contacts(p, a, product)?;
    let names = i64::try_from(alts.len() + 1).unwrap_or(i64::MAX);
    let billing = charge(a, cost(product, names, 0, years))?;
    let id = a.new_id();
    let mut cert = Certificate {
        id,
        common_name: cn.clone(),
        product_id,
        status: SslStatus::Process,
        alt_names: alts.iter().map(|(n, _)| n.clone()).collect(),
        years,
        trial: product.trial,
        ts_create: None,
        ts_expir: None,
        pending_since: None,
        validation: BTreeMap::new(),
        paid_names: names.max(product.num_domains),
        key: key.unwrap_or_default(),
        revision: 0,
    };
    cert.start_validation(cx.today, &methods(&cn, p, &alts));
    let ssl = summary(&cert, Some(product), cx.today);
    a.certificates.insert(id, cert);
    respond(api::CreateResponse {
        billing,
        ssl,
        extra: Default::default(),
    })
}

fn renew(p: &Params, a: &mut Account, cx: &Ctx) -> Outcome {
    let cert = find(p, a)?.clone();
    let product = product(cx, cert.product_id).ok_or_else(|| {
        ApiError::new(
            5000,
            format!("product {} is no longer sold", cert.product_id),
        )
    })?;
    if !cert.renewable(cx.today) {
        return Err(ApiError::new(
            5000,
            format!(
                "certificate {} cannot be renewed now (renewals open {RENEW_WINDOW_DAYS} days before expiry)",
                cert.id
            ),
        ));
    }
    let cn = csr_common_name(p)?;
    if cn != cert.common_name {
        return Err(ApiError::new(
            5000,
            format!(
                "the CSR is for `{cn}`, the certificate for `{}`",
                cert.common_name
            ),
        ));
    }
    let alts = alt_names_or_current(p, product, &cert)?;
    check_names(&cn, &alts, product)?;
    let years = period(p)?;
    let key = key_data(p)?;
    check_contacts(p, a, product)?;
    let names = i64::try_from(alts.len() + 1).unwrap_or(i64::MAX);
    let billing = charge(a, cost(product, names, 0, years))?;
    let ssl = {
        let c = find_mut(p, a)?;
        c.status = SslStatus::Renew;
        c.years = years;
        c.alt_names = alts.iter().map(|(n, _)| n.clone()).collect();
        c.paid_names = names.max(product.num_domains);
        c.revision += 1;
        if let Some(k) = key {
            c.key = k;
        }
        c.start_validation(cx.today, &methods(&cn, p, &alts));
        summary(c, Some(product), cx.today)
    };
    respond(api::RenewResponse {
        billing,
        ssl,
        extra: Default::default(),
    })
}

fn reissue(p: &Params, a: &mut Account, cx: &Ctx) -> Outcome {
    let cert = find(p, a)?.clone();
    let product = product(cx, cert.product_id).ok_or_else(|| {
        ApiError::new(
            5000,
            format!("product {} is no longer sold", cert.product_id),
        )
    })?;
    if cert.status != SslStatus::Valid {
        return Err(ApiError::new(
            5000,
            format!(
                "certificate {} is {}: only a valid certificate can be reissued",
                cert.id, cert.status
            ),
        ));
    }
    let cn = csr_common_name(p)?;
    if cn != cert.common_name {
        return Err(ApiError::new(
            5000,
            format!(
                "the CSR is for `{cn}`, the certificate for `{}`",
                cert.common_name
            ),
        ));
    }
    let alts = alt_names_or_current(p, product, &cert)?;
    check_names(&cn, &alts, product)?;
    let names = i64::try_from(alts.len() + 1).unwrap_or(i64::MAX);
    let paid = cert.paid_names.max(product.num_domains);
    if names > paid {
        return Err(ApiError::new(
            5000,
            format!(
                "certificate {} has {paid} names paid for; add more with ssl/multidomainaddsan",
                cert.id
            ),
        ));
    }
    let key = key_data(p)?;
    let c = find_mut(p, a)?;
    c.status = SslStatus::Reissue;
    c.alt_names = alts.iter().map(|(n, _)| n.clone()).collect();
    c.revision += 1;
    if let Some(k) = key {
        c.key = k;
    }
    c.start_validation(cx.today, &methods(&cn, p, &alts));
    let s = summary(c, Some(product), cx.today);
    respond(api::ReissueResponse {
        certificate_id: s.certificate_id,
        common_name: s.common_name,
        status: s.status,
        renewable: s.renewable,
        product_id: s.product_id,
        ts_create: s.ts_create,
        ts_expir: s.ts_expir,
        alternative_names: s.alternative_names,
        san_max_domains: s.san_max_domains,
        extra: Default::default(),
    })
}

fn addsan(p: &Params, a: &mut Account, cx: &Ctx) -> Outcome {
    let cert = find(p, a)?.clone();
    let product = product(cx, cert.product_id).ok_or_else(|| {
        ApiError::new(
            5000,
            format!("product {} is no longer sold", cert.product_id),
        )
    })?;
    if !product.multi_domain {
        return Err(ApiError::new(
            5000,
            format!(
                "certificate {} is not multi-domain: it takes no alternative names",
                cert.id
            ),
        ));
    }
    if !matches!(cert.status, SslStatus::Valid | SslStatus::Process) {
        return Err(ApiError::new(
            5000,
            format!(
                "certificate {} is {}: names can be added to valid or in-process certificates",
                cert.id, cert.status
            ),
        ));
    }
    let name = p.req("extraSAN")?.trim().to_ascii_lowercase();
    check_name(&name, "extraSAN", product.wildcard)?;
    if cert.names().contains(&name) {
        return Err(ApiError::new(
            5000,
            format!("certificate {} already covers `{name}`", cert.id),
        ));
    }
    let names = i64::try_from(cert.alt_names.len() + 2).unwrap_or(i64::MAX);
    if let Some(max) = product.san_max_domains {
        if names > max {
            return Err(ApiError::new(
                5000,
                format!("certificate {} holds at most {max} names", cert.id),
            ));
        }
    }
    let billing = charge(a, product.san_price.unwrap_or(0.0))?;
    let c = find_mut(p, a)?;
    c.alt_names.push(name.clone());
    c.paid_names = c.paid_names.max(product.num_domains) + 1;
    if c.status == SslStatus::Valid {
        // The CA has to validate the new name and issue the certificate again.
        c.status = SslStatus::Reissue;
        c.revision += 1;
        let mut methods: BTreeMap<String, String> = c
            .validation
            .iter()
            .map(|(n, d)| (n.clone(), d.method.as_str().to_owned()))
            .collect();
        methods.insert(name, "dns".into());
        c.start_validation(cx.today, &methods);
    } else {
        c.validation.insert(
            name,
            Dcv {
                method: SslValidationMethod::Dns,
                validated: false,
            },
        );
    }
    let ssl = summary(c, Some(product), cx.today);
    respond(api::MultidomainaddsanResponse {
        billing,
        ssl,
        extra: Default::default(),
    })
}

/// Lets time act on the certificates (pending ones are issued [`VALIDATION_DAYS`] after they
/// were asked for; valid ones expire); true when something changed.
pub fn tick(a: &mut Account, today: NaiveDate) -> bool {
    let mut changed = false;
    let ids: Vec<i64> = a.certificates.keys().copied().collect();
    for id in ids {
        let Some(mut c) = a.certificates.get(&id).cloned() else {
            continue;
        };
        let mut this = false;
        if c.pending() {
            if let Some(since) = c.pending_since {
                let issued = shift(since, VALIDATION_DAYS);
                if today >= issued {
                    let expiry = if c.trial {
                        shift(issued, TRIAL_DAYS)
                    } else if c.status == SslStatus::Renew {
                        let base = c.ts_expir.filter(|e| *e > issued).unwrap_or(issued);
                        add_years(base, c.years)
                    } else if c.status == SslStatus::Reissue {
                        c.ts_expir.unwrap_or_else(|| add_years(issued, c.years))
                    } else {
                        add_years(issued, c.years)
                    };
                    c.status = SslStatus::Valid;
                    c.ts_create = Some(issued);
                    c.ts_expir = Some(expiry);
                    c.pending_since = None;
                    for d in c.validation.values_mut() {
                        d.validated = true;
                    }
                    this = true;
                }
            }
        }
        if c.status == SslStatus::Valid && c.ts_expir.is_some_and(|e| today >= e) {
            c.status = SslStatus::Expired;
            this = true;
        }
        if this {
            a.certificates.insert(id, c);
            changed = true;
        }
    }
    changed
}

/// Adds the demo data of this module to a seeded account: a valid PositiveSSL certificate
/// for `www.example.com`, issued 300 days ago for a year (so it is renewable), with its key.
pub fn demo(a: &mut Account, today: NaiveDate) {
    let id = a.new_id();
    let issued = shift(today, -300);
    let mut cert = Certificate {
        id,
        common_name: "www.example.com".into(),
        product_id: 1,
        status: SslStatus::Valid,
        alt_names: Vec::new(),
        years: 1,
        trial: false,
        ts_create: Some(issued),
        ts_expir: Some(add_years(issued, 1)),
        pending_since: None,
        validation: BTreeMap::new(),
        paid_names: 1,
        key: pem::private_key(&format!("demo:{id}")),
        revision: 0,
    };
    cert.validation.insert(
        cert.common_name.clone(),
        Dcv {
            method: SslValidationMethod::Dns,
            validated: true,
        },
    );
    a.certificates.insert(id, cert);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_demo_certificate_survives_a_state_file() -> Result<(), serde_json::Error> {
        let mut a = Account::default();
        let today = NaiveDate::from_ymd_opt(2026, 1, 31).unwrap_or_default();
        demo(&mut a, today);
        let text = serde_json::to_string(&a)?;
        assert_eq!(serde_json::from_str::<Account>(&text)?, a);
        Ok(())
    }

    #[test]
    fn a_short_seed_is_enough() -> Result<(), serde_json::Error> {
        let c: Certificate = serde_json::from_str(
            r#"{"id": 7, "commonName": "a.example.com", "productId": 1, "status": "valid"}"#,
        )?;
        assert_eq!(c.years, 1);
        assert!(c.alt_names.is_empty());
        Ok(())
    }

    #[test]
    fn orders_are_issued_then_expire() {
        let day = |d| NaiveDate::from_ymd_opt(2026, 3, d).unwrap_or_default();
        let mut a = Account::default();
        let mut c: Certificate = Certificate {
            id: 1,
            common_name: "a.example.com".into(),
            product_id: 1,
            status: SslStatus::Process,
            alt_names: Vec::new(),
            years: 1,
            trial: true,
            ts_create: None,
            ts_expir: None,
            pending_since: None,
            validation: BTreeMap::new(),
            paid_names: 1,
            key: String::new(),
            revision: 0,
        };
        c.start_validation(day(1), &BTreeMap::new());
        a.certificates.insert(1, c);
        assert!(!tick(&mut a, day(1)));
        assert!(tick(&mut a, day(2)));
        let c = &a.certificates[&1];
        assert_eq!(c.status, SslStatus::Valid);
        assert!(c.validation.values().all(|d| d.validated));
        assert_eq!(c.ts_expir, Some(shift(day(2), TRIAL_DAYS)));
        // A jump past the expiry issues and expires in one go.
        let mut b = Account::default();
        let mut c2 = a.certificates[&1].clone();
        c2.status = SslStatus::Process;
        c2.start_validation(day(1), &BTreeMap::new());
        b.certificates.insert(1, c2);
        assert!(tick(&mut b, shift(day(1), 200)));
        assert_eq!(b.certificates[&1].status, SslStatus::Expired);
    }
}
