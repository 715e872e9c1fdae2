"""Cells of the spreadsheets the project writes: user-supplied text is always text, never a formula."""

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
