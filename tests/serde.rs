//! The serde side of the response types: every spec example decodes strictly, serializes to its
//! canonical wire form and decodes back to the same value; missing fields are filled and
//! reported; variant responses pick the variant the response is; the envelope keeps loosely
//! typed error fields.

use std::io::{Read, Write};

use dondominio::decode::{self, Mode};
use dondominio::{decode_response_with_report, Action, AnyResponse, DecodeOptions, Error};
use serde_json::{json, Value};

fn envelope(action: Action, data: Value) -> Vec<u8> {
    json!({"success": true, "errorCode": 0, "errorCodeMsg": "", "action": action.name(),
           "version": dondominio::API_VERSION, "responseData": data})
    .to_string()
    .into_bytes()
}

fn options(strict: bool, variant: Option<&str>) -> DecodeOptions {
    DecodeOptions {
        strict,
        variant: variant.map(str::to_owned),
    }
}

/// Every object key of `example` (recursively) is written back by `shown`, unless the example
/// sent an empty marker for it (`""`, `[]`, `null`: absent optional values, skipped on output).
fn keys_kept(example: &Value, shown: &Value, path: &str, lost: &mut Vec<String>) {
    match (example, shown) {
        (Value::Object(e), Value::Object(s)) => {
            for (k, v) in e {
                let empty = v.is_null() || v == &json!("") || v == &json!([]);
                match s.get(k) {
                    Some(sv) => keys_kept(v, sv, &format!("{path}/{k}"), lost),
                    None if empty => {}
                    None => lost.push(format!("{path}/{k}")),
                }
            }
        }
        (Value::Array(e), Value::Array(s)) => {
            for (i, (ev, sv)) in e.iter().zip(s).enumerate() {
                keys_kept(ev, sv, &format!("{path}/{i}"), lost);
            }
        }
        _ => {}
    }
}

#[test]
fn every_example_round_trips_through_its_canonical_wire_form() {
    let mut failures = Vec::new();
    let mut count = 0;
    for action in Action::all() {
        for ex in action.info().examples {
            count += 1;
            let opts = options(true, ex.variant);
            let first = match decode_response_with_report(action, ex.json.as_bytes(), &opts) {
                Ok(d) => d,
                Err(e) => {
                    failures.push(format!("{action} {:?}: {e}", ex.variant));
                    continue;
                }
            };
            assert!(first.report.is_clean(), "{action}: {:?}", first.report);
            let wire = serde_json::to_value(&first.value).unwrap();
            // The serialized form decodes strictly (no field outside the spec, none missing)...
            let again =
                match decode_response_with_report(action, &envelope(action, wire.clone()), &opts) {
                    Ok(d) => d.value,
                    Err(e) => {
                        failures.push(format!("{action} {:?}: wire form refused: {e}", ex.variant));
                        continue;
                    }
                };
            // ...to the same value, and keeps every key of the example under its wire name.
            if again != first.value {
                failures.push(format!(
                    "{action} {:?}: value changed on the round trip",
                    ex.variant
                ));
            }
            let example: Value = serde_json::from_str(ex.json).unwrap();
            let mut lost = Vec::new();
            keys_kept(&example["responseData"], &wire, "", &mut lost);
            if !lost.is_empty() {
                failures.push(format!("{action} {:?}: keys lost: {lost:?}", ex.variant));
            }
        }
    }
    assert!(count > 0);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[cfg(feature = "domain")]
mod domain {
    use super::*;
    use dondominio::domain::{GetinfoResponse, ListPlain};

    fn example(action: Action, variant: Option<&str>) -> Value {
        let ex = action.info().example(variant).unwrap();
        serde_json::from_str(ex.json).unwrap()
    }

    #[test]
    fn response_types_are_plain_serde_types() {
        let env = example(Action::DomainList, None);
        let data = env["responseData"].to_string();
        let list: ListPlain = serde_json::from_str(&data).unwrap();
        assert_eq!(list.domains[0].name, "exampledomain1.com");
        let text = serde_json::to_string(&list).unwrap();
        assert_eq!(serde_json::from_str::<ListPlain>(&text).unwrap(), list);

        // Strict through the runtime: the error names the path from the document's root.
        let mut bad = env["responseData"].clone();
        bad["domains"][1]["zzNew"] = json!(1);
        let bytes = bad.to_string();
        let lenient = decode::from_slice::<ListPlain>(bytes.as_bytes(), Mode::Lenient).unwrap();
        assert_eq!(lenient.report.unknown, ["domains/1/zzNew"]);
        assert_eq!(lenient.value.domains[1].extra["zzNew"], 1);
        let err = decode::from_slice::<ListPlain>(bytes.as_bytes(), Mode::Strict).unwrap_err();
        assert_eq!(err.path, "domains/1/zzNew");
    }

    #[test]
    fn missing_fields_are_filled_and_reported_leniently_and_refused_strictly() {
        // As seen in the wild: a contact without orgType and fax, and no admin contact.
        let mut env = example(Action::DomainGetinfo, Some("contact"));
        let data = env["responseData"].as_object_mut().unwrap();
        data.remove("contactAdmin");
        let owner = data["contactOwner"].as_object_mut().unwrap();
        owner.remove("orgType");
        owner.remove("fax");
        let body = env.to_string();

        let lenient = decode_response_with_report(
            Action::DomainGetinfo,
            body.as_bytes(),
            &options(false, Some("contact")),
        )
        .unwrap();
        let mut missing = lenient.report.missing.clone();
        missing.sort();
        assert_eq!(
            missing,
            ["contactAdmin", "contactOwner/fax", "contactOwner/orgType"]
        );
        let AnyResponse::DomainGetinfo(GetinfoResponse::Contact(c)) = &lenient.value else {
            panic!("not the contact variant: {:?}", lenient.value);
        };
        assert_eq!(c.contact_owner.fax, "");
        assert_eq!(c.contact_admin.contact_id, "");

        // Without the variant, the response is still recognised as the contact one.
        let guessed = decode_response_with_report(
            Action::DomainGetinfo,
            body.as_bytes(),
            &options(false, None),
        )
        .unwrap();
        assert_eq!(guessed.value, lenient.value);

        let err = decode_response_with_report(
            Action::DomainGetinfo,
            body.as_bytes(),
            &options(true, Some("contact")),
        )
        .unwrap_err();
        let Error::Decode { path, message, .. } = err else {
            panic!("expected a decode error, got {err:?}");
        };
        assert!(
            path.starts_with("contactOwner/") || path == "contactAdmin",
            "{path}"
        );
        assert!(message.contains("missing"), "{message}");
    }

    #[test]
    fn identifying_fields_stay_required_in_lenient_mode() {
        let mut env = example(Action::DomainList, None);
        env["responseData"]["domains"][1]
            .as_object_mut()
            .unwrap()
            .remove("domainID");
        let err = decode_response_with_report(
            Action::DomainList,
            env.to_string().as_bytes(),
            &options(false, None),
        )
        .unwrap_err();
        let Error::Decode { path, .. } = err else {
            panic!("expected a decode error, got {err:?}");
        };
        assert_eq!(path, "domains/1/domainID");
    }

    #[test]
    fn every_variant_example_is_recognised_without_the_variant() {
        for ex in Action::DomainGetinfo.info().examples {
            let named = decode_response_with_report(
                Action::DomainGetinfo,
                ex.json.as_bytes(),
                &options(true, ex.variant),
            )
            .unwrap();
            let guessed = decode_response_with_report(
                Action::DomainGetinfo,
                ex.json.as_bytes(),
                &options(true, None),
            )
            .unwrap();
            assert_eq!(guessed.value, named.value, "{:?}", ex.variant);
        }
    }

    #[test]
    fn a_variant_named_in_the_response_wins() {
        // The status example, echoing infoType=authcode, with the authcode field added: the
        // echo decides even though the status fields fit too.
        let mut env = example(Action::DomainGetinfo, Some("status"));
        env["responseData"]["infoType"] = json!("authcode");
        env["responseData"]["authcode"] = json!("X1");
        let r = decode_response_with_report(
            Action::DomainGetinfo,
            env.to_string().as_bytes(),
            &options(false, None),
        )
        .unwrap();
        assert!(
            matches!(
                r.value,
                AnyResponse::DomainGetinfo(GetinfoResponse::Authcode(_))
            ),
            "{:?}",
            r.value
        );
    }

    #[test]
    fn when_no_variant_decodes_the_error_is_the_closest_ones() {
        let mut env = example(Action::DomainGetinfo, Some("nameservers"));
        env["responseData"]["nameservers"][1]["order"] = json!("second");
        let err = decode_response_with_report(
            Action::DomainGetinfo,
            env.to_string().as_bytes(),
            &options(true, None),
        )
        .unwrap_err();
        let Error::Decode { path, .. } = err else {
            panic!("expected a decode error, got {err:?}");
        };
        assert_eq!(path, "nameservers/1/order");
    }

    /// A one-shot HTTP server on loopback answering `body` to the first request.
    fn serve_once(body: String) -> String {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        std::thread::spawn(move || {
            if let Ok((mut s, _)) = listener.accept() {
                let mut buf = [0u8; 65536];
                let mut req = Vec::new();
                // Read the head and the form body (small) before answering.
                while let Ok(n) = s.read(&mut buf) {
                    req.extend_from_slice(&buf[..n]);
                    let text = String::from_utf8_lossy(&req);
                    if let Some(head_end) = text.find("\r\n\r\n") {
                        let len = text[..head_end]
                            .lines()
                            .find_map(|l| {
                                let (k, v) = l.split_once(':')?;
                                k.eq_ignore_ascii_case("content-length")
                                    .then(|| v.trim().parse::<usize>().ok())?
                            })
                            .unwrap_or(0);
                        if req.len() >= head_end + 4 + len {
                            break;
                        }
                    }
                    if n == 0 {
                        break;
                    }
                }
                let head = format!(
                    "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n",
                    body.len()
                );
                let _ = s.write_all(head.as_bytes());
                let _ = s.write_all(body.as_bytes());
            }
        });
        format!("http://{addr}")
    }

    #[tokio::test]
    async fn the_client_reports_missing_fields_of_a_real_call() {
        let mut env = example(Action::DomainGetinfo, Some("contact"));
        env["responseData"]["contactTech"]
            .as_object_mut()
            .unwrap()
            .remove("orgType");
        let client = dondominio::Client::builder()
            .base_url(serve_once(env.to_string()))
            .credentials(dondominio::Credentials::new("u", "p"))
            .min_interval(std::time::Duration::ZERO)
            .build()
            .unwrap();
        let req = client
            .domain()
            .getinfo("example-domain.tv")
            .info_type(dondominio::domain::DomainInfoType::Contact);
        let decoded = client.execute_with_report(req.params()).await.unwrap();
        assert_eq!(decoded.report.missing, ["contactTech/orgType"]);
        assert!(matches!(decoded.value, GetinfoResponse::Contact(_)));
    }

    #[test]
    fn datetimes_serialize_in_the_apis_form() {
        let dt = chrono::NaiveDate::from_ymd_opt(2024, 1, 31)
            .unwrap()
            .and_hms_opt(10, 11, 12)
            .unwrap();
        let mut out = Vec::new();
        decode::ser_datetime(&dt, &mut serde_json::Serializer::new(&mut out)).unwrap();
        assert_eq!(out, br#""2024-01-31 10:11:12""#);
    }
}

#[test]
fn an_error_envelope_keeps_a_loosely_typed_code_and_message() {
    let action = Action::all()[0];
    let body = br#"{"success": false, "errorCode": "101", "errorCodeMsg": {"detail": "bad"},
        "messages": "check the parameters", "responseData": []}"#;
    let err = dondominio::decode_response(action, body, &DecodeOptions::default()).unwrap_err();
    let Error::Api {
        code,
        message,
        messages,
        ..
    } = err
    else {
        panic!("expected the API error, got {err:?}");
    };
    assert_eq!(code.code(), 101);
    assert!(message.contains("bad"), "{message}");
    assert_eq!(messages, ["check the parameters"]);
}
