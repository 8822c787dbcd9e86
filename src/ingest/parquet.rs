//! Parquet files, read with polars' `ParquetReader`.
//!
//! Each row is a record (origin: 1-based `row`). Column types map to field values: strings as
//! strings, integers and floats as numbers, booleans as booleans, `Date`/`Datetime` as their ISO
//! text (so the mapping reads them like any date), lists and structs as text. A file polars
//! cannot read at all is an error naming it (an unreadable file, like a corrupt `.gz`); a value of the wrong type for its role (a numeric
//! `text` column, a boolean `outlet`) or a null `text` is a reject for that row, made by the
//! mapping like for any other format.

use std::io::Cursor;

use polars::prelude::{AnyValue, Column, DataType, ParquetReader, PolarsResult, SerReader};

use anyhow::Context;

use super::{FieldValue, RawRecord, Records};
use crate::model::RecordOrigin;

/// The values of one column as field values, one per row.
fn column_values(col: &Column) -> PolarsResult<Vec<FieldValue>> {
    let n = col.len();
    let dtype = col.dtype().clone();
    let strings = |c: &Column| -> PolarsResult<Vec<FieldValue>> {
        Ok(c.str()?
            .iter()
            .map(|v| v.map_or(FieldValue::Null, |s| FieldValue::Str(s.to_string())))
            .collect())
    };
    let out = match dtype {
        DataType::String => strings(col)?,
        DataType::Boolean => col
            .bool()?
            .iter()
            .map(|v| v.map_or(FieldValue::Null, FieldValue::Bool))
            .collect(),
        DataType::Float32 | DataType::Float64 => {
            let c = col.cast(&DataType::Float64)?;
            c.f64()?
                .iter()
                .map(|v| v.map_or(FieldValue::Null, FieldValue::Float))
                .collect()
        }
        d if d.is_integer() => {
            let c = col.cast(&DataType::Int64)?;
            c.i64()?
                .iter()
                .map(|v| v.map_or(FieldValue::Null, FieldValue::Int))
                .collect()
        }
        DataType::Date | DataType::Datetime(_, _) => strings(&col.cast(&DataType::String)?)?,
        DataType::Null => vec![FieldValue::Null; n],
        _ => {
            let s = col.as_materialized_series();
            (0..n)
                .map(|i| match s.get(i) {
                    Ok(AnyValue::Null) => FieldValue::Null,
                    Ok(AnyValue::List(inner)) => {
                        // A list of strings (authors) becomes a JSON array, like JSON input.
                        let items: Vec<serde_json::Value> = inner
                            .iter()
                            .map(|v| match v {
                                AnyValue::String(x) => serde_json::Value::String(x.to_string()),
                                AnyValue::Null => serde_json::Value::Null,
                                other => serde_json::Value::String(other.to_string()),
                            })
                            .collect();
                        FieldValue::Other(serde_json::Value::Array(items).to_string())
                    }
                    Ok(v) => FieldValue::Other(v.to_string()),
                    Err(_) => FieldValue::Null,
                })
                .collect()
        }
    };
    Ok(out)
}

/// Reads a Parquet file held in `bytes`. A file that is not valid Parquet (or a column polars
/// cannot decode) is an error naming the file: the file is unreadable, not a bad record. An
/// empty file has no records.
pub fn read(file: &str, bytes: &[u8]) -> anyhow::Result<Records> {
    if bytes.is_empty() {
        return Ok(Vec::new());
    }
    let df = ParquetReader::new(Cursor::new(bytes))
        .finish()
        .with_context(|| format!("input {file}: not readable as Parquet"))?;
    let mut columns = Vec::with_capacity(df.width());
    for col in df.columns() {
        let values = column_values(col).with_context(|| {
            format!(
                "input {file}: Parquet column {:?} cannot be read",
                col.name().as_str()
            )
        })?;
        columns.push((col.name().to_string(), values.into_iter()));
    }
    Ok((0..df.height())
        .map(|i| {
            let origin = RecordOrigin {
                file: file.to_string(),
                line: None,
                row: Some(i as u64 + 1),
            };
            let fields = columns
                .iter_mut()
                .map(|(name, values)| (name.clone(), values.next().unwrap_or(FieldValue::Null)))
                .collect();
            Ok(RawRecord::from_input(origin, fields))
        })
        .collect())
}
