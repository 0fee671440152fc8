//! Walking a parsed TOML document: a table, standard or inline ([`Tbl`]),
//! and a node in it ([`Node`]), each with the place it was written.

use toml_edit::{InlineTable, Item, Table, Value};

use crate::diag::Span;

/// A TOML node: a table item or a value inside an inline table or array.
#[derive(Clone, Copy)]
pub enum Node<'a> {
    Item(&'a Item),
    Value(&'a Value),
}

impl<'a> Node<'a> {
    pub(super) fn value(self) -> Option<&'a Value> {
        match self {
            Node::Item(Item::Value(v)) | Node::Value(v) => Some(v),
            Node::Item(_) => None,
        }
    }

    /// Whether the node is a string value.
    pub fn is_str(self) -> bool {
        matches!(self.value(), Some(Value::String(_)))
    }

    /// The node as a table (standard or inline).
    pub fn table(self) -> Option<Tbl<'a>> {
        match self {
            Node::Item(Item::Table(t)) => Some(Tbl::Table(t)),
            Node::Item(Item::Value(Value::InlineTable(t))) | Node::Value(Value::InlineTable(t)) => {
                Some(Tbl::Inline(t))
            }
            _ => None,
        }
    }

    /// The node as an array of tables (`[[x]]` or an inline array of inline
    /// tables).
    pub fn tables(self) -> Option<Vec<Tbl<'a>>> {
        match self {
            Node::Item(Item::ArrayOfTables(a)) => Some(a.iter().map(Tbl::Table).collect()),
            _ => self.value().and_then(|v| match v {
                Value::Array(a) => a
                    .iter()
                    .map(|v| v.as_inline_table().map(Tbl::Inline))
                    .collect(),
                _ => None,
            }),
        }
    }

    /// What kind of TOML value this is, for messages.
    pub fn kind(self) -> &'static str {
        match self {
            Node::Item(Item::None) => "nothing",
            Node::Item(Item::Table(_)) => "a table",
            Node::Item(Item::ArrayOfTables(_)) => "an array of tables",
            Node::Item(Item::Value(v)) | Node::Value(v) => match v {
                Value::String(_) => "a string",
                Value::Integer(_) => "an integer",
                Value::Float(_) => "a number",
                Value::Boolean(_) => "a boolean",
                Value::Datetime(dt) => match (dt.value().date, dt.value().time) {
                    (Some(_), Some(_)) => "a date-time",
                    (Some(_), None) => "a date",
                    _ => "a time of day",
                },
                Value::Array(_) => "an array",
                Value::InlineTable(_) => "an inline table",
            },
        }
    }

    pub fn span(self) -> Option<Span> {
        match self {
            Node::Item(Item::Table(t)) => t.span(),
            Node::Item(Item::ArrayOfTables(a)) => a.span(),
            Node::Item(Item::Value(v)) | Node::Value(v) => v.span(),
            Node::Item(Item::None) => None,
        }
    }
}

/// A table, standard or inline.
#[derive(Clone, Copy)]
pub enum Tbl<'a> {
    Table(&'a Table),
    Inline(&'a InlineTable),
}

impl<'a> Tbl<'a> {
    /// Keys with their spans and nodes, in file order.
    pub fn entries(self) -> Vec<(&'a str, Span, Node<'a>)> {
        match self {
            Tbl::Table(t) => t
                .iter()
                .filter_map(|(k, _)| t.get_key_value(k))
                .map(|(k, i)| (k.get(), k.span().unwrap_or_default(), Node::Item(i)))
                .collect(),
            Tbl::Inline(t) => t
                .iter()
                .map(|(k, v)| {
                    let span = t.key(k).and_then(|key| key.span()).unwrap_or_default();
                    (k, span, Node::Value(v))
                })
                .collect(),
        }
    }

    pub fn span(self) -> Option<Span> {
        match self {
            Tbl::Table(t) => t.span(),
            Tbl::Inline(t) => t.span(),
        }
    }
}
