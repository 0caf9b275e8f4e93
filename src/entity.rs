//! Shared response shapes of the service entity families (ftp, ddbb, subdomain, redirect, mail,
//! mailalias, dns): one generic type each, instead of one copy per family.
//!
//! Every family answers `getinfo`, `create` and `update` with a list of its entities under the
//! family's key (`{"ftp": [...]}`), `list` with the same plus `queryInfo`, and `delete` with
//! nothing.

use std::collections::BTreeMap;

use serde::ser::SerializeMap;
use serde_json::Value;

use crate::decode::{Cx, Decode, DecodeError, ResponseData};

/// One entity type of a family (such as an FTP account).
pub trait Entity: Decode + serde::Serialize {
    /// The `responseData` key holding the entities (`ftp`, `ddbb`...).
    const FIELD: &'static str;
}

/// The entities returned by a family's `getinfo`, `create` and `update`.
#[derive(Debug, Clone, PartialEq)]
pub struct Entities<E> {
    /// The entities (under the family's key on the wire).
    pub items: Vec<E>,
    /// Fields the spec does not describe, kept as the API sent them.
    pub extra: BTreeMap<String, Value>,
}

/// A page of a family's `list`.
#[derive(Debug, Clone, PartialEq)]
pub struct EntityPage<E, Q> {
    /// Paging information (`queryInfo`).
    pub query_info: Q,
    /// The entities of this page (under the family's key on the wire).
    pub items: Vec<E>,
    /// Fields the spec does not describe, kept as the API sent them.
    pub extra: BTreeMap<String, Value>,
}

/// The empty `responseData` of a family's `delete`.
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize)]
pub struct NoData {
    /// Fields the spec does not describe, kept as the API sent them.
    #[serde(flatten)]
    pub extra: BTreeMap<String, Value>,
}

impl<E: Entity> Decode for Entities<E> {
    fn decode(v: &Value, cx: &mut Cx) -> Result<Self, DecodeError> {
        let o = cx.object(v)?;
        Ok(Entities {
            items: cx.req(o, E::FIELD)?,
            extra: cx.extra(o, &[E::FIELD])?,
        })
    }
}

impl<E: Entity, Q: Decode> Decode for EntityPage<E, Q> {
    fn decode(v: &Value, cx: &mut Cx) -> Result<Self, DecodeError> {
        let o = cx.object(v)?;
        Ok(EntityPage {
            query_info: cx.req(o, "queryInfo")?,
            items: cx.req(o, E::FIELD)?,
            extra: cx.extra(o, &["queryInfo", E::FIELD])?,
        })
    }
}

impl Decode for NoData {
    fn decode(v: &Value, cx: &mut Cx) -> Result<Self, DecodeError> {
        let o = cx.object(v)?;
        Ok(NoData {
            extra: cx.extra(o, &[])?,
        })
    }
}

impl<E: Entity> ResponseData for Entities<E> {
    const VARIANTS: &'static [&'static str] = &[];
    fn decode_data(v: &Value, cx: &mut Cx, _: Option<&str>) -> Result<Self, DecodeError> {
        Decode::decode(v, cx)
    }
}

impl<E: Entity, Q: Decode> ResponseData for EntityPage<E, Q> {
    const VARIANTS: &'static [&'static str] = &[];
    fn decode_data(v: &Value, cx: &mut Cx, _: Option<&str>) -> Result<Self, DecodeError> {
        Decode::decode(v, cx)
    }
}

impl ResponseData for NoData {
    const VARIANTS: &'static [&'static str] = &[];
    fn decode_data(v: &Value, cx: &mut Cx, _: Option<&str>) -> Result<Self, DecodeError> {
        Decode::decode(v, cx)
    }
}

impl<E: Entity> serde::Serialize for Entities<E> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(1 + self.extra.len()))?;
        m.serialize_entry(E::FIELD, &self.items)?;
        for (k, v) in &self.extra {
            m.serialize_entry(k, v)?;
        }
        m.end()
    }
}

impl<E: Entity, Q: serde::Serialize> serde::Serialize for EntityPage<E, Q> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(2 + self.extra.len()))?;
        m.serialize_entry("queryInfo", &self.query_info)?;
        m.serialize_entry(E::FIELD, &self.items)?;
        for (k, v) in &self.extra {
            m.serialize_entry(k, v)?;
        }
        m.end()
    }
}
