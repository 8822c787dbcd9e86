//! Accuracy measured, not claimed: `slant eval sentiment` and `slant eval quotes` score slant
//! against annotated development sets and print the figures the README records.

pub mod hygiene;
pub mod metrics;
pub mod quotes;
pub mod sentiment;
