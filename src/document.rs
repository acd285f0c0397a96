//! The document model every output is fed from, and the `annotate` JSON
//! contract: `{"file", "lang", "dct", "dct_source", "offset_unit",
//! "entities": [{"kind", "start", "end", "text", "value", "qualifier"?}]}`
//! with offsets in code points.

use crate::extract::{Analysis, DctSource, Entity, Kind, Lang, Qualifier, Value};
use crate::offsets::{OffsetIndex, Unit};
use serde::{Deserialize, Serialize};

/// One entity in the output contract (also the shape of gold entities).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EntityRecord {
    pub kind: Kind,
    pub start: usize,
    pub end: usize,
    pub text: String,
    #[serde(default)]
    pub value: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub qualifier: Option<Qualifier>,
    /// Gold files mark entities that are neither credited nor penalized.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub optional: bool,
}

/// One document in the output contract (also the shape of gold files).
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct DocumentRecord {
    pub file: String,
    pub lang: Option<Lang>,
    pub dct: Option<String>,
    #[serde(default)]
    pub dct_source: Option<DctSource>,
    #[serde(default = "default_unit")]
    pub offset_unit: Unit,
    pub entities: Vec<EntityRecord>,
}

fn default_unit() -> Unit {
    Unit::CodePoint
}

impl DocumentRecord {
    /// Builds the record of an analysis, converting byte ranges to `unit`.
    pub fn from_analysis(
        file: &str,
        text: &str,
        analysis: &Analysis,
        unit: Unit,
    ) -> DocumentRecord {
        let index = OffsetIndex::new(text);
        DocumentRecord {
            file: file.to_string(),
            lang: Some(analysis.lang),
            dct: analysis.dct.as_ref().map(|d| d.timex()),
            dct_source: analysis.dct.as_ref().map(|d| d.source),
            offset_unit: unit,
            entities: analysis
                .entities
                .iter()
                .map(|e| entity_record(&index, e, unit))
                .collect(),
        }
    }
}

/// One entity with its offsets in `unit`.
pub fn entity_record(index: &OffsetIndex, e: &Entity, unit: Unit) -> EntityRecord {
    EntityRecord {
        kind: e.kind,
        start: index.from_byte(e.range.start, unit),
        end: index.from_byte(e.range.end, unit),
        text: e.text.to_string(),
        value: e.value.clone(),
        qualifier: e.qualifier,
        optional: false,
    }
}
