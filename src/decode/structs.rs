//! The decoder of every generated response struct, written once: the generator emits one
//! [`decode_struct!`] call per struct (its fields, keys and types) instead of the expanded
//! impls, which keeps the generated code and the build script's work small.

/// `serde::Deserialize` and [`Lenient`](crate::decode::Lenient) for a generated response
/// struct with an `extra` map.
///
/// ```text
/// decode_struct!(Type, "an object (Type)";
///     required_field: RustType = "wireKey", identifying;   // identifying: true or false
///     ...;
///     ?optional_field: RustType = "wireKey";               // the field is Option<RustType>
///     ...;
///     !placeheld_field: RustType = "wireKey", identifying, ["-", ""];  // Option<RustType>
///     ...;
///     ~optional_placeheld: RustType = "wireKey", ["-", ""];           // Option<RustType>
///     ...)
/// ```
///
/// The groups come in this order, each kind with its own leading token. A field with
/// placeholders is read with [`placeheld_field`](crate::decode::placeheld_field) (a placeholder
/// or `null` is `None`); a required one that is missing still goes through
/// [`missing`](crate::decode::missing) and is `None` when that lets it pass.
///
/// Generic parameters and items are named `__D`, `__A` and `__Visitor`, which no spec type
/// can be named (field locals are hygienic). The struct decodes from a JSON object (or `[]`, the PHP empty object): each known key is
/// read with [`field`](crate::decode::field) or [`opt_field`](crate::decode::opt_field),
/// unknown keys go to `extra` (or fail when strict), and a missing required field goes
/// through [`missing`](crate::decode::missing).
macro_rules! decode_struct {
    (
        $id:ident, $expecting:literal;
        $($req:ident: $rty:ty = $rkey:literal, $ident:literal;)*
        $(? $opt:ident: $oty:ty = $okey:literal;)*
        $(! $preq:ident: $prty:ty = $prkey:literal, $pident:literal, [$($prph:literal),*];)*
        $(~ $popt:ident: $poty:ty = $pokey:literal, [$($poph:literal),*];)*
    ) => {
        impl<'de> serde::Deserialize<'de> for $id {
            fn deserialize<__D: serde::Deserializer<'de>>(d: __D) -> Result<Self, __D::Error> {
                struct __Visitor;
                impl<'de> serde::de::Visitor<'de> for __Visitor {
                    type Value = $id;
                    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                        f.write_str($expecting)
                    }
                    fn visit_seq<__A: serde::de::SeqAccess<'de>>(
                        self,
                        seq: __A,
                    ) -> Result<$id, __A::Error> {
                        crate::decode::empty_seq(seq, &self)?;
                        self.visit_map(crate::decode::empty_map::<__A::Error>())
                    }
                    #[allow(unused_mut)]
                    fn visit_map<__A: serde::de::MapAccess<'de>>(
                        self,
                        mut map: __A,
                    ) -> Result<$id, __A::Error> {
                        $(let mut $req: Option<$rty> = None;)*
                        $(let mut $opt: Option<$oty> = None;)*
                        $(let mut $preq: Option<Option<$prty>> = None;)*
                        $(let mut $popt: Option<Option<$poty>> = None;)*
                        let mut extra = std::collections::BTreeMap::new();
                        while let Some(key) = map.next_key::<crate::decode::Key<'de>>()? {
                            match key.as_str() {
                                $($rkey => $req = crate::decode::field::<$rty, __A>(&mut map, $rkey)?,)*
                                $($okey => $opt = crate::decode::opt_field::<$oty, __A>(&mut map, $okey)?,)*
                                $($prkey => {
                                    $preq = Some(crate::decode::placeheld_field::<$prty, __A>(
                                        &mut map, $prkey, &[$($prph),*],
                                    )?)
                                })*
                                $($pokey => {
                                    $popt = Some(crate::decode::placeheld_field::<$poty, __A>(
                                        &mut map, $pokey, &[$($poph),*],
                                    )?)
                                })*
                                _ => crate::decode::extra(&mut map, key, &mut extra)?,
                            }
                        }
                        Ok($id {
                            $($req: match $req {
                                Some(v) => v,
                                None => crate::decode::missing::<$rty, __A::Error>($rkey, $ident)?,
                            },)*
                            $($opt,)*
                            $($preq: match $preq {
                                Some(v) => v,
                                None => {
                                    crate::decode::missing::<$prty, __A::Error>($prkey, $pident)?;
                                    None
                                }
                            },)*
                            $($popt: $popt.flatten(),)*
                            extra,
                        })
                    }
                }
                d.deserialize_any(__Visitor)
            }
        }
        impl<'de> crate::decode::Lenient<'de> for $id {
            fn lenient<__D: serde::Deserializer<'de>>(d: __D) -> Result<Self, __D::Error> {
                serde::Deserialize::deserialize(d)
            }
            fn empty() -> Self {
                Self {
                    $($req: <$rty as crate::decode::Lenient>::empty(),)*
                    $($opt: None,)*
                    $($preq: None,)*
                    $($popt: None,)*
                    extra: Default::default(),
                }
            }
            const NESTED: bool = true;
        }
    };
}
pub(crate) use decode_struct;
