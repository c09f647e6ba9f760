"""Writes sample_data/tables/survival_by_stage.xlsx (synthetic). Run from the repository root.

Kept as a script so the workbook in sample_data can be rebuilt and reviewed as text.
"""

from pathlib import Path

import openpyxl
from openpyxl.styles import Font

OUT = Path("sample_data/tables/survival_by_stage.xlsx")


def main() -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "By stage"
    sheet["A1"] = "Table 3. Five-year survivors by stage and sex (synthetic)"
    sheet.merge_cells("A1:E1")
    sheet["A2"] = "Stage"
    sheet["B2"] = "Male"
    sheet.merge_cells("B2:C2")
    sheet["D2"] = "Female"
    sheet.merge_cells("D2:E2")
    for column, text in zip("BCDE", ("n", "%", "n", "%")):
        sheet[f"{column}3"] = text
    rows = [
        ("Stage I", 45, 0.381, 52, 0.412),
        ("Stage II", 38, 0.322, 41, 0.325),
        ("Stage III", 29, 0.246, 27, 0.214),
        ("Stage IV", 6, 0.051, 6, 0.048),
        ("Total", 118, 1.0, 126, 1.0),
    ]
    for offset, values in enumerate(rows, start=4):
        for column, value in zip("ABCDE", values):
            cell = sheet[f"{column}{offset}"]
            cell.value = value
            if column in "CE":
                cell.number_format = "0.0%"
    for cell in sheet[2] + sheet[3]:
        cell.font = Font(bold=True)

    rates = workbook.create_sheet("Rates")
    rates.append(["Stage", "5-year relative survival (%)", "95% CI", "Median survival (months)"])
    rates.append(["Stage I", 93.1, "90.2-95.3", 61])
    rates.append(["Stage II", 84.7, "80.1-88.4", 58])
    rates.append(["Stage III", 66.0, "59.8-71.5", 44])
    rates.append(["Stage IV", 21.4, "12.0-32.6", 9])
    workbook.save(OUT)


if __name__ == "__main__":
    main()
