//! verbatim-server
