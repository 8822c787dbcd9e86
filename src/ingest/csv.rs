//! Delimited text (`.csv`, `.tsv`), including Media Cloud exports.
//!
//! The first record is the header. The delimiter is `,`, `;` or tab, whichever occurs most
//! often (outside quotes) in the header line (`,` on a tie or when none occurs); `.tsv` files
//! always use tab. Quoted fields may hold delimiters, doubled quotes and line breaks; a leading
//! byte-order mark and CRLF line ends are accepted. Every value is read as a string (the
//! mapping turns `1646092800` in a date column into a date, `123` in an id column into an id).
//!
//! Parsing is the `csv` crate's (BurntSushi's): unlike polars' CSV reader it hands over each
//! record with its position, so a bad row becomes a reject naming the record's first physical
//! `line` and its data `row` (header excluded) while the rest of the file is read. A row whose
//! field count differs from the header's is rejected (`wrong_field_count`): its columns cannot
//! be trusted. A row with a field that is not valid UTF-8 is rejected (`invalid_utf8`). Rows whose
//! fields are all empty are not records (like blank lines).

use super::{FieldValue, RawRecord, Records, strip_bom};
use crate::model::{RecordOrigin, Reject};

/// The delimiter of a file, from its header line: the most frequent of `,` `;` tab outside
/// double quotes; `,` when tied or absent.
pub fn sniff_delimiter(bytes: &[u8]) -> u8 {
    let mut counts = [0usize; 3];
    let mut in_quotes = false;
    for &b in bytes {
        match b {
            b'"' => in_quotes = !in_quotes,
            b'\n' | b'\r' if !in_quotes => break,
            b',' if !in_quotes => counts[0] += 1,
            b';' if !in_quotes => counts[1] += 1,
            b'\t' if !in_quotes => counts[2] += 1,
            _ => {}
        }
    }
    let (mut best, mut best_n) = (b',', counts[0]);
    for (d, n) in [(b';', counts[1]), (b'\t', counts[2])] {
        if n > best_n {
            (best, best_n) = (d, n);
        }
    }
    best
}

/// Reads a delimited file held in `bytes`; `delimiter` forces one (tab for `.tsv`), else it is
/// sniffed. An empty file, or one with only a header, has no records.
pub fn read(file: &str, bytes: &[u8], delimiter: Option<u8>) -> Records {
    let bytes = strip_bom(bytes);
    let delimiter = delimiter.unwrap_or_else(|| sniff_delimiter(bytes));
    let mut rdr = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes);
    let mut out = Vec::new();
    let mut record = csv::ByteRecord::new();
    let mut header: Option<Vec<String>> = None;
    let (mut line, mut counted_to) = (1u64, 0usize);
    loop {
        match rdr.read_byte_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                // Reading from memory: only a malformed-input error can happen here.
                let (line, row) = e.position().map_or((1, 1), |p| (p.line(), p.record()));
                let origin = RecordOrigin {
                    file: file.to_string(),
                    line: Some(line.max(1)),
                    row: Some(row.max(1)),
                };
                out.push(Err(Reject::new(
                    &origin,
                    "invalid_csv",
                    format!("unreadable CSV: {e}"),
                )));
                break;
            }
        }
        let (start, row) = record
            .position()
            .map_or((0, 0), |p| (p.byte() as usize, p.record()));
        // The crate's position can point at the line end before the record: skip it (and any
        // blank lines) to the record's first byte, then count lines from the previous record
        // (incrementally, never from the file start).
        let start = start
            + bytes[start.min(bytes.len())..]
                .iter()
                .take_while(|b| matches!(b, b'\r' | b'\n'))
                .count();
        line += memchr::memchr_iter(b'\n', &bytes[counted_to.min(start)..start.min(bytes.len())])
            .count() as u64;
        counted_to = start.max(counted_to);
        let Some(names) = &header else {
            header = Some(
                record
                    .iter()
                    .map(|f| String::from_utf8_lossy(f).trim().to_string())
                    .collect(),
            );
            continue;
        };
        if record.iter().all(|f| f.iter().all(u8::is_ascii_whitespace)) {
            continue;
        }
        let origin = RecordOrigin {
            file: file.to_string(),
            line: Some(line),
            row: Some(row),
        };
        if record.len() != names.len() {
            out.push(Err(Reject::new(
                &origin,
                "wrong_field_count",
                format!(
                    "row has {} fields but the header has {} (unbalanced quotes or a stray delimiter?)",
                    record.len(),
                    names.len()
                ),
            )));
            continue;
        }
        let mut fields = Vec::with_capacity(names.len());
        let mut bad = None;
        for (name, raw) in names.iter().zip(record.iter()) {
            match std::str::from_utf8(raw) {
                Ok(s) => fields.push((name.clone(), FieldValue::Str(s.to_string()))),
                Err(e) => {
                    bad = Some((name, e.valid_up_to(), raw[e.valid_up_to()]));
                    break;
                }
            }
        }
        match bad {
            None => out.push(Ok(RawRecord::from_input(origin, fields))),
            Some((name, at, byte)) => out.push(Err(Reject::new(
                &origin,
                "invalid_utf8",
                format!("column {name:?} is not valid UTF-8: byte 0x{byte:02X} at byte {at} of the field"),
            ))),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn summary(recs: &Records) -> Vec<(Option<u64>, Option<u64>, String)> {
        recs.iter()
            .map(|r| match r {
                Ok(x) => (x.origin.line, x.origin.row, "ok".to_string()),
                Err(e) => (e.line, e.row, e.reason.clone()),
            })
            .collect()
    }

    fn field<'a>(r: &'a Result<RawRecord, Reject>, name: &str) -> &'a str {
        let rec = r.as_ref().unwrap();
        match &rec.fields.iter().find(|(n, _)| n == name).unwrap().1 {
            FieldValue::Str(s) => s,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn delimiter_is_sniffed_from_the_header_line() {
        assert_eq!(sniff_delimiter(b"id,text,outlet\n1;2;3;4;5\n"), b',');
        assert_eq!(sniff_delimiter(b"id;text;\"a,b,c\"\n"), b';');
        assert_eq!(sniff_delimiter(b"id\ttext\toutlet\r\n"), b'\t');
        assert_eq!(sniff_delimiter(b"text\n"), b',');
        assert_eq!(sniff_delimiter(b""), b',');
    }

    #[test]
    fn quoted_multiline_fields_keep_the_first_line_and_data_row() {
        let bytes: &[u8] = b"\xEF\xBB\xBFid;text;outlet\r\n1;\"Line one;\r\n\r\n\"\"Quoted\"\" two\";Le Soir\r\n2;short;Le Soir\r\n3;only two\r\n;;\r\n4;\"a\xFF\";X\r\n";
        let recs = read("x.csv", bytes, None);
        assert_eq!(
            summary(&recs),
            vec![
                (Some(2), Some(1), "ok".into()),
                (Some(5), Some(2), "ok".into()),
                (Some(6), Some(3), "wrong_field_count".into()),
                (Some(8), Some(5), "invalid_utf8".into()),
            ]
        );
        assert_eq!(field(&recs[0], "id"), "1");
        assert_eq!(field(&recs[0], "text"), "Line one;\r\n\r\n\"Quoted\" two");
        assert_eq!(field(&recs[1], "outlet"), "Le Soir");
        let e = recs[3].as_ref().unwrap_err();
        assert!(
            e.message.starts_with("column \"text\" is not valid UTF-8"),
            "{}",
            e.message
        );
    }

    #[test]
    fn tab_is_forced_for_tsv_and_empty_files_have_no_records() {
        let recs = read(
            "x.tsv",
            b"text,comma\toutlet\nhello, world\tX\n",
            Some(b'\t'),
        );
        assert_eq!(field(&recs[0], "text,comma"), "hello, world");
        assert!(read("e.csv", b"", None).is_empty());
        assert!(read("h.csv", b"id,text\n", None).is_empty());
    }
}
