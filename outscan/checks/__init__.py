"""Checks, one per file, grouped by what they read (tables/, later text/, dicom/, repo/)."""
