"""One module per source: its raw table shapes and the parsers for its official file formats."""
