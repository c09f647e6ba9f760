"""Checks that read a manuscript's text: identifiers, small counts and case descriptions in
prose, places below the released geography, named data sources, acknowledgements."""
