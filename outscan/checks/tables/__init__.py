"""Checks that read tables (CSV, TSV, XLSX sheets; later tables inside documents)."""
