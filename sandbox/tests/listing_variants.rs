//! A listing whose items depend on `infoType` (`domain/list`): the request's type decides the
//! item type, so a field of a variant is read only after asking for that variant. Against the
//! sandbox, whose client decodes strictly (a field the item type lacks is an error).

use dondominio::domain::{DomainListInfoType, ListResponse, ListedDomain, ListedDomainStatus};
use dondominio::types::RenewalMode;
use dondominio::{decode_response, Action, AnyResponse, DecodeOptions};
use dondominio_sandbox::Sandbox;
use futures_util::StreamExt;

type Result<T = ()> = std::result::Result<T, Box<dyn std::error::Error>>;

#[tokio::test]
async fn without_info_type_items_have_the_common_fields_only() -> Result {
    let sandbox = Sandbox::start()?;
    let client = sandbox.client("sandbox")?;
    let page = client.domain().list().await?;
    let first: &ListedDomain = &page.domains[0];
    assert!(!first.name.is_empty());
    assert!(first.extra.is_empty(), "nothing beyond the common fields");
    assert_eq!(page.domains.len() as i64, page.query_info.total);
    Ok(())
}

#[tokio::test]
async fn info_type_status_gives_items_with_the_renewal_mode_of_getinfo() -> Result {
    let sandbox = Sandbox::start()?;
    let client = sandbox.client("sandbox")?;
    // One domain on autorenew, one on manual: the filter tells them apart.
    use dondominio::domain::UpdateKind;
    for (name, mode) in [
        ("example.com", RenewalMode::Autorenew),
        ("example.org", RenewalMode::Manual),
    ] {
        let kind = UpdateKind::RenewalMode { renewal_mode: mode };
        client.domain().update(name, kind).await?;
    }
    let total = client.domain().list().await?.query_info.total;
    // Other setters before and after the selector; pages of 2, walked to the end.
    let mut items = client
        .domain()
        .list()
        .word("example")
        .info_type_status()
        .page_length(2)
        .items();
    let (mut seen, mut not_auto) = (0, Vec::new());
    while let Some(domain) = items.next().await {
        let domain: ListedDomainStatus = domain?;
        let info = client.domain().getinfo(domain.name.clone()).await?;
        assert_eq!(domain.renewal_mode, info.renewal_mode, "{}", domain.name);
        assert_eq!(domain.ts_create, info.ts_create);
        if domain.renewal_mode != RenewalMode::Autorenew {
            not_auto.push(domain.name);
        }
        seen += 1;
    }
    assert_eq!(seen, total);
    assert!(not_auto.contains(&"example.org".to_owned()));
    assert!(!not_auto.contains(&"example.com".to_owned()));
    Ok(())
}

#[tokio::test]
async fn each_variant_has_its_own_item_type() -> Result {
    let sandbox = Sandbox::start()?;
    let client = sandbox.client("sandbox")?;
    let d = client.domain();
    let ns = d
        .list()
        .domain("example.com")
        .info_type_nameservers()
        .await?;
    assert!(!ns.domains[0].nameservers.is_empty());
    let contacts = d.list().domain("example.com").info_type_contact().await?;
    assert!(!contacts.domains[0].contact_owner.first_name.is_empty());
    let service = d.list().domain("example.com").info_type_service().await?;
    assert!(
        service.domains[0].service.is_some(),
        "example.com has a hosting service"
    );
    let glue = d
        .list()
        .domain("example.com")
        .info_type_gluerecords()
        .await?;
    assert_eq!(glue.domains.len(), 1);
    Ok(())
}

#[tokio::test]
async fn a_run_time_choice_answers_with_the_enum_of_the_variant_asked() -> Result {
    let sandbox = Sandbox::start()?;
    let client = sandbox.client("sandbox")?;
    let wanted = DomainListInfoType::from_wire("status");
    match client.domain().list().info_type(wanted).await? {
        ListResponse::Status(page) => assert!(!page.domains.is_empty()),
        other => return Err(format!("not the status variant: {other:?}").into()),
    }
    Ok(())
}

#[test]
fn a_captured_listing_without_info_type_decodes_as_the_plain_variant() {
    let example = Action::DomainList
        .info()
        .example(None)
        .expect("the manual's example");
    let any = decode_response(
        Action::DomainList,
        example.json.as_bytes(),
        &DecodeOptions {
            strict: true,
            variant: None,
        },
    )
    .expect("decodes");
    assert!(
        matches!(any, AnyResponse::DomainList(ListResponse::Plain(_))),
        "{any:?}"
    );
}
