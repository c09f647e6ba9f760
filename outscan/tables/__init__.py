"""Understanding published tables: cells, columns, layout."""
