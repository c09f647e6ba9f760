"""Checks that read a DICOM header: the confidentiality profile's attributes, private tags,
identifying free text, burned-in text risk; and, across a scan's series, face reconstruction."""
