"""Readers on real files written to tmp_path: encodings, delimiters, layout, row numbers, XLSX."""

from __future__ import annotations

import codecs

import openpyxl
import pytest

from outscan.readers import ReadError, reader_for
from outscan.readers.delimited import read_delimited
from outscan.readers.text_encoding import detect_encoding
from outscan.readers.xlsx import read_xlsx
from tests.conftest import write


def rows_of(table) -> list[tuple[int, tuple[str, ...]]]:
    return [(row.number, row.cells) for row in table.rows]


def read_one(path, delimiter=None):
    tables = read_delimited(path, delimiter)
    assert len(tables) == 1
    return tables[0]


# --- encodings -----------------------------------------------------------------------------


def test_utf8_with_accents(tmp_path):
    path = write(tmp_path, "regions.csv", "Région,Décès\nÎle-de-France,5\nNord,12\n")
    table = read_one(path, ",")
    assert table.source_encoding == "utf-8"
    assert table.header == ("Région", "Décès")
    assert rows_of(table) == [(2, ("Île-de-France", "5")), (3, ("Nord", "12"))]


def test_utf8_bom_is_not_part_of_the_first_header(tmp_path):
    path = write(tmp_path, "bom.csv", codecs.BOM_UTF8 + b"Group,n\nA,5\nB,12\n")
    table = read_one(path, ",")
    assert table.source_encoding == "utf-8-sig"
    assert table.header == ("Group", "n")  # not "\ufeffGroup"
    assert rows_of(table)[0] == (2, ("A", "5"))


def test_cp1252_dagger_in_header(tmp_path):
    # State Cancer Profiles style: 0x86 is the dagger in Windows-1252, invalid as UTF-8.
    data = b'State,"Rate(\x86) - cases per 100,000",Average Annual Count\nKentucky,503.9,26092\nOhio,460.1,65011\n'
    path = write(tmp_path, "incd.csv", data)
    table = read_one(path, ",")
    assert table.source_encoding == "cp1252"
    assert table.header == ("State", "Rate(\u2020) - cases per 100,000", "Average Annual Count")
    assert rows_of(table) == [(2, ("Kentucky", "503.9", "26092")), (3, ("Ohio", "460.1", "65011"))]


def test_cp1252_undefined_byte_does_not_fail(tmp_path):
    # 0x81 is undefined in cp1252: it must decode (as Latin-1), not raise.
    path = write(tmp_path, "odd.csv", b"Group\x81,n\nA,5\nB,12\n")
    table = read_one(path, ",")
    assert table.source_encoding == "cp1252"
    assert table.header == ("Group\x81", "n")


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_with_bom(tmp_path, codec):
    bom = {"utf-16": b"", "utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE}[codec]
    text = "Région\tDeaths\nÅland\t5\nNord\t12\n"
    path = write(tmp_path, "export.tsv", bom + text.encode(codec))
    assert detect_encoding(path) == ("utf-16", "strict")
    table = read_one(path, "\t")
    assert table.header == ("Région", "Deaths")
    assert rows_of(table) == [(2, ("Åland", "5")), (3, ("Nord", "12"))]


def test_gbk_table_with_mostly_digits_is_refused(tmp_path):
    # Chinese labels in a table of numbers: under 30% non-ASCII bytes, but still not Western text.
    lines = ["省份,病例数,人口,发病率,年份"] + [
        f"{name},{n},{n * 417},{n / 3:.2f},2019"
        for name, n in zip(["北京市", "上海市", "广东省", "四川省", "河南省", "山东省"] * 4, range(3, 300, 9))
    ]
    path = write(tmp_path, "gbk.csv", ("\n".join(lines) + "\n").encode("gbk"))
    with pytest.raises(ReadError, match="not UTF-8.*save it as UTF-8"):
        read_delimited(path, ",")


def test_portuguese_cp1252_is_still_read(tmp_path):
    text = "Município,Região,Notificações\nSão Paulo,Sudeste,5\nJoão Pessoa,Nordeste,12\nMaceió,Nordeste,40\n"
    path = write(tmp_path, "br.csv", text.encode("cp1252"))
    table = read_one(path, ",")
    assert table.source_encoding == "cp1252"
    assert table.header == ("Município", "Região", "Notificações")
    assert rows_of(table)[1] == (3, ("João Pessoa", "Nordeste", "12"))


# --- delimiters ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "delimiter", "preferred"),
    [("c.csv", ",", ","), ("t.tsv", "\t", "\t"), ("s.csv", ";", ","), ("p.csv", "|", ","), ("t.csv", "\t", ",")],
)
def test_delimiter_detection(tmp_path, name, delimiter, preferred):
    lines = ["Age group,Male,Female,Total", "0-14,5,20,25", "15-64,12,30,42", "65+,40,50,90"]
    path = write(tmp_path, name, "\n".join(line.replace(",", delimiter) for line in lines) + "\n")
    reader = reader_for("csv" if preferred == "," else "tsv")
    (table,) = reader(path)
    assert table.header == ("Age group", "Male", "Female", "Total")
    assert rows_of(table) == [
        (2, ("0-14", "5", "20", "25")), (3, ("15-64", "12", "30", "42")), (4, ("65+", "40", "50", "90")),
    ]


def test_semicolon_csv_with_decimal_commas(tmp_path):
    path = write(tmp_path, "eu.csv", "Region;Deaths;Rate\nNord;5;1,25\nSud;12;3,5\nOuest;30;7,75\n")
    table = read_one(path, ",")
    assert table.header == ("Region", "Deaths", "Rate")
    assert rows_of(table)[0] == (2, ("Nord", "5", "1,25"))


WONDER = (
    '"Notes"\t"Single Race 6"\t"Single Race 6 Code"\tDeaths\tPopulation\tCrude Rate\n'
    '\t"American Indian or Alaska Native"\t"1002-5"\t35\t20567\t170.176\n'
    '\t"Asian"\t"A"\t357\t176579\t202.176\n'
    '\t"Native Hawaiian or Other Pacific Islander"\t"NHOPI"\tSuppressed\t3879\tSuppressed\n'
    '\t"White"\t"2106-3"\t28601\t2841541\t1006.531\n'
    '"---"\n'
    '"Dataset: Underlying Cause of Death, 2018-2021, Single Race"\n'
    '"Query Parameters:"\n'
    '"States: Connecticut (09)"\n'
    '"Year/Month: 2019"\n'
    '"Group By:"\t"Single Race 6"\n'
    '"Show Totals: Disabled"\n'
    '"---"\n'
    '"Help: See http://wonder.cdc.gov/wonder/help/ucd-expanded.html for more information."\n'
    '"Query Date: Sep 28, 2023 3:53:57 PM"\n'
    '"Suppression Rule: Death counts between 1 and 9 are suppressed."\t"1"\t"9"\n'
)


def test_cdc_wonder_txt_export(tmp_path):
    path = write(tmp_path, "allcause_2019_race.txt", WONDER)
    (table,) = read_delimited(path, "\t")
    assert table.header == ("Notes", "Single Race 6", "Single Race 6 Code", "Deaths", "Population", "Crude Rate")
    assert [row.number for row in table.rows] == [2, 3, 4, 5]
    assert table.rows[2].cells == ("", "Native Hawaiian or Other Pacific Islander", "NHOPI", "Suppressed", "3879",
                                   "Suppressed")
    assert table.rows[-1].cells[1] == "White"
    # The notes block is kept as notes, never as data (not even the tab-split lines with numbers).
    assert "Dataset: Underlying Cause of Death, 2018-2021, Single Race" in table.notes
    assert "Suppression Rule: Death counts between 1 and 9 are suppressed. 1 9" in table.notes
    assert all("Query" not in " ".join(row.cells) for row in table.rows)


# --- layout: titles, footnotes, row numbers, stacked headers ----------------------------------


def test_title_lines_and_footnotes_are_not_data(tmp_path):
    text = (
        "Table 2: Cases by age group, 2019\n"           # unquoted title, split on its comma
        '"All races, both sexes, Connecticut"\n'          # quoted title holding commas
        "\n"
        "Age group,Male,Female,Total\n"
        "0-14,5,20,25\n"
        "15-64,12,30,42\n"
        "65+,40,50,90\n"
        "\n"
        "Source: Connecticut tumor registry, 2020\n"       # footnote split on its comma, with a year
        '"Note: counts of 1-9 are suppressed, totals are not."\n'
    )
    path = write(tmp_path, "titled.csv", text)
    table = read_one(path, ",")
    assert table.header == ("Age group", "Male", "Female", "Total")
    assert table.header_rows == (4,)
    assert table.title == ("Table 2: Cases by age group 2019", "All races, both sexes, Connecticut")
    assert rows_of(table) == [
        (5, ("0-14", "5", "20", "25")), (6, ("15-64", "12", "30", "42")), (7, ("65+", "40", "50", "90")),
    ]
    assert table.notes == ("Source: Connecticut tumor registry 2020", "Note: counts of 1-9 are suppressed, totals are not.")


def test_scp_style_title_padding_and_footnotes(tmp_path):
    # State Cancer Profiles pad every title and footnote line with the table's commas.
    text = (
        "Incidence Rate Report by State,,,\n"
        ",,,\n"
        '"All Cancer Sites, 2014",,,\n'
        ",,,\n"
        "State, FIPS,Rate,Average Annual Count\n"
        '"Kentucky(3,8)",21000,503.9,26092\n'
        '"Delaware(2,10)",10000,480.2,5586\n'
        ",,,\n"
        "Created by statecancerprofiles.cancer.gov on 01/20/2018 4:15 pm.,,,\n"
        "*** No Healthy People 2020 Objective for this cancer.,,,\n"
    )
    table = read_one(write(tmp_path, "incd.csv", text), ",")
    assert table.header == ("State", "FIPS", "Rate", "Average Annual Count")
    assert table.header_rows == (5,)
    assert table.title == ("Incidence Rate Report by State", "All Cancer Sites, 2014")
    assert [row.number for row in table.rows] == [6, 7]
    assert table.notes[0].startswith("Created by statecancerprofiles")


def test_row_numbers_count_blank_lines_and_multiline_fields(tmp_path):
    text = 'Group,n\n\nA,5\n"B, spanning\ntwo lines",12\nC,3\r\nD,44\r\n'
    table = read_one(write(tmp_path, "rows.csv", text), ",")
    numbered = {row.number: row.cells for row in table.rows if row.cells}
    # Row 2 is the blank line; the quoted field on lines 4-5 is one row (4), so C is row 5.
    assert numbered == {3: ("A", "5"), 4: ("B, spanning\ntwo lines", "12"), 5: ("C", "3"), 6: ("D", "44")}


def test_stacked_header_with_spanning_labels(tmp_path):
    text = "Characteristic,Male,,Female,\n,n,%,n,%\n0-14,5,10.0,20,40.0\n15-64,45,90.0,30,60.0\n"
    table = read_one(write(tmp_path, "table1.csv", text), ",")
    assert table.header == ("Characteristic", "Male n", "Male %", "Female n", "Female %")
    assert table.header_rows == (1, 2)
    assert rows_of(table) == [(3, ("0-14", "5", "10.0", "20", "40.0")), (4, ("15-64", "45", "90.0", "30", "60.0"))]


def test_binary_named_csv_is_a_read_error(tmp_path):
    path = write(tmp_path, "photo.csv", bytes(range(256)) * 4)
    with pytest.raises(ReadError, match="binary"):
        read_delimited(path, ",")


# --- XLSX ------------------------------------------------------------------------------------


@pytest.fixture
def workbook_path(tmp_path):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "By sex"
    sheet.append(["Table 3. Patients by age and sex"])
    sheet.append(["Age group", "Male", None, "Female", None])
    sheet.merge_cells("B2:C2")
    sheet.merge_cells("D2:E2")
    sheet.append([None, "n", "%", "n", "%"])
    sheet.append(["0-14", 5, 0.125, 20, 0.5])
    sheet.append(["15-64", 35, 0.875, 20, 0.5])
    for row in sheet.iter_rows(min_row=4, max_row=5):
        row[2].number_format = "0.0%"
        row[4].number_format = "0%"
    region = workbook.create_sheet("Region")
    region.append(["Region", "Deaths"])
    region.append(["North", 3])
    region.append(["South", 44.0])
    workbook.create_sheet("Empty")
    path = tmp_path / "tables.xlsx"
    workbook.save(path)
    return path


def test_xlsx_every_sheet_merged_headers_percentages(workbook_path):
    tables = read_xlsx(workbook_path)
    assert [t.sheet for t in tables] == ["By sex", "Region"]  # the empty sheet gives no table
    by_sex, region = tables
    assert by_sex.title == ("Table 3. Patients by age and sex",)
    assert by_sex.header_rows == (2, 3)
    assert by_sex.header == ("Age group", "Male n", "Male %", "Female n", "Female %")
    assert rows_of(by_sex) == [(4, ("0-14", "5", "12.5%", "20", "50%")), (5, ("15-64", "35", "87.5%", "20", "50%"))]
    assert region.header == ("Region", "Deaths")
    assert rows_of(region) == [(2, ("North", "3")), (3, ("South", "44"))]


def test_xlsx_through_the_reader_registry(workbook_path):
    reader = reader_for("xlsx")
    assert reader is not None
    assert len(reader(workbook_path)) == 2


def test_truncated_xlsx_is_a_read_error(workbook_path, tmp_path):
    data = workbook_path.read_bytes()
    cut = write(tmp_path, "cut.xlsx", data[: len(data) // 2])
    with pytest.raises(ReadError, match="XLSX"):
        read_xlsx(cut)
