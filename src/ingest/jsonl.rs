//! JSON Lines / NDJSON: one JSON object per line. A line that is not valid UTF-8, not valid JSON
//! or not an object is a reject for that line; the rest of the file is read.

use super::{FieldValue, RawRecord, Records};
use crate::model::{RecordOrigin, Reject};

/// Converts a JSON value to a [`FieldValue`].
pub fn field_value(v: serde_json::Value) -> FieldValue {
    match v {
        serde_json::Value::Null => FieldValue::Null,
        serde_json::Value::String(s) => FieldValue::Str(s),
        serde_json::Value::Bool(b) => FieldValue::Bool(b),
        serde_json::Value::Number(n) => match n.as_i64() {
            Some(i) => FieldValue::Int(i),
            None => FieldValue::Float(n.as_f64().unwrap_or(f64::NAN)),
        },
        other => FieldValue::Other(other.to_string()),
    }
}

/// Converts one parsed JSON value (expected to be an object) to a record or a reject.
pub fn record_from_value(v: serde_json::Value, origin: RecordOrigin) -> Result<RawRecord, Reject> {
    match v {
        serde_json::Value::Object(map) => Ok(RawRecord::from_input(
            origin,
            map.into_iter().map(|(k, v)| (k, field_value(v))).collect(),
        )),
        other => Err(Reject::new(
            &origin,
            "not_an_object",
            format!(
                "expected a JSON object, found {}",
                match other {
                    serde_json::Value::Array(_) => "an array",
                    serde_json::Value::String(_) => "a string",
                    serde_json::Value::Number(_) => "a number",
                    serde_json::Value::Bool(_) => "a boolean",
                    _ => "null",
                }
            ),
        )),
    }
}

/// Reads all records of a JSONL file held in `bytes`. Blank lines are skipped (not records); a
/// leading byte-order mark and CRLF line ends are accepted.
///
/// Lines are parsed in parallel (order-preserving collect): one big JSONL file is the usual
/// input, and parsing it on one core left the other idle for most of the ingest stage.
pub fn read(file: &str, bytes: &[u8]) -> Records {
    use rayon::prelude::*;
    let bytes = super::strip_bom(bytes);
    let mut start = 0;
    let lines: Vec<(usize, &[u8])> = memchr::memchr_iter(b'\n', bytes)
        .chain(std::iter::once(bytes.len()))
        .enumerate()
        .map(|(i, end)| {
            let l = &bytes[start..end];
            start = end + 1;
            (i, l.strip_suffix(b"\r").unwrap_or(l))
        })
        .filter(|(_, l)| !l.iter().all(|b| b.is_ascii_whitespace()))
        .collect();
    lines
        .into_par_iter()
        .map(|(i, raw_line)| read_line(file, i as u64 + 1, raw_line))
        .collect()
}

/// One non-blank line (`line`: its 1-based number) as a record or a reject.
fn read_line(file: &str, line: u64, raw_line: &[u8]) -> Result<RawRecord, Reject> {
    let origin = RecordOrigin {
        file: file.to_string(),
        line: Some(line),
        row: None,
    };
    let line = match std::str::from_utf8(raw_line) {
        Ok(l) => l,
        Err(e) => return Err(super::invalid_utf8(&origin, raw_line, e)),
    };
    match serde_json::from_str::<serde_json::Value>(line) {
        Ok(v) => record_from_value(v, origin),
        Err(e) => {
            let cause = e.to_string();
            let cause = cause.split(" at line ").next().unwrap_or(&cause);
            Err(Reject::new(
                &origin,
                "invalid_json",
                format!("invalid JSON: {cause} at column {}", e.column()),
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_lines_become_rejects_with_line_numbers() {
        let data =
            b"{\"text\":\"a\",\"outlet\":\"X\"}\n\n{broken\n[1,2]\n\xff\xfe\n{\"n\":1.5}\r\n";
        let recs = read("in.jsonl", data);
        assert_eq!(recs.len(), 5);
        assert!(recs[0].is_ok());
        let r = recs[1].as_ref().unwrap_err();
        assert_eq!((r.line, r.reason.as_str()), (Some(3), "invalid_json"));
        assert_eq!(recs[2].as_ref().unwrap_err().reason, "not_an_object");
        let u = recs[3].as_ref().unwrap_err();
        assert_eq!((u.line, u.reason.as_str()), (Some(5), "invalid_utf8"));
        let ok = recs[4].as_ref().unwrap();
        assert_eq!(ok.fields, vec![("n".to_string(), FieldValue::Float(1.5))]);
    }
}
