//! verbatim-store
