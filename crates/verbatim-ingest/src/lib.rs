//! verbatim-ingest
