"""The one exception type for bad input.

Every check on user input raises :class:`InputError` with a message that names the
file, row, column or parameter at fault. The command line turns it into one line on
stderr and exit status 2; the Python API lets it propagate.
"""

from __future__ import annotations


class InputError(ValueError):
    """Bad input: a file, row, column or parameter that cannot be used as given."""


def where(file: object = None, row: object = None, column: object = None) -> str:
    """Format a location prefix such as ``data.csv, row 3, column 'gdp': ``.

    Rows are 1-based data rows (the header is row 0), as a spreadsheet user counts them
    below the header.
    """
    parts = []
    if file is not None:
        parts.append(str(file))
    if row is not None:
        parts.append(f"row {row}")
    if column is not None:
        parts.append(f"column {column!r}")
    return (", ".join(parts) + ": ") if parts else ""
