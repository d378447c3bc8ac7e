#!/usr/bin/env python3
"""Writes the hostile registers in this folder: spreadsheets that are small on disk and inflate to
far more than any clerk's register. usage: python3 make_hostile.py  (writes next to itself)"""
import os, zipfile

here = os.path.dirname(os.path.abspath(__file__))
NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def xlsx(name, shared_strings, sheet_chunks):
    """An XLSX with one sheet; `sheet_chunks` yields the sheetData's rows as strings."""
    parts = {
        "[Content_Types].xml":
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
        "_rels/.rels":
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml":
            f'<?xml version="1.0" encoding="UTF-8"?><workbook {NS} xmlns:r="{REL}"><sheets>'
            '<sheet name="返乡人员" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels":
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/>'
            f'<Relationship Id="rId2" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
        "xl/sharedStrings.xml": shared_strings,
    }
    with zipfile.ZipFile(os.path.join(here, name), "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        def entry(part):  # a fixed date, so the files are the same on every run
            return zipfile.ZipInfo(part, date_time=(2020, 1, 23, 0, 0, 0))
        for part, text in parts.items():
            z.writestr(entry(part), text, compress_type=zipfile.ZIP_DEFLATED, compresslevel=9)
        sheet_entry = entry("xl/worksheets/sheet1.xml")
        sheet_entry.compress_type = zipfile.ZIP_DEFLATED
        with z.open(sheet_entry, "w", force_zip64=True) as sheet:
            sheet.write(f'<?xml version="1.0" encoding="UTF-8"?><worksheet {NS}><sheetData>'.encode())
            for chunk in sheet_chunks:
                sheet.write(chunk.encode())
            sheet.write(b"</sheetData></worksheet>")


def shared(*strings):
    return (f'<?xml version="1.0" encoding="UTF-8"?><sst {NS}>' +
            "".join(f"<si><t>{s}</t></si>" for s in strings) + "</sst>")


def cell(ref, index):
    return f'<c r="{ref}" t="s"><v>{index}</v></c>'


# A clerk's register (title row, header, two rows) whose one remark cell holds 16 MB of text.
header = ["王茅镇返乡人员登记表", "村", "返乡日期", "来源地", "备注"]
rows = ('<row r="1">' + cell("A1", 0) + "</row>" +
        '<row r="2">' + cell("A2", 1) + cell("B2", 2) + cell("C2", 3) + cell("D2", 4) + "</row>" +
        '<row r="3"><c r="A3" t="s"><v>5</v></c><c r="B3"><v>43853</v></c><c r="C3" t="s"><v>6</v></c>'
        '<c r="D3" t="s"><v>7</v></c></row>')
xlsx("cell-bomb.xlsx", shared(*header, "王茅村三组", "武汉", "x" * (16 << 20)), [rows])

# A sheet of 1,100,000 rows, one number each: more rows than Excel itself allows in a sheet.
title = '<row r="1">' + cell("A1", 0) + "</row>"
xlsx("many-rows.xlsx", shared("返乡日期"), [title] + ["<row><c><v>43853</v></c></row>" * 1000] * 1100)

# The control: a clerk's register as it comes (title row, header, rows, a 合计 row), well within
# every limit; the fuzz target's seed corpus starts from it too.
strings = header + ["王茅村三组", "武汉", "居家隔离", "东垣村一组", "湖北其他", "合计"]
rows = ('<row r="1">' + cell("A1", 0) + "</row>" +
        '<row r="2">' + "".join(cell(f"{c}2", i) for c, i in zip("ABCD", [1, 2, 3, 4])) + "</row>" +
        '<row r="3">' + cell("A3", 5) + '<c r="B3"><v>43853</v></c>' + cell("C3", 6) + cell("D3", 7) + "</row>" +
        '<row r="4">' + cell("A4", 8) + '<c r="B4" t="inlineStr"><is><t>2020-01-25</t></is></c>' + cell("C4", 9) + "</row>" +
        '<row r="5">' + cell("A5", 10) + '<c r="B5"><v>2</v></c></row>')
xlsx("register.xlsx", shared(*strings), [rows])
