//! SSL certificates over HTTP through the strict typed client: orders charge the balance and
//! are issued when the clock moves, reissue and SANs, renewals, validation, every `infoType`,
//! refusals that change nothing, and every `ssl/*` action decoded strictly.

mod common;

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use dondominio::ssl::{
    GetinfoResponse, SslAltName, SslInfoType, SslStatus, SslValidationMethod, SslValidationType,
};
use dondominio::types::Contact;
use dondominio_sandbox::Sandbox;

use common::pair::{account, code, sandbox, TestResult};

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-6
}

/// A CSR made by the sandbox's own tool.
async fn csr_for(client: &dondominio::Client, cn: &str) -> Result<String, dondominio::Error> {
    let r = client
        .ssl()
        .csrcreate(
            cn,
            "Example S.L.",
            "IT",
            "ES",
            "Barcelona",
            "Barcelona",
            "admin@example.com",
        )
        .await?;
    Ok(r.csr_data)
}

/// A real CSR (the manual's example, CommonName `example.domain.com`).
const REAL_CSR: &str = "-----BEGIN CERTIFICATE REQUEST-----\nMIIC7zCCAdcCAQAwgakxGzAZBgNVBAMMEmV4YW1wbGUuZG9tYWluLmNvbTEbMBkG\nA1UECgwSVGVjaCBTb2x1dGlvbnMgSW5jMRowGAYDVQQLDBFHb3RoYW0gRGVwYXJ0\nbWVudDELMAkGA1UEBhMCVVMxEDAOBgNVBAgMB0FyaXpvbmExETAPBgNVBAcMCEJh\ncGNodWxlMR8wHQYJKoZIhvcNAQkBFhBpbmZvQGV4YW1wbGUuY29tMIIBIjANBgkq\nhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA6HWtKvCB/v/bE5mD9ZpQuuI1Hbx9FsvJ\nO4mFUj+1kzH4bJTIWEKt3qiwpy+HirqonHvgriXyZyq52uhJANrXh13c2qJrd5zQ\ndL2Cvi301+C7QH5grA2RfMxNAfLRDEOYI+uw5xxMM8YNZexJeQlAmq6bFPZUUqEO\nw4JzT4kw1HK6umxV8ycOyOh50gYckzdzlrOHDrdCJ3+H31CFCRjEe3KVTcvpG6Nf\nI5czXLIUYWmHw7i9e0uQIbBMiDkMRVQ9RvS5rjPK+kHPLHblapAJPs2xm5Ow+FSg\n805uDqmjZ1sz7u1aw9cPkNGDmHXTyStJu440byRnZtto7dIFF8pKcQIDAQABoAAw\nDQYJKoZIhvcNAQEFBQADggEBAHVPoIXS0vtwt8QoQ7iAoa9T+Ypn7hEErbw1amLT\nrYy5GtzIN6fesTZcCv/1OuOXTQFXQYGMtVVjUCsF50qLdaHRV8jTl7f0b9raP+Fv\nb7d0VLtQx3o3LeSR4IS/C7VpxXqm6lSOSs2R6W5eZ0ot+4K+8wxJZmaY4trCe2dY\nOVrEcQbLIWc1lTl71wrbIIzyfiGz9xAK+/Sqf8uv8wtylcTvL1pgBUVJ7XcFzSsl\nBBGXsjseGF9+/uIZH0mEgO8GN0UC+deNc71KZTwhpuFwo/hXF7sJtGVt5szX8HBD\nJ724/s79fnNYwqowoKBXm1bIMZS2D0IEX/M7nX2/u1EQE0k=\n-----END CERTIFICATE REQUEST-----";

/// The demo certificate of the account (`www.example.com`).
fn demo_cert_id(sb: &Sandbox) -> i64 {
    account(sb)
        .certificates
        .values()
        .find(|c| c.common_name == "www.example.com")
        .map(|c| c.id)
        .unwrap_or_default()
}

#[tokio::test]
async fn an_order_is_charged_listed_and_issued_a_day_later() -> TestResult {
    let sb = sandbox()?;
    let client = sb.client("u")?;
    let price = client
        .ssl()
        .productgetinfo(1)
        .await?
        .create
        .map(|p| p.create);
    assert_eq!(price, Some(9.95));
    let before = account(&sb).balance;
    let csr = csr_for(&client, "shop.example.com").await?;
    let order = client.ssl().create(csr, 1, "SBX-1001").await?;
    assert!(close(order.billing.total, 9.95));
    assert_eq!(order.ssl.status, SslStatus::Process);
    assert_eq!(order.ssl.common_name, "shop.example.com");
    assert_eq!(order.ssl.ts_create, None);
    assert!(close(account(&sb).balance, before - 9.95));
    let id = order.ssl.certificate_id;

    let listed = client.ssl().list().common_name("shop.example.com").await?;
    assert_eq!(listed.query_info.total, 1);
    assert_eq!(listed.ssl[0].certificate_id, id);
    assert_eq!(listed.ssl[0].status, SslStatus::Process);

    match client
        .ssl()
        .getinfo(id)
        .info_type(SslInfoType::ValidationStatus)
        .await?
    {
        GetinfoResponse::ValidationStatus(v) => {
            let dcv = &v.validation_data.dcv["shop.example.com"];
            assert!(!dcv.validated);
            assert_eq!(dcv.method, SslValidationMethod::Dns);
            let text = dcv.checkvalue.as_str().unwrap_or_default();
            assert!(text.contains("shop.example.com CNAME"), "{text}");
            assert!(v.validation_data.external_validation);
        }
        other => panic!("wrong variant: {other:?}"),
    }
    // Not issued yet: no files.
    let err = client
        .ssl()
        .getinfo(id)
        .info_type(SslInfoType::Ssldata)
        .await
        .err()
        .ok_or("files of a certificate in process")?;
    assert_eq!(code(&err), Some(5000));

    sb.advance_clock("u", 2)?;
    let GetinfoResponse::Status(s) = client.ssl().getinfo(id).await? else {
        panic!("status variant expected");
    };
    assert_eq!(s.status, SslStatus::Valid);
    let (from, to) = (s.ts_create.ok_or("issued")?, s.ts_expir.ok_or("expiry")?);
    assert_eq!(to, from + chrono::Months::new(12));
    let valid = client.ssl().list().status(SslStatus::Valid).await?;
    assert!(valid.ssl.iter().any(|c| c.certificate_id == id));
    // The validation is over.
    let err = client
        .ssl()
        .getinfo(id)
        .info_type(SslInfoType::ValidationStatus)
        .await
        .err()
        .ok_or("validation of a valid certificate")?;
    assert_eq!(code(&err), Some(5000));
    Ok(())
}

#[tokio::test]
async fn multi_domain_orders_reissues_and_extra_names() -> TestResult {
    let sb = sandbox()?;
    let client = sb.client("u")?;
    let before = account(&sb).balance;
    let csr = csr_for(&client, "example.com").await?;
    let order = client
        .ssl()
        .create(csr.clone(), 3, "SBX-1001")
        .alt_names(vec![
            SslAltName::new("www.example.com", SslValidationMethod::Http),
            SslAltName::new("mail.example.com", SslValidationMethod::Dns),
        ])
        .await?;
    // Three names are included in the product: only its price.
    assert!(close(order.billing.total, 45.0));
    assert!(close(account(&sb).balance, before - 45.0));
    assert_eq!(
        order.ssl.alternative_names,
        ["example.com", "www.example.com", "mail.example.com"]
    );
    assert_eq!(order.ssl.san_max_domains, Some(250));
    let id = order.ssl.certificate_id;
    let state = account(&sb);
    let cert = &state.certificates[&id];
    assert_eq!(
        cert.validation["www.example.com"].method,
        SslValidationMethod::Http
    );

    // Reissue is for valid certificates only.
    let err = client
        .ssl()
        .reissue(csr.clone(), id)
        .await
        .err()
        .ok_or("reissue in process")?;
    assert_eq!(code(&err), Some(5000));
    sb.advance_clock("u", 1)?;

    let re = client
        .ssl()
        .reissue(csr.clone(), id)
        .validation_method(SslValidationMethod::Https)
        .alt_names(vec![
            SslAltName::new("shop.example.com", SslValidationMethod::Dns),
            SslAltName::new("blog.example.com", SslValidationMethod::Http),
        ])
        .await?;
    assert_eq!(re.status, SslStatus::Reissue);
    assert_eq!(
        re.alternative_names,
        ["example.com", "shop.example.com", "blog.example.com"]
    );
    let state = account(&sb);
    let cert = &state.certificates[&id];
    assert_eq!(
        cert.validation["example.com"].method,
        SslValidationMethod::Https
    );
    assert_eq!(
        cert.validation["blog.example.com"].method,
        SslValidationMethod::Http
    );
    assert!(!cert.validation.contains_key("www.example.com"));
    sb.advance_clock("u", 1)?;

    // A fourth name was not paid for: refused, nothing changes.
    let before = account(&sb);
    let err = client
        .ssl()
        .reissue(csr.clone(), id)
        .alt_names(
            ["a", "b", "c"]
                .iter()
                .map(|n| SslAltName::new(format!("{n}.example.com"), SslValidationMethod::Dns))
                .collect(),
        )
        .await
        .err()
        .ok_or("reissue beyond the names paid")?;
    assert_eq!(code(&err), Some(5000));
    assert_eq!(account(&sb), before);

    // Buying it: the SAN price, and the certificate is issued again with it.
    let added = client
        .ssl()
        .multidomainaddsan(id, "api.example.com")
        .await?;
    assert!(close(added.billing.total, 25.0));
    assert!(close(account(&sb).balance, before.balance - 25.0));
    assert_eq!(added.ssl.status, SslStatus::Reissue);
    assert!(added
        .ssl
        .alternative_names
        .contains(&"api.example.com".to_owned()));
    // Now four names fit a reissue.
    sb.advance_clock("u", 1)?;
    let re = client
        .ssl()
        .reissue(csr, id)
        .alt_names(
            ["a", "b", "c"]
                .iter()
                .map(|n| SslAltName::new(format!("{n}.example.com"), SslValidationMethod::Dns))
                .collect(),
        )
        .await?;
    assert_eq!(re.alternative_names.len(), 4);
    // The same name twice is refused.
    let err = client
        .ssl()
        .multidomainaddsan(id, "a.example.com")
        .await
        .err()
        .ok_or("a name already covered")?;
    assert_eq!(code(&err), Some(5000));
    Ok(())
}

#[tokio::test]
async fn short_balance_is_refused_with_no_change() -> TestResult {
    let sb = sandbox()?;
    let client = sb.client("u")?;
    let csr = csr_for(&client, "*.example.com").await?;
    // 89 a year for five years, twice, then one year: 979 of the 1000.
    for _ in 0..2 {
        client
            .ssl()
            .create(csr.clone(), 2, "SBX-1001")
            .period(5)
            .await?;
    }
    client.ssl().create(csr.clone(), 2, "SBX-1001").await?;
    let before = account(&sb);
    assert!(close(before.balance, 21.0));
    let err = client
        .ssl()
        .create(csr.clone(), 2, "SBX-1001")
        .period(5)
        .await
        .err()
        .ok_or("an order the balance does not cover")?;
    assert_eq!(code(&err), Some(1100));
    assert_eq!(account(&sb), before);
    // A renewal is charged as well.
    let cert = demo_cert_id(&sb);
    let www = csr_for(&client, "www.example.com").await?;
    let err = client
        .ssl()
        .renew(www, cert, "SBX-1001")
        .period(5)
        .await
        .err()
        .ok_or("a renewal the balance does not cover")?;
    assert_eq!(code(&err), Some(1100));
    assert_eq!(account(&sb), before);
    Ok(())
}

#[tokio::test]
async fn refusals_change_nothing() -> TestResult {
    let sb = sandbox()?;
    let client = sb.client("u")?;
    let ssl = client.ssl();
    let csr = csr_for(&client, "shop.example.com").await?;
    let before = account(&sb);
    let demo = demo_cert_id(&sb);

    let unknown = 424_242;
    let errors = [
        ssl.getinfo(unknown).await.err(),
        ssl.renew(csr.clone(), unknown, "SBX-1001").await.err(),
        ssl.reissue(csr.clone(), unknown).await.err(),
        ssl.multidomainaddsan(unknown, "a.example.com").await.err(),
        ssl.changevalidationmethod(unknown, "shop.example.com", SslValidationMethod::Dns)
            .await
            .err(),
        ssl.resendvalidationmail(unknown, "shop.example.com")
            .await
            .err(),
    ];
    for e in &errors {
        assert_eq!(e.as_ref().and_then(code), Some(5001), "{e:?}");
    }

    let refused = [
        // Unknown product.
        ssl.create(csr.clone(), 99, "SBX-1001").await.err(),
        // Not a CSR.
        ssl.create("hello", 1, "SBX-1001").await.err(),
        // A wildcard name on a single-name product, and the other way round.
        ssl.create(csr_for(&client, "*.example.com").await?, 1, "SBX-1001")
            .await
            .err(),
        ssl.create(csr.clone(), 2, "SBX-1001").await.err(),
        // Alternative names on a single-name product.
        ssl.create(csr.clone(), 1, "SBX-1001")
            .alt_names(vec![SslAltName::new(
                "www.example.com",
                SslValidationMethod::Dns,
            )])
            .await
            .err(),
        // A malformed alternative name.
        ssl.create(csr.clone(), 3, "SBX-1001")
            .alt_names(vec![SslAltName::new(
                "not a name",
                SslValidationMethod::Dns,
            )])
            .await
            .err(),
        // The demo certificate is single-name; it is valid, but its CSR must match.
        ssl.multidomainaddsan(demo, "a.example.com").await.err(),
        ssl.reissue(csr.clone(), demo).await.err(),
        ssl.renew(csr.clone(), demo, "SBX-1001").await.err(),
        // Validation calls on a valid certificate.
        ssl.changevalidationmethod(demo, "www.example.com", SslValidationMethod::Http)
            .await
            .err(),
        ssl.resendvalidationmail(demo, "www.example.com")
            .await
            .err(),
    ];
    for (i, e) in refused.iter().enumerate() {
        let c = e.as_ref().and_then(code);
        assert!(matches!(c, Some(5000) | Some(105)), "case {i}: {e:?}");
    }
    // OV products need the organisation contact; contacts must exist.
    let e = ssl.create(csr.clone(), 4, "SBX-1001").await.err();
    assert_eq!(e.as_ref().and_then(code), Some(101), "{e:?}");
    let e = ssl.create(csr.clone(), 1, "SBX-9999").await.err();
    assert_eq!(e.as_ref().and_then(code), Some(3001), "{e:?}");
    let e = ssl.create(csr.clone(), 1, "SBX-1001").period(9).await.err();
    assert_eq!(e.as_ref().and_then(code), Some(105), "{e:?}");
    assert_eq!(account(&sb), before);

    // A certificate in process: names must be its own, reissue waits.
    let order = ssl.create(csr.clone(), 1, "SBX-1001").await?;
    let id = order.ssl.certificate_id;
    let after = account(&sb);
    let e = ssl
        .changevalidationmethod(id, "other.example.com", SslValidationMethod::Http)
        .await
        .err();
    assert_eq!(e.as_ref().and_then(code), Some(5000));
    let e = ssl.reissue(csr.clone(), id).await.err();
    assert_eq!(e.as_ref().and_then(code), Some(5000));
    let e = ssl.renew(csr, id, "SBX-1001").await.err();
    assert_eq!(e.as_ref().and_then(code), Some(5000));
    assert_eq!(account(&sb), after);
    // Another account does not see it.
    let e = sb.client("v")?.ssl().getinfo(id).await.err();
    assert_eq!(e.as_ref().and_then(code), Some(5001));
    Ok(())
}

#[tokio::test]
async fn contacts_sent_in_full_are_checked_and_not_kept() -> TestResult {
    let sb = sandbox()?;
    let client = sb.client("u")?;
    let csr = csr_for(&client, "full.example.com").await?;
    let person = |phone: &str| -> Result<Contact, dondominio::Error> {
        Ok(Contact::Data(
            dondominio::types::ContactData::builder()
                .kind(dondominio::types::ContactType::Individual)
                .first_name("Ann")
                .last_name("Lee")
                .ident_number("12345678Z")
                .email("ann@example.com")
                .phone(phone)
                .address("Main St 1")
                .postal_code("08001")
                .city("Barcelona")
                .state("Barcelona")
                .country("ES")
                .build()?,
        ))
    };
    let before = account(&sb);
    let e = client
        .ssl()
        .create(csr.clone(), 1, person("931234567")?)
        .await
        .err();
    assert_eq!(e.as_ref().and_then(code), Some(3002), "{e:?}");
    assert_eq!(account(&sb), before);
    // An OV product with the organisation given in full.
    let order = client
        .ssl()
        .create(csr, 4, person("+34.931234567")?)
        .org_contact(person("+34.931234567")?)
        .await?;
    assert!(close(order.billing.total, 49.0));
    assert_eq!(account(&sb).contacts, before.contacts);
    let GetinfoResponse::ValidationStatus(v) = client
        .ssl()
        .getinfo(order.ssl.certificate_id)
        .info_type(SslInfoType::ValidationStatus)
        .await?
    else {
        panic!("validationStatus variant expected");
    };
    assert_eq!(v.validation_data.organization_validation_status, "pending");
    Ok(())
}

#[tokio::test]
async fn the_demo_certificate_renews_and_its_expiry_moves() -> TestResult {
    let sb = sandbox()?;
    let client = sb.client("u")?;
    let id = demo_cert_id(&sb);
    let renewable = client.ssl().list().renewable(true).await?;
    assert_eq!(
        renewable
            .ssl
            .iter()
            .map(|c| c.certificate_id)
            .collect::<Vec<_>>(),
        [id]
    );
    let old = account(&sb).certificates[&id].ts_expir.ok_or("expiry")?;
    let before = account(&sb).balance;
    let csr = csr_for(&client, "www.example.com").await?;
    let r = client.ssl().renew(csr, id, "SBX-1001").period(2).await?;
    assert!(close(r.billing.total, 19.90));
    assert!(close(account(&sb).balance, before - 19.90));
    assert_eq!(r.ssl.status, SslStatus::Renew);
    assert!(!r.ssl.renewable);
    sb.advance_clock("u", 1)?;
    let GetinfoResponse::Status(s) = client.ssl().getinfo(id).await? else {
        panic!("status variant expected");
    };
    assert_eq!(s.status, SslStatus::Valid);
    assert_eq!(s.ts_expir, Some(old + chrono::Months::new(24)));
    Ok(())
}

#[tokio::test]
async fn trial_certificates_expire_after_ninety_days() -> TestResult {
    let sb = sandbox()?;
    let client = sb.client("u")?;
    let before = account(&sb).balance;
    let csr = csr_for(&client, "try.example.com").await?;
    let order = client.ssl().create(csr.clone(), 6, "SBX-1001").await?;
    assert!(close(order.billing.total, 0.0));
    assert!(close(account(&sb).balance, before));
    let id = order.ssl.certificate_id;
    sb.advance_clock("u", 1)?;
    let c = account(&sb).certificates[&id].clone();
    assert_eq!(c.status, SslStatus::Valid);
    let (from, to) = (c.ts_create.ok_or("issued")?, c.ts_expir.ok_or("expiry")?);
    assert_eq!((to - from).num_days(), 90);
    sb.advance_clock("u", 90)?;
    let listed = client.ssl().list().status(SslStatus::Expired).await?;
    let cert = listed
        .ssl
        .iter()
        .find(|c| c.certificate_id == id)
        .ok_or("expired certificate listed")?;
    // A trial is not renewed.
    assert!(!cert.renewable);
    let e = client.ssl().renew(csr, id, "SBX-1001").await.err();
    assert_eq!(e.as_ref().and_then(code), Some(5000));
    Ok(())
}

#[tokio::test]
async fn validation_methods_change_and_mail_is_resent() -> TestResult {
    let sb = sandbox()?;
    let client = sb.client("u")?;
    let emails = client
        .ssl()
        .getvalidationemails("www.example.com")
        .include_alternative_methods(false)
        .await?;
    assert_eq!(emails.val_methods.len(), 5);
    assert!(emails.val_methods.contains(&"admin@example.com".to_owned()));
    let all = client.ssl().getvalidationemails("example.com").await?;
    assert_eq!(&all.val_methods[..3], ["dns", "http", "https"]);

    let csr = csr_for(&client, "mail.example.com").await?;
    let order = client
        .ssl()
        .create(csr, 1, "SBX-1001")
        .validation_method(SslValidationMethod::Mail)
        .await?;
    let id = order.ssl.certificate_id;
    let sent = client
        .ssl()
        .resendvalidationmail(id, "mail.example.com")
        .await?;
    let dcv = &sent.validation_data.dcv["mail.example.com"];
    assert_eq!(dcv.method, SslValidationMethod::Mail);
    assert_eq!(dcv.checkvalue, "admin@mail.example.com");

    let changed = client
        .ssl()
        .changevalidationmethod(id, "mail.example.com", SslValidationMethod::Http)
        .await?;
    let dcv = &changed.validation_data.dcv["mail.example.com"];
    assert_eq!(dcv.method, SslValidationMethod::Http);
    let link = dcv.checkvalue["link"].as_str().unwrap_or_default();
    assert!(
        link.starts_with("http://mail.example.com/.well-known/pki-validation/"),
        "{link}"
    );
    assert_eq!(
        account(&sb).certificates[&id].validation["mail.example.com"].method,
        SslValidationMethod::Http
    );
    // No longer by mail: nothing to resend.
    let e = client
        .ssl()
        .resendvalidationmail(id, "mail.example.com")
        .await
        .err();
    assert_eq!(e.as_ref().and_then(code), Some(5000));
    Ok(())
}

#[tokio::test]
async fn csr_tools_read_real_and_made_requests() -> TestResult {
    let sb = sandbox()?;
    let client = sb.client("u")?;
    let made = client
        .ssl()
        .csrcreate(
            "secure.example.org",
            "Widgets Ltd",
            "Web",
            "gb",
            "London",
            "London",
            "ops@example.org",
        )
        .await?;
    assert!(made
        .csr_data
        .starts_with("-----BEGIN CERTIFICATE REQUEST-----\n"));
    assert!(made.csr_key.starts_with("-----BEGIN PRIVATE KEY-----\n"));
    assert_eq!(made.country_name, "GB");
    let decoded = client.ssl().csrdecode(made.csr_data.clone()).await?;
    assert_eq!(decoded.common_name, "secure.example.org");
    assert_eq!(decoded.organization_name, "Widgets Ltd");
    assert_eq!(decoded.organizational_unit_name, "Web");
    assert_eq!(decoded.country_name, "GB");
    assert_eq!(decoded.locality_name, "London");
    assert_eq!(decoded.email_address, "ops@example.org");

    let real = client.ssl().csrdecode(REAL_CSR).await?;
    assert_eq!(real.common_name, "example.domain.com");
    assert_eq!(real.organization_name, "Tech Solutions Inc");
    assert_eq!(real.state_or_province_name, "Arizona");
    assert_eq!(real.email_address, "info@example.com");

    // A PEM block that cannot be read: the manual's answer, with the text sent.
    let odd = "-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----";
    let example = client.ssl().csrdecode(odd).await?;
    assert_eq!(example.csr_data, odd);
    assert_eq!(example.common_name, "example.domain.com");
    // Not a CSR at all.
    let e = client.ssl().csrdecode("hello").await.err();
    assert_eq!(e.as_ref().and_then(code), Some(5000));
    // Ordering with a real CSR uses its CommonName.
    let order = client.ssl().create(REAL_CSR, 1, "SBX-1001").await?;
    assert_eq!(order.ssl.common_name, "example.domain.com");
    Ok(())
}

#[tokio::test]
async fn products_and_certificates_filter_and_page() -> TestResult {
    let sb = sandbox()?;
    let client = sb.client("u")?;
    let all = client.ssl().productlist().await?;
    assert_eq!(all.query_info.total, 6);
    let multi = client.ssl().productlist().multidomain(true).await?;
    assert_eq!(multi.products.len(), 1);
    assert_eq!(multi.products[0].san_price, Some(25.0));
    let wild = client.ssl().productlist().wildcard(true).await?;
    assert!(wild.products.iter().all(|p| p.is_wildcard));
    let ev = client
        .ssl()
        .productlist()
        .validation_type(SslValidationType::Ev)
        .await?;
    assert_eq!(ev.products.len(), 1);
    let trial = client.ssl().productlist().trial(true).await?;
    assert_eq!(trial.products[0].trial_period.as_deref(), Some("90 days"));
    assert!(trial.products[0].create.is_none());
    let page = client.ssl().productlist().page_length(4).page(2).await?;
    assert_eq!((page.query_info.results, page.query_info.total), (2, 6));
    let e = client.ssl().productgetinfo(77).await.err();
    assert_eq!(e.as_ref().and_then(code), Some(5000));

    for cn in ["a.example.com", "b.example.com", "c.example.com"] {
        let csr = csr_for(&client, cn).await?;
        client.ssl().create(csr, 1, "SBX-1001").await?;
    }
    let list = client.ssl().list().page_length(2).page(2).await?;
    assert_eq!((list.query_info.total, list.ssl.len()), (4, 2));
    let by_product = client
        .ssl()
        .list()
        .product_id(1)
        .status(SslStatus::Process)
        .await?;
    assert_eq!(by_product.query_info.total, 3);
    let none = client.ssl().list().product_id(3).await?;
    assert_eq!(none.query_info.total, 0);
    Ok(())
}

#[tokio::test]
async fn every_ssl_action_answers_and_decodes_strictly() -> TestResult {
    let sb = sandbox()?;
    let client = sb.client("u")?;
    let ssl = client.ssl();
    ssl.productlist().await?;
    ssl.productgetinfo(3).await?;
    let made = ssl
        .csrcreate(
            "example.com",
            "Example",
            "IT",
            "ES",
            "Barcelona",
            "Barcelona",
            "a@example.com",
        )
        .await?;
    ssl.csrdecode(made.csr_data.clone()).await?;
    ssl.list().await?;
    let demo = demo_cert_id(&sb);
    for info in SslInfoType::VALUES {
        let r = ssl
            .getinfo(demo)
            .info_type(SslInfoType::from_wire(info))
            .pfxpass("secret")
            .await;
        if *info == "validationStatus" {
            assert_eq!(r.err().as_ref().and_then(code), Some(5000));
            continue;
        }
        let check = |content: &dondominio::ssl::SslFileContent| -> TestResult {
            if content.base64encoded {
                let bytes = STANDARD.decode(&content.data)?;
                let head: &[u8] = if content.name.ends_with(".zip") {
                    b"PK\x03\x04"
                } else {
                    &[0x30]
                };
                assert!(bytes.starts_with(head), "{}", content.name);
            } else {
                assert!(content.data.starts_with("-----BEGIN "), "{}", content.name);
            }
            Ok(())
        };
        match r? {
            GetinfoResponse::Status(s) => assert_eq!(s.status, SslStatus::Valid),
            GetinfoResponse::Ssldata(d) => {
                assert!(d.ssl_cert.starts_with("-----BEGIN CERTIFICATE-----"));
                assert!(d.ssl_key.starts_with("-----BEGIN PRIVATE KEY-----"));
                assert_eq!(d.ssl_cert_chain.len(), 1);
                assert_eq!(d.fingerprint.sha256.len(), 32 * 3 - 1);
            }
            GetinfoResponse::Pfx(f) => check(&f.content)?,
            GetinfoResponse::Der(f) => check(&f.content)?,
            GetinfoResponse::P7b(f) => check(&f.content)?,
            GetinfoResponse::Zip(f) => check(&f.content)?,
            GetinfoResponse::Pem(f) => check(&f.content)?,
            GetinfoResponse::ValidationStatus(_) => panic!("refused above"),
        }
    }
    let order = ssl
        .create(made.csr_data.clone(), 3, "SBX-1001")
        .key_data(made.csr_key.clone())
        .tech_contact(Contact::Id("SBX-1002".into()))
        .alt_names(vec![SslAltName::new(
            "www.example.com",
            SslValidationMethod::Mail,
        )])
        .await?;
    let id = order.ssl.certificate_id;
    let GetinfoResponse::ValidationStatus(_) = ssl
        .getinfo(id)
        .info_type(SslInfoType::ValidationStatus)
        .await?
    else {
        panic!("validationStatus variant expected");
    };
    ssl.resendvalidationmail(id, "www.example.com").await?;
    ssl.changevalidationmethod(id, "www.example.com", SslValidationMethod::Dns)
        .await?;
    ssl.getvalidationemails("example.com").await?;
    ssl.multidomainaddsan(id, "shop.example.com").await?;
    sb.advance_clock("u", 1)?;
    ssl.reissue(made.csr_data, id).await?;
    let www = csr_for(&client, "www.example.com").await?;
    ssl.renew(www, demo, "SBX-1001").await?;
    // The key sent with the order comes back with the certificate.
    sb.advance_clock("u", 1)?;
    let GetinfoResponse::Ssldata(d) = ssl.getinfo(id).info_type(SslInfoType::Ssldata).await? else {
        panic!("ssldata variant expected");
    };
    assert_eq!(d.ssl_key, made.csr_key);
    Ok(())
}

#[tokio::test]
async fn the_demo_account_has_a_valid_certificate() -> TestResult {
    let sb = Sandbox::start()?;
    let client = sb.client(dondominio_sandbox::DEFAULT_USER)?;
    let list = client.ssl().list().common_name("www.example.com").await?;
    assert_eq!(list.ssl.len(), 1);
    assert_eq!(list.ssl[0].status, SslStatus::Valid);
    assert_eq!(list.ssl[0].product_id, 1);
    // An empty account has none.
    let empty = Sandbox::builder().account("e", "e").empty().start()?;
    let list = empty.client("e")?.ssl().list().await?;
    assert_eq!(list.query_info.total, 0);
    Ok(())
}
