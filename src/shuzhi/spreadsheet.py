"""Cells of the spreadsheets the project writes (every .xlsx of every app): user-supplied text is always text, never a formula."""

from __future__ import annotations

# A cell beginning with one of these is read as a formula (or a DDE command) by Excel, WPS and LibreOffice.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_value(value):
    """For a CSV file, where a cell has no type: text that could be read as a formula gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def put(ws, row: int, column: int, value):
    """Write a value into an .xlsx cell; text stays text (openpyxl would store “=…” as a formula)."""
    cell = ws.cell(row, column)
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"
    return cell


def append(ws, values) -> int:
    """ws.append with every text kept as text; returns the row written."""
    row = ws.max_row + 1 if ws.max_row > 1 or ws.cell(1, 1).value is not None else 1
    for col, value in enumerate(values, 1):
        put(ws, row, col, value)
    return row
