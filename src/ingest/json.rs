//! `.json` files, told apart by content:
//!
//! - a JSON array of objects (`[ {...}, {...} ]`): one record per element, origin = element's
//!   1-based `row` and the `line` it starts on;
//! - one JSON object (news-please writes one article per `.json` file): one record, line 1;
//! - several objects one after another (JSON lines saved as `.json`): read as [`super::jsonl`].
//!
//! Array elements are located by a linear scan of the bracket structure (strings and escapes
//! respected) and parsed one by one, so a broken element, an element that is not valid UTF-8 or
//! not an object is a reject for that element only, and the rest of the array is read. One limit:
//! an element whose brackets or quotes do not balance (`{"a": "x}, {...}`) runs on to the end of
//! the array and becomes a single reject, as no reader can tell where it was meant to end.

use serde_json::Value;

use super::jsonl::record_from_value;
use super::{Records, invalid_utf8, line_of, strip_bom, whole_file_origin};
use crate::model::{RecordOrigin, Reject};

/// Reads a `.json` file held in `bytes`. Empty (or blank) files have no records.
pub fn read(file: &str, bytes: &[u8]) -> Records {
    let bytes = strip_bom(bytes);
    let Some(start) = bytes.iter().position(|b| !b.is_ascii_whitespace()) else {
        return Vec::new();
    };
    if bytes[start] == b'[' {
        return read_array(file, bytes, start);
    }
    if bytes[start] == b'{' && holds_several_values(&bytes[start..]) {
        return super::jsonl::read(file, bytes);
    }
    let origin = RecordOrigin {
        line: Some(line_of(bytes, start)),
        ..whole_file_origin(file)
    };
    vec![parse_value(&bytes[start..], origin)]
}

/// True when `bytes` starts with one complete JSON value followed by another (JSON lines).
fn holds_several_values(bytes: &[u8]) -> bool {
    let mut stream =
        serde_json::Deserializer::from_slice(bytes).into_iter::<serde::de::IgnoredAny>();
    matches!(stream.next(), Some(Ok(_))) && matches!(stream.next(), Some(Ok(_)))
}

/// Parses one JSON value (an element or a whole file) into a record or a reject.
fn parse_value(bytes: &[u8], origin: RecordOrigin) -> Result<super::RawRecord, Reject> {
    let text = std::str::from_utf8(bytes).map_err(|e| invalid_utf8(&origin, bytes, e))?;
    match serde_json::from_str::<Value>(text) {
        Ok(v) => record_from_value(v, origin),
        Err(e) => {
            // serde_json counts lines from the start of `text`; report them in file terms.
            let line = origin.line.unwrap_or(1) + e.line() as u64 - 1;
            let cause = e.to_string();
            let cause = cause.split(" at line ").next().unwrap_or(&cause);
            Err(Reject::new(
                &origin,
                "invalid_json",
                format!("invalid JSON: {cause} at line {line} column {}", e.column()),
            ))
        }
    }
}

/// Reads the elements of a top-level array starting at `bytes[open] == b'['`.
fn read_array(file: &str, bytes: &[u8], open: usize) -> Records {
    let mut out = Vec::new();
    let mut pos = open + 1;
    // Lines are counted incrementally (from the previous element), never from the file start.
    let mut line = line_of(bytes, open);
    let mut line_at = open;
    let mut row = 0u64;
    let mut closed = false;
    loop {
        while pos < bytes.len() && bytes[pos].is_ascii_whitespace() {
            pos += 1;
        }
        if pos >= bytes.len() {
            break;
        }
        if bytes[pos] == b']' {
            closed = true;
            pos += 1;
            break;
        }
        let start = pos;
        let (end, terminator) = element_end(bytes, start);
        let elem = trim_ascii_end(&bytes[start..end]);
        pos = end + usize::from(terminator.is_some());
        line += memchr::memchr_iter(b'\n', &bytes[line_at..start]).count() as u64;
        line_at = start;
        row += 1;
        let origin = RecordOrigin {
            file: file.to_string(),
            line: Some(line),
            row: Some(row),
        };
        if elem.is_empty() {
            out.push(Err(Reject::new(
                &origin,
                "invalid_json",
                "empty array element",
            )));
        } else {
            out.push(parse_value(elem, origin));
        }
        match terminator {
            Some(b']') => {
                closed = true;
                break;
            }
            Some(_) => {}
            None => break,
        }
    }
    let rest = &bytes[pos.min(bytes.len())..];
    if let Some(off) = rest.iter().position(|b| !b.is_ascii_whitespace()) {
        let at = pos + off;
        let origin = RecordOrigin {
            file: file.to_string(),
            line: Some(line_of(bytes, at)),
            row: Some(row + 1),
        };
        let msg = if closed {
            "content after the end of the JSON array"
        } else {
            "unexpected content in the JSON array"
        };
        out.push(Err(Reject::new(&origin, "invalid_json", msg)));
    } else if !closed && row > 0 && !matches!(out.last(), Some(Err(_))) {
        // The last element parsed but the array never closes (truncated file).
        let origin = RecordOrigin {
            file: file.to_string(),
            line: Some(line_of(bytes, bytes.len())),
            row: Some(row + 1),
        };
        out.push(Err(Reject::new(
            &origin,
            "invalid_json",
            "the JSON array is not closed (truncated file?)",
        )));
    }
    out
}

/// The end of the array element starting at `start`: the index of the `,` or `]` that ends it at
/// nesting depth 0 (and which it was), or the end of input.
fn element_end(bytes: &[u8], start: usize) -> (usize, Option<u8>) {
    let mut depth = 0usize;
    let mut in_string = false;
    let mut i = start;
    while i < bytes.len() {
        let b = bytes[i];
        if in_string {
            match b {
                b'\\' => i += 1,
                b'"' => in_string = false,
                _ => {}
            }
        } else {
            match b {
                b'"' => in_string = true,
                b'{' | b'[' => depth += 1,
                b'}' | b']' if depth > 0 => depth -= 1,
                b']' | b',' if depth == 0 => return (i, Some(b)),
                _ => {}
            }
        }
        i += 1;
    }
    (bytes.len(), None)
}

fn trim_ascii_end(b: &[u8]) -> &[u8] {
    let end = b
        .iter()
        .rposition(|c| !c.is_ascii_whitespace())
        .map_or(0, |i| i + 1);
    &b[..end]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::FieldValue;

    fn reasons(recs: &Records) -> Vec<(Option<u64>, Option<u64>, &str)> {
        recs.iter()
            .map(|r| match r {
                Ok(x) => (x.origin.line, x.origin.row, "ok"),
                Err(e) => (e.line, e.row, e.reason.as_str()),
            })
            .collect()
    }

    #[test]
    fn array_elements_get_rows_and_lines_and_fail_alone() {
        let data = b"[\n  {\"text\": \"a, b ] c\", \"n\": [1, {\"x\": \"}\"}]},\n  {\"a\" 1},\n  3,\n  {\"text\": \"\xff\"},\n  {\"text\": \"\\\"q\\\"\"}\n]\n";
        let recs = read("a.json", data);
        assert_eq!(
            reasons(&recs),
            vec![
                (Some(2), Some(1), "ok"),
                (Some(3), Some(2), "invalid_json"),
                (Some(4), Some(3), "not_an_object"),
                (Some(5), Some(4), "invalid_utf8"),
                (Some(6), Some(5), "ok"),
            ]
        );
        let first = recs[0].as_ref().unwrap();
        assert_eq!(
            first.fields[1],
            ("text".into(), FieldValue::Str("a, b ] c".into()))
        );
        let last = recs[4].as_ref().unwrap();
        assert_eq!(
            last.fields[0],
            ("text".into(), FieldValue::Str("\"q\"".into()))
        );
    }

    #[test]
    fn truncated_and_trailing_content_are_rejects() {
        let recs = read("t.json", b"[{\"a\":1},\n{\"b\":2");
        assert_eq!(
            reasons(&recs),
            vec![(Some(1), Some(1), "ok"), (Some(2), Some(2), "invalid_json")]
        );
        let recs = read("t.json", b"[{\"a\":1}]\n]x");
        assert_eq!(
            reasons(&recs),
            vec![(Some(1), Some(1), "ok"), (Some(2), Some(2), "invalid_json")]
        );
        let recs = read("t.json", b"[{\"a\":1},]");
        assert_eq!(reasons(&recs), vec![(Some(1), Some(1), "ok")]);
        assert!(read("t.json", b"[]").is_empty());
        assert!(read("t.json", b"  \n").is_empty());
    }

    #[test]
    fn single_object_and_json_lines_are_told_apart() {
        let recs = read("np.json", b"\xEF\xBB\xBF\n{\"maintext\": \"x\"}\n");
        assert_eq!(reasons(&recs), vec![(Some(2), None, "ok")]);
        let recs = read("l.json", b"{\"a\": 1}\n{\"a\": 2}\n");
        assert_eq!(
            reasons(&recs),
            vec![(Some(1), None, "ok"), (Some(2), None, "ok")]
        );
        let recs = read("bad.json", b"{\"a\":\n 1,,}");
        let r = recs[0].as_ref().unwrap_err();
        assert_eq!((r.line, r.reason.as_str()), (Some(1), "invalid_json"));
        assert!(r.message.ends_with("at line 2 column 4"), "{}", r.message);
    }
}
