//! Plain-text article files: one article per `.txt` file, the whole file its text.
//!
//! Title, date, outlet and the rest come from the folder's `meta.json` ([`super::sidecar`]);
//! without one the outlet is `--outlet NAME`, else the folder's name. Lines are kept as they are
//! (cleaning decides what is a headline or page clutter); only white space around the whole text
//! (the final newline) is trimmed. A file that is empty or blank has no
//! record; one that is not valid UTF-8 is a reject (`invalid_utf8`, line 1, the message naming
//! the line of the first bad byte).

use super::sidecar::{FileFields, article_record};
use super::{IngestOptions, Records, SourceFile, invalid_utf8, strip_bom, whole_file_origin};

/// Reads one `.txt` file as one article.
pub fn read(file: &SourceFile, opts: &IngestOptions) -> Records {
    let bytes = strip_bom(file.bytes);
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Vec::new();
    }
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t.trim().to_string(),
        Err(e) => return vec![Err(invalid_utf8(&whole_file_origin(file.label), bytes, e))],
    };
    vec![Ok(article_record(
        file,
        opts,
        FileFields {
            text,
            ..Default::default()
        },
    ))]
}
