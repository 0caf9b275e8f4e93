//! Realistic calls of every action on the demo data set, and what they need set up first
//! (CSRs, certificates): shared by the tests that walk every action.

use std::collections::HashMap;

use dondominio::Action;
use dondominio_sandbox::Sandbox;

use super::USER;

/// The calls made for an action: each a form (and the response variant it asks for).
pub fn calls(action: Action) -> Vec<Vec<(&'static str, &'static str)>> {
    let info = action.info();
    let one = |form: &[(&'static str, &'static str)]| vec![form.to_vec()];
    // Variant responses: one call per variant, the selector set.
    if let Some(selector) = info.selector {
        let base: Vec<(&'static str, &'static str)> = match info.module {
            "domain" => vec![("domain", "example.com")],
            "service" => vec![("serviceName", "example.com")],
            "ssl" => vec![("certificateID", SSL_ID)],
            _ => vec![],
        };
        return info
            .variants
            .iter()
            .map(|v| {
                let mut form = base.clone();
                form.push((selector.param, v));
                if *v == "authcode" {
                    // The demo example.com has its transfer block on; example.net has not.
                    form[0] = ("domain", "example.net");
                }
                if *v == "validationStatus" {
                    // Only a certificate still being validated has a validation status.
                    form[0] = ("certificateID", "CERT-P");
                }
                form
            })
            .collect();
    }
    let contact: &[(&str, &str)] = &[
        ("Type", "individual"),
        ("FirstName", "Ada"),
        ("LastName", "Byron"),
        ("IdentNumber", "12345678Z"),
        ("Email", "ada@example.org"),
        ("Phone", "+44.2071234567"),
        ("Address", "1 Example Street"),
        ("PostalCode", "EC1A 1AA"),
        ("City", "London"),
        ("State", "London"),
        ("Country", "GB"),
    ];
    match info.path {
        "tool/hello" | "account/info" | "account/promos" | "account/zones" | "domain/list"
        | "domain/listdeleted" | "contact/list" | "service/list" | "ssl/productlist"
        | "ssl/list" | "user/list" => one(&[]),
        "tool/idnconverter" => one(&[("query", "example.com")]),
        "tool/domainsuggests" => one(&[("query", "bakery"), ("tlds", "com,net")]),
        "tool/gettable" => vec![
            vec![("tableType", "countries")],
            vec![("tableType", "es_juridic")],
        ],
        "tool/dig" => one(&[
            ("query", "example.com"),
            ("type", "A"),
            ("nameserver", "192.0.2.53"),
        ]),
        "tool/zonecheck" => one(&[
            ("domain", "example.com"),
            ("nameservers", "ns1.example.com,ns2.example.com"),
        ]),
        "domain/check" => one(&[("domain", "example.com,free-name.org")]),
        "domain/checkfortransfer" => one(&[("domain", "taken-elsewhere.net")]),
        "domain/create" => one(&[
            ("domain", "every-action.com"),
            ("ownerContactID", "SBX-1001"),
        ]),
        "domain/transfer" => one(&[
            ("domain", "taken-by-someone.com"),
            ("authcode", "EPP"),
            ("ownerContactID", "SBX-1001"),
        ]),
        "domain/transferrestart" => {
            one(&[("domain", "taken-by-someone.com"), ("authcode", "EPP2")])
        }
        "domain/update" => one(&[
            ("domain", "example.net"),
            ("updateType", "whoisPrivacy"),
            ("whoisPrivacy", "true"),
        ]),
        "domain/updatenameservers" => one(&[
            ("domain", "example.net"),
            ("nameservers", "ns1.example.org,ns2.example.org"),
        ]),
        "domain/updatecontacts" => {
            one(&[("domain", "example.net"), ("adminContactID", "SBX-1001")])
        }
        "domain/gluerecordcreate" => one(&[
            ("domain", "example.net"),
            ("name", "ns9"),
            ("ipv4", "192.0.2.9"),
        ]),
        "domain/gluerecordupdate" => one(&[
            ("domain", "example.net"),
            ("name", "ns9"),
            ("ipv4", "192.0.2.10"),
        ]),
        "domain/gluerecorddelete" => one(&[("domain", "example.net"), ("name", "ns9")]),
        "domain/getauthcode" => one(&[("domain", "example.net")]),
        "domain/getnameservers"
        | "domain/getgluerecords"
        | "domain/getdnssec"
        | "domain/whois"
        | "domain/gethistory" => one(&[("domain", "example.com")]),
        "domain/resendverificationmail" => one(&[("domain", "example.com")]),
        "domain/dnsseccreate" | "domain/dnssecdelete" => one(&[
            ("domain", "example.org"),
            ("keytag", "2371"),
            ("algorithm", "13"),
            ("digesttype", "2"),
            ("digest", "1F987CC6583E92DF0890718C42"),
        ]),
        "domain/renew" => one(&[("domain", "example.org"), ("curExpDate", "CUR_EXP")]),
        "contact/create" => one(contact),
        "contact/resendverificationmail" => one(&[("contactID", "SBX-1002")]),
        "contact/getinfo" => one(&[("contactID", "SBX-1001"), ("infoType", "data")]),
        _ => module_calls(info.path),
    }
}

/// The ID of the demo SSL certificate.
pub const SSL_ID: &str = "1015";

/// Calls of the service, ssl and user modules, on the demo data set (`example.com` hosting
/// with entities `SRV-1008`...; certificate 1015; user `webmaster`). `CSR` is replaced by a
/// request made with `ssl/csrcreate` at run time.
fn module_calls(path: &str) -> Vec<Vec<(&'static str, &'static str)>> {
    let svc = ("serviceName", "example.com");
    let form: &[(&str, &str)] = match path {
        "service/ftplist"
        | "service/ddbblist"
        | "service/subdomainlist"
        | "service/redirectlist"
        | "service/maillist"
        | "service/mailaliaslist"
        | "service/dnslist"
        | "service/parkinggetinfo"
        | "service/dnsrestore" => &[svc],
        "service/ftpgetinfo" | "service/ftpdelete" => &[svc, ("entityID", "SRV-1008")],
        "service/ftpcreate" => &[
            svc,
            ("name", "deploy"),
            ("ftpPath", "/deploy"),
            ("password", "Deploy-2024x"),
        ],
        "service/ftpupdate" => &[
            svc,
            ("entityID", "SRV-1008"),
            ("ftpPath", "/public2"),
            ("password", "Changed-2024x"),
        ],
        "service/ddbbgetinfo" | "service/ddbbdelete" => &[svc, ("entityID", "SRV-1009")],
        "service/ddbbcreate" => &[svc, ("password", "Db-pass-2024")],
        "service/ddbbupdate" => &[
            svc,
            ("entityID", "SRV-1009"),
            ("password", "Db-pass-2025"),
            ("externalAccess", "true"),
        ],
        "service/subdomaingetinfo" | "service/subdomaindelete" => &[svc, ("entityID", "SRV-1010")],
        "service/subdomaincreate" => &[svc, ("name", "shop"), ("ftpPath", "/shop")],
        "service/subdomainupdate" => &[svc, ("entityID", "SRV-1010"), ("ftpPath", "/blog2")],
        "service/redirectgetinfo" | "service/redirectdelete" => &[svc, ("entityID", "SRV-1011")],
        "service/redirectcreate" => &[
            svc,
            ("origin", "http://old.example.com/"),
            ("destination", "https://example.com/"),
            ("type", "301"),
        ],
        "service/redirectupdate" => &[
            svc,
            ("entityID", "SRV-1011"),
            ("destination", "https://example.net/"),
            ("type", "302"),
        ],
        "service/mailgetinfo" | "service/maildelete" => &[svc, ("entityID", "SRV-1012")],
        "service/mailcreate" => &[svc, ("name", "support"), ("password", "Support-2024x")],
        "service/mailupdate" => &[svc, ("entityID", "SRV-1012"), ("password", "Info-2025-new")],
        "service/mailaliasgetinfo" | "service/mailaliasdelete" => &[svc, ("entityID", "SRV-1013")],
        "service/mailaliascreate" => &[svc, ("name", "team"), ("target", "jane@example.org")],
        "service/mailaliasupdate" => &[
            svc,
            ("entityID", "SRV-1013"),
            ("target", "jane@example.org,bob@example.org"),
        ],
        "service/dnsgetinfo" | "service/dnsdelete" => &[svc, ("entityID", "SRV-D4")],
        "service/dnscreate" => &[
            svc,
            ("name", "_acme-challenge"),
            ("type", "TXT"),
            ("value", "token-123"),
        ],
        "service/dnsupdate" => &[svc, ("entityID", "SRV-D1"), ("value", "192.0.2.99")],
        "service/create" => &[
            ("serviceName", "new-hosting.com"),
            ("productkey", "basic"),
            ("period", "1"),
        ],
        "service/renew" => &[svc, ("period", "1")],
        "service/upgrade" => &[svc, ("productkey", "advanced")],
        "service/update" => &[
            svc,
            ("updateType", "renewalMode"),
            ("renewalMode", "manual"),
        ],
        "service/parkingupdate" => &[svc, ("enabled", "true")],
        "service/webconstructorlogin" => &[svc, ("subdomain", "www")],
        "service/dnssetzone" => &[svc, ("dnsZoneData", ZONE)],
        "service/dnsdeleteall" => &[("serviceName", "example.net")],
        "ssl/csrdecode" => &[("csrData", "CSR")],
        "ssl/csrcreate" => &[
            ("commonName", "www.example.org"),
            ("organizationName", "Example"),
            ("organizationalUnitName", "IT"),
            ("countryName", "ES"),
            ("stateOrProvinceName", "Barcelona"),
            ("localityName", "Barcelona"),
            ("emailAddress", "it@example.org"),
        ],
        "ssl/productgetinfo" => &[("productID", "1")],
        "ssl/create" => &[
            ("csrData", "CSR"),
            ("productID", "1"),
            ("period", "1"),
            ("adminContactID", "SBX-1001"),
            ("techContactID", "SBX-1001"),
        ],
        "ssl/renew" => &[
            ("csrData", "CSR-WWW"),
            ("certificateID", SSL_ID),
            ("period", "1"),
            ("adminContactID", "SBX-1001"),
            ("techContactID", "SBX-1001"),
        ],
        "ssl/reissue" => &[
            ("csrData", "CSR-A"),
            ("certificateID", "CERT-A"),
            ("validationMethod", "dns"),
        ],
        "ssl/multidomainaddsan" => &[("certificateID", "CERT-B"), ("extraSAN", "c.example.org")],
        "ssl/getvalidationemails" => &[("commonName", "www.example.org")],
        "ssl/changevalidationmethod" => &[
            ("certificateID", "NEW"),
            ("commonName", "www.example.org"),
            ("validationMethod", "mail"),
        ],
        "ssl/resendvalidationmail" => {
            &[("certificateID", "NEW"), ("commonName", "www.example.org")]
        }
        "user/create" => &[("username", "editor"), ("password", "Editor-2024x")],
        "user/getinfo" | "user/delete" => &[("username", "webmaster")],
        "user/updatestatus" => &[("username", "webmaster"), ("status", "disabled")],
        "user/updatepassword" => &[("username", "webmaster"), ("password", "Webmaster-2025")],
        "user/adddomain" => &[
            ("username", "webmaster"),
            ("domainName", "example.net"),
            ("domain_dns", "write"),
        ],
        "user/updatedomain" => &[
            ("username", "webmaster"),
            ("domainName", "example.net"),
            ("domain_dns", "read"),
        ],
        "user/deletedomain" => &[("username", "webmaster"), ("domainName", "example.net")],
        other => panic!("no call written for `{other}`: add one to tests/every_action.rs"),
    };
    vec![form.to_vec()]
}

/// A zone for `service/dnssetzone`: base64 of `[{"name":"@","type":"A","value":"192.0.2.1"}]`.
const ZONE: &str = "W3sibmFtZSI6IkAiLCJ0eXBlIjoiQSIsInZhbHVlIjoiMTkyLjAuMi4xIn1d";

/// Runs one raw call and returns its `responseData`, failing the test on an error.
pub async fn data(
    client: &dondominio::Client,
    action: Action,
    form: &[(&str, &str)],
) -> serde_json::Value {
    let pairs: Vec<(String, String)> = form
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect();
    let envelope = client
        .call_raw(action, &pairs)
        .await
        .unwrap_or_else(|e| panic!("set-up call {action}: {e}"));
    envelope.response_data
}

/// A CSR for `name`, made by the sandbox.
pub async fn csr(client: &dondominio::Client, name: &str) -> String {
    let made = data(
        client,
        Action::SslCsrcreate,
        &[
            ("commonName", name),
            ("organizationName", "Example"),
            ("organizationalUnitName", "IT"),
            ("countryName", "ES"),
            ("stateOrProvinceName", "Barcelona"),
            ("localityName", "Barcelona"),
            ("emailAddress", "it@example.org"),
        ],
    )
    .await;
    made["csrData"].as_str().unwrap_or_default().to_owned()
}

/// Orders a multi-domain certificate for `name`; its ID.
pub async fn multi_domain_certificate(client: &dondominio::Client, name: &str) -> String {
    let request = csr(client, name).await;
    let ordered = data(
        client,
        Action::SslCreate,
        &[
            ("csrData", &request),
            ("productID", "3"),
            ("adminContactID", "SBX-1001"),
            ("techContactID", "SBX-1001"),
        ],
    )
    .await;
    ordered["ssl"]["certificateID"].to_string()
}

/// The values the calls' placeholders stand for (`CSR`, `CERT-A`...), made by set-up calls
/// on `sandbox` (it also moves the clock two days, so that two certificates are issued).
pub async fn setup(
    sandbox: &Sandbox,
    client: &dondominio::Client,
) -> HashMap<&'static str, String> {
    let mut values: HashMap<&'static str, String> = HashMap::new();
    values.insert("CSR", csr(client, "www.example.org").await);
    values.insert("CSR-WWW", csr(client, "www.example.com").await);
    values.insert("CSR-A", csr(client, "a.example.org").await);
    values.insert(
        "CERT-A",
        multi_domain_certificate(client, "a.example.org").await,
    );
    values.insert(
        "CERT-B",
        multi_domain_certificate(client, "b.example.org").await,
    );
    sandbox.advance_clock(USER, 2).expect("clock");
    values.insert(
        "CERT-P",
        multi_domain_certificate(client, "p.example.org").await,
    );
    values
}

/// A call's form with its placeholders replaced: `CUR_EXP` by the current expiry date of
/// `example.org`, the others from `values`.
pub fn resolve(
    form: &[(&str, &str)],
    values: &HashMap<&'static str, String>,
    sandbox: &Sandbox,
) -> Vec<(String, String)> {
    form.iter()
        .map(|(k, v)| {
            let v = match *v {
                // The renewal guard needs the domain's current expiry date.
                "CUR_EXP" => sandbox
                    .account(USER)
                    .and_then(|a| a.domains.get("example.org").map(|d| d.ts_expir.to_string()))
                    .unwrap_or_default(),
                other => values
                    .get(other)
                    .cloned()
                    .unwrap_or_else(|| other.to_owned()),
            };
            ((*k).to_owned(), v)
        })
        .collect()
}
