"""The annual report as an editable .docx (python-docx), for Phòng Kinh tế to
adjust in Word or LibreOffice before signing. Same content as the PDF
(`report.report_context`), same NĐ 30/2020 layout: A4, margins 20/20/30/15 mm,
Times New Roman 14 pt, page numbers from page 2, heading in two columns.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import _Cell
from docx.text.paragraph import Paragraph

from creditsite.model.site import SiteData
from creditsite.render.print.report import report_context

# The decree's face. Where it is missing, Word and LibreOffice use a
# metric-compatible substitute (Liberation Serif), so lines break the same.
FONT = "Times New Roman"
INDENT = Mm(12.7)


def _font(run_or_style: Any, size: float | None = None, bold: bool | None = None, italic: bool | None = None) -> None:
    font = run_or_style.font
    font.name = FONT
    if size is not None:
        font.size = Pt(size)
    if bold is not None:
        font.bold = bold
    if italic is not None:
        font.italic = italic
    rpr = run_or_style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)


def _para(
    container: Any,
    text: str = "",
    *,
    size: float = 14,
    bold: bool = False,
    italic: bool = False,
    align: WD_ALIGN_PARAGRAPH | None = None,
    indent: bool = False,
    after: float = 6,
) -> Paragraph:
    paragraph = container.add_paragraph()
    fmt = paragraph.paragraph_format
    fmt.space_before, fmt.space_after = Pt(0), Pt(after)
    fmt.first_line_indent = INDENT if indent else Mm(0)
    paragraph.alignment = align if align is not None else WD_ALIGN_PARAGRAPH.JUSTIFY
    if text:
        _font(paragraph.add_run(text), size, bold, italic)
    return paragraph


def _border(paragraph: Paragraph, sides: tuple[str, ...], size: int = 6) -> None:
    """A paragraph border; between indents, a bottom border is a short rule."""
    ppr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    for side in sides:
        edge = OxmlElement(f"w:{side}")
        for key, value in (("w:val", "single"), ("w:sz", str(size)), ("w:space", "1"), ("w:color", "000000")):
            edge.set(qn(key), value)
        borders.append(edge)
    ppr.append(borders)


def _rule(container: Any, width_mm: float, cell_mm: float) -> None:
    side = Mm((cell_mm - width_mm) / 2)
    rule = _para(container, size=4, align=WD_ALIGN_PARAGRAPH.CENTER, after=4)
    rule.paragraph_format.left_indent = rule.paragraph_format.right_indent = side
    _border(rule, ("bottom",))


def _page_numbers(doc: DocxDocument) -> None:
    """A PAGE field centred in the top margin; none on the first page."""
    section = doc.sections[0]
    section.different_first_page_header_footer = True
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run()
    _font(run, 13)
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            node = OxmlElement("w:fldChar")
            node.set(qn("w:fldCharType"), kind)
        else:
            node = OxmlElement("w:instrText")
            node.set(qn("xml:space"), "preserve")
            node.text = text
        run._r.append(node)


def _cell(cell: _Cell, width_mm: float) -> _Cell:
    cell.width = Mm(width_mm)
    cell.paragraphs[0]._p.getparent().remove(cell.paragraphs[0]._p)  # start empty
    return cell


def _widths(table: Any, widths_mm: tuple[float, ...]) -> None:
    """Fixed column widths (Word reads the cells, LibreOffice the grid)."""
    table.autofit = False
    for column, width in zip(table.columns, widths_mm):
        column.width = Mm(width)


def build(ctx: dict[str, Any]) -> DocxDocument:
    t = ctx["t"]
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    section.header_distance = Mm(10)
    _font(doc.styles["Normal"], 14)
    _page_numbers(doc)
    center = WD_ALIGN_PARAGRAPH.CENTER

    heading = doc.add_table(rows=1, cols=2)
    heading.alignment = WD_TABLE_ALIGNMENT.CENTER
    _widths(heading, (67, 98))
    left, right = _cell(heading.cell(0, 0), 67), _cell(heading.cell(0, 1), 98)
    _para(left, ctx["issuer_name"].upper(), size=13, bold=True, align=center, after=0)
    _rule(left, 25, 67)
    _para(left, f"{t('report_number')}: {ctx['number']}/{ctx['settings'].symbol}", size=13, align=center)
    _para(right, t("report_nation"), size=12, bold=True, align=center, after=0)
    motto = _para(right, align=center, after=0)
    _font(motto.add_run(t("report_motto")), 13.5, bold=True)
    motto.runs[0].font.underline = True
    _para(right, ctx["date_line"], italic=True, align=center, after=0).paragraph_format.space_before = Pt(10)

    if ctx["sample"]:
        box = _para(doc, t("report_sample"), bold=True, align=center)
        box.paragraph_format.space_before = Pt(10)
        _border(box, ("top", "left", "bottom", "right"), 12)
        footer = doc.sections[0].footer.paragraphs[0]
        footer.alignment = center
        _font(footer.add_run(t("report_sample")), 10, bold=True)
        first_footer = doc.sections[0].first_page_footer.paragraphs[0]
        first_footer.alignment = center
        _font(first_footer.add_run(t("report_sample")), 10, bold=True)

    _para(doc, t("report_kind"), bold=True, align=center, after=0).paragraph_format.space_before = Pt(12)
    _para(doc, ctx["subject"], bold=True, align=center, after=0)
    _rule(doc, 40, 165)
    _para(doc, ctx["intro"], indent=True)

    _para(doc, f"I. {t('report_results')}", bold=True, indent=True)
    _para(doc, f"1. {t('report_tasks')}", bold=True, indent=True)
    _para(doc, ctx["status_summary"], indent=True)
    for group in ctx["groups"]:
        _para(doc, group.heading, bold=True, italic=True)
        for task in group.tasks:
            paragraph = _para(doc, indent=True)
            _font(paragraph.add_run(task.label + " "), bold=True)
            for i, line in enumerate(task.units):
                _font(paragraph.add_run(f"{line.who}: "))
                _font(paragraph.add_run(line.status), italic=True)
                _font(paragraph.add_run(line.detail + ("; " if i < len(task.units) - 1 else ".")))

    _para(doc, f"2. {t('report_targets')}", bold=True, indent=True)
    rows = ctx["target_rows"]
    table = doc.add_table(rows=1 + len(rows), cols=5)
    table.style = "Table Grid"
    head = ("TT", t("col_figure"), t("col_target"), f"{t('col_result')} {ctx['year']}", t("col_assessment"))
    widths = (10, 75, 30, 25, 25)
    _widths(table, widths)
    for col, (text, width) in enumerate(zip(head, widths)):
        cell = _cell(table.cell(0, col), width)
        _para(cell, text, size=12, bold=True, align=center, after=0)
    for r, row in enumerate(rows, 1):
        values = (str(r), row.title, row.goal, row.value, row.verdict)
        for col, (text, width) in enumerate(zip(values, widths)):
            cell = _cell(table.cell(r, col), width)
            _para(cell, text, size=12, align=WD_ALIGN_PARAGRAPH.LEFT if col == 1 else center, after=0)
    _para(doc, after=0)
    for intro, lines in ((ctx["figures_intro"], ctx["figure_lines"]), (ctx["fund_intro"], ctx["fund_lines"])):
        if lines:
            _para(doc, intro, indent=True)
            for i, (label, value) in enumerate(lines):
                _para(doc, f"- {label}: {value}{';' if i < len(lines) - 1 else '.'}", indent=True)

    progress = ctx["progress"]
    for title, items in (
        (f"II. {t('report_difficulties')}", progress.difficulties),
        (f"III. {t('report_proposals')}", progress.proposals),
    ):
        _para(doc, title, bold=True, indent=True)
        for item in items:
            _para(doc, f"- {item.vi}", indent=True)
        if not items:
            _para(doc, t("report_none"), indent=True)
    _para(doc, ctx["closing"], indent=True)

    closing = doc.add_table(rows=1, cols=2)
    _widths(closing, (75, 90))
    left, right = _cell(closing.cell(0, 0), 75), _cell(closing.cell(0, 1), 90)
    _para(left, t("report_recipients"), size=12, bold=True, italic=True, align=WD_ALIGN_PARAGRAPH.LEFT, after=0)
    recipients = ctx["recipients"]
    for i, line in enumerate(recipients):
        _para(
            left, f"- {line}{';' if i < len(recipients) - 1 else '.'}", size=11, align=WD_ALIGN_PARAGRAPH.LEFT, after=0
        )
    signature = ctx["settings"].signature
    if signature.authority:
        _para(right, signature.authority, bold=True, align=center, after=0)
    _para(right, signature.title, bold=True, align=center, after=0)
    _para(right, after=0).paragraph_format.space_before = Mm(28)
    _para(right, progress.report.signer_name or "", bold=True, align=center, after=0)

    props = doc.core_properties
    props.title = f"{t('report_kind').capitalize()} {ctx['subject']}"
    props.author = props.last_modified_by = ctx["issuer_name"]
    props.created = props.modified = ctx["created"].replace(tzinfo=None)
    props.revision = 1
    props.language = "vi-VN"
    return doc


def _repeatable(raw: bytes, when: tuple[int, ...]) -> bytes:
    """The same zip with fixed member dates, so one commit gives one file."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(raw)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=when)  # type: ignore[arg-type]
            fixed.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()


def write_docx(data: SiteData, year: int, out: Path) -> Path:
    ctx = report_context(data, year)
    buffer = io.BytesIO()
    build(ctx).save(buffer)
    when = ctx["created"]
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(_repeatable(buffer.getvalue(), (max(when.year, 1980), when.month, when.day, 0, 0, 0)))
    return out
