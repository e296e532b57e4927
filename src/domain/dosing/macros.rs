//! `choice_enum!`: closed sets of named values (sex, hepatic status, card settings...).
//!
//! Each value has a stable snake_case id (used in share links and card files)
//! and a plain-language label. Serde reads and writes the id, so the card
//! files, the share links and the hand-written card reader share one table.

/// Generic access to the id table of a `choice_enum!` type (used by the
/// patient-input parser and the card reader).
pub(crate) trait ChoiceId: Sized + Copy {
    /// The value with exactly this id.
    fn from_id_str(id: &str) -> Option<Self>;
    /// The value for forgiving typed text (see `parse_lenient`).
    fn lenient(text: &str) -> Option<Self>;
    /// The allowed ids, comma-separated.
    fn ids() -> String;
    /// This value's id.
    fn id_str(self) -> &'static str;
}

/// The position of `id` in `ids` (one copy for every `choice_enum!` type).
pub(crate) fn index_of(ids: &[&str], id: &str) -> Option<usize> {
    ids.iter().position(|i| *i == id)
}

/// Typed or linked text as an id: trimmed, lower case, `-` and spaces as `_`.
pub(crate) fn lenient_key(text: &str) -> String {
    text.trim()
        .chars()
        .map(|c| match c {
            '-' | ' ' => '_',
            other => other.to_ascii_lowercase(),
        })
        .collect()
}

/// Declares an enum whose variants each carry a stable id and a label.
///
/// Generates `ALL`, `id()`, `label()`, `from_id()` (exact id), `parse_lenient()`
/// (trims, ignores case, accepts `-` or a space for `_`), `ids_text()` (the
/// allowed ids, comma-separated, for messages) and serde impls using the id.
macro_rules! choice_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $id:literal => $label:literal, )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name {
            $(
                #[doc = concat!("`", $id, "`: ", $label, ".")]
                $(#[$vmeta])*
                $variant,
            )+
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[ $( $name::$variant, )+ ];

            /// The stable snake_case id (share links, card files).
            pub fn id(self) -> &'static str {
                Self::IDS.get(self as usize).copied().unwrap_or_default()
            }

            /// A short plain-language label for display.
            pub fn label(self) -> &'static str {
                Self::LABELS.get(self as usize).copied().unwrap_or_default()
            }

            /// Every value's id, in declaration order (the lookups below
            /// search this one table instead of a `match` on strings).
            pub const IDS: &'static [&'static str] = &[ $( $id, )+ ];

            /// Every value's label, in declaration order.
            pub const LABELS: &'static [&'static str] = &[ $( $label, )+ ];

            /// The value with exactly this id, if any.
            pub fn from_id(id: &str) -> Option<Self> {
                $crate::domain::dosing::macros::index_of(Self::IDS, id)
                    .and_then(|i| Self::ALL.get(i).copied())
            }

            /// Like [`Self::from_id`] but forgiving about case, spaces around the
            /// text and `-` or a space used instead of `_` (typed or linked input).
            pub fn parse_lenient(text: &str) -> Option<Self> {
                Self::from_id(&$crate::domain::dosing::macros::lenient_key(text))
            }

            /// The allowed ids, comma-separated, for error messages.
            pub fn ids_text() -> String {
                Self::IDS.join(", ")
            }
        }

        impl $crate::domain::dosing::macros::ChoiceId for $name {
            fn from_id_str(id: &str) -> Option<Self> {
                $name::from_id(id)
            }
            fn lenient(text: &str) -> Option<Self> {
                $name::parse_lenient(text)
            }
            fn ids() -> String {
                $name::ids_text()
            }
            fn id_str(self) -> &'static str {
                self.id()
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.label())
            }
        }

        impl From<$name> for $crate::domain::json::Value {
            fn from(value: $name) -> Self {
                $crate::domain::json::Value::from(value.id())
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.id())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let text = <String as serde::Deserialize>::deserialize(d)?;
                $name::from_id(&text).ok_or_else(|| {
                    <D::Error as serde::de::Error>::custom(format!(
                        "unknown value `{}`, expected one of: {}",
                        text,
                        $name::ids_text()
                    ))
                })
            }
        }
    };
}
