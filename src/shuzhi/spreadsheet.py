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


def header_row(ws, row: int, headers) -> None:
    """A table's header row: (label, column width) each, bold on grey, thin borders."""
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    for col, (label, width) in enumerate(headers, 1):
        cell = put(ws, row, col, label)
        cell.font = Font(name="黑体", bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.fill = PatternFill("solid", fgColor="E7E6E6")
        cell.border = BORDER
        ws.column_dimensions[get_column_letter(col)].width = width


def printable(ws, header: int) -> None:
    """Prints as a table on A4 landscape: one page wide, the header row repeated, frozen below it, pages numbered."""
    ws.freeze_panes = f"A{header + 1}"
    ws.print_title_rows = f"{header}:{header}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.oddFooter.center.text = "第 &P 页，共 &N 页"


def _border():
    from openpyxl.styles import Border, Side

    thin = Side(style="thin", color="999999")
    return Border(left=thin, right=thin, top=thin, bottom=thin)


BORDER = _border()
