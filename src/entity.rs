//! Shared response shapes of the service entity families (ftp, ddbb, subdomain, redirect, mail,
//! mailalias, dns): one generic type each, instead of one copy per family.
//!
//! Every family answers `getinfo`, `create` and `update` with a list of its entities under the
//! family's key (`{"ftp": [...]}`), `list` with the same plus `queryInfo`, and `delete` with
//! nothing.

use std::collections::BTreeMap;
use std::marker::PhantomData;

use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::ser::SerializeMap;
use serde_json::Value;

use crate::decode::{self as dec, Key, Lenient, ResponseData};

/// One entity type of a family (such as an FTP account).
pub trait Entity: serde::Serialize + for<'de> Lenient<'de> {
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

/// Reads the fields of a family response: the entities, `queryInfo` when `Q` is not `()`, and
/// the rest into `extra`.
struct FamilyVisitor<E, Q> {
    paged: bool,
    _t: PhantomData<(E, Q)>,
}

/// What [`FamilyVisitor`] read.
type FamilyParts<E, Q> = (Option<Q>, Vec<E>, BTreeMap<String, Value>);

impl<'de, E: Entity, Q: Lenient<'de>> Visitor<'de> for FamilyVisitor<E, Q> {
    type Value = FamilyParts<E, Q>;
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("an object")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        dec::empty_seq(seq, &self)?;
        self.visit_map(dec::empty_map::<A::Error>())
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let paged = self.paged;
        let mut query_info = None;
        let mut items = None;
        let mut extra = BTreeMap::new();
        while let Some(k) = map.next_key::<Key<'de>>()? {
            match k.as_str() {
                f if f == E::FIELD => items = dec::field::<Vec<E>, A>(&mut map, E::FIELD)?,
                "queryInfo" if paged => query_info = dec::field::<Q, A>(&mut map, "queryInfo")?,
                _ => dec::extra(&mut map, k, &mut extra)?,
            }
        }
        let items = match items {
            Some(v) => v,
            None => dec::missing::<Vec<E>, A::Error>(E::FIELD, false)?,
        };
        let query_info = match (query_info, paged) {
            (Some(q), _) => Some(q),
            (None, true) => Some(dec::missing::<Q, A::Error>("queryInfo", false)?),
            (None, false) => None,
        };
        Ok((query_info, items, extra))
    }
}

/// Nothing: any value, ignored (the missing `queryInfo` of an unpaged family response).
impl<'de> Lenient<'de> for () {
    fn lenient<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        <de::IgnoredAny as de::Deserialize>::deserialize(d).map(|_| ())
    }
    fn empty() -> Self {}
}

impl<'de, E: Entity> de::Deserialize<'de> for Entities<E> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let (_, items, extra) = d.deserialize_any(FamilyVisitor::<E, ()> {
            paged: false,
            _t: PhantomData,
        })?;
        Ok(Entities { items, extra })
    }
}

impl<'de, E: Entity, Q: Lenient<'de>> de::Deserialize<'de> for EntityPage<E, Q> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let (query_info, items, extra) = d.deserialize_any(FamilyVisitor::<E, Q> {
            paged: true,
            _t: PhantomData,
        })?;
        let query_info = match query_info {
            Some(q) => q,
            None => Q::empty(),
        };
        Ok(EntityPage {
            query_info,
            items,
            extra,
        })
    }
}

impl<'de> de::Deserialize<'de> for NoData {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = NoData;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an object")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<NoData, A::Error> {
                dec::empty_seq(seq, &self)?;
                Ok(NoData::default())
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<NoData, A::Error> {
                let mut extra = BTreeMap::new();
                while let Some(k) = map.next_key::<Key<'de>>()? {
                    dec::extra(&mut map, k, &mut extra)?;
                }
                Ok(NoData { extra })
            }
        }
        d.deserialize_any(V)
    }
}

impl<E: Entity> ResponseData for Entities<E> {
    const VARIANTS: &'static [&'static str] = &[];
    fn deserialize_variant<'de, D: Deserializer<'de>>(
        d: D,
        _: Option<&str>,
    ) -> Result<Self, D::Error> {
        de::Deserialize::deserialize(d)
    }
}

impl<E: Entity, Q: serde::Serialize + for<'de> Lenient<'de>> ResponseData for EntityPage<E, Q> {
    const VARIANTS: &'static [&'static str] = &[];
    fn deserialize_variant<'de, D: Deserializer<'de>>(
        d: D,
        _: Option<&str>,
    ) -> Result<Self, D::Error> {
        de::Deserialize::deserialize(d)
    }
}

impl ResponseData for NoData {
    const VARIANTS: &'static [&'static str] = &[];
    fn deserialize_variant<'de, D: Deserializer<'de>>(
        d: D,
        _: Option<&str>,
    ) -> Result<Self, D::Error> {
        de::Deserialize::deserialize(d)
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
