"""Small files in the publishers' official formats, made from a few rows, for download and parser tests.

Each generator returns the bytes the publisher would serve under the pinned file name
(``etl/releases.toml``), in that publisher's layout: the O*NET text-edition zip (tab-separated,
``db_29_3_text/<Name>.txt``, without the descriptive columns only the Excel edition carries),
BLS LABSTAT ``oe.*`` flat files (tab-separated, padded, Windows-1252), the projections workbook
(title row, header row 2, data, then notes), the NCES crosswalk workbook and ``="…"``-quoted CSV,
the Census gazetteer zip (space-padded headers) and the OMB delineation workbook (two title rows),
the Indeed Hiring Lab CSVs, and the npm registry's us-atlas tarball (TopoJSON with quantized,
delta-encoded arcs).

The rows are one small, internally consistent world, so a build of them passes every data check
except the row-count bands: the projections total equals the sum of its line items, every OEWS
metro area is in the gazetteer, and the areas are the nation, one state, one metro and one
nonmetropolitan area. Published figures used by the tests are module constants.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import tarfile
import zipfile
from pathlib import Path

from openpyxl import Workbook

ZIP_DATE = (2025, 5, 1, 0, 0, 0)  # fixed member timestamps: the same rows give the same bytes

# --------------------------------------------------------------------------------------------
# O*NET text edition
# --------------------------------------------------------------------------------------------

ONET_OCCUPATIONS = (  # code, title, description, job zone ("" = none: military occupations)
    (
        "11-1011.00",
        "Chief Executives",
        "Determine and formulate policies and provide overall direction of companies.",
        "5",
    ),
    (
        "13-1021.00",
        "Buyers and Purchasing Agents, Farm Products",
        "Purchase farm products either for further processing or resale.",
        "3",
    ),
    (
        "29-1141.00",
        "Registered Nurses",
        "Assess patient health problems and needs, develop and implement nursing care plans.",
        "3",
    ),
    (
        "29-1141.03",
        "Critical Care Nurses",
        "Provide specialized nursing care for patients in critical or coronary care units.",
        "4",
    ),
    (
        "53-1042.00",
        "First-Line Supervisors of Helpers, Laborers, and Material Movers, Hand",
        "Directly supervise and coordinate the activities of helpers, laborers, or material movers.",
        "2",
    ),
    (
        "55-1011.00",
        "Air Crew Officers",
        "Perform and direct in-flight duties to ensure the successful completion of combat missions.",
        "",
    ),
)
RATED_OCCUPATIONS = tuple(code for code, *_ in ONET_OCCUPATIONS if not code.startswith("55-"))
ONET_TITLES = {code: title for code, title, *_ in ONET_OCCUPATIONS}

SKILLS = (("2.A.1.a", "Reading Comprehension"), ("2.B.1.a", "Social Perceptiveness"))
KNOWLEDGE = (("2.C.1.a", "Administration and Management"), ("2.C.5.a", "Medicine and Dentistry"))
WORK_STYLES = (("1.C.1.a", "Achievement/Effort"), ("1.C.3.b", "Concern for Others"))
WORK_ACTIVITIES = (("4.A.1.a.1", "Getting Information"), ("4.A.4.a.5", "Assisting and Caring for Others"))
INTERESTS = (
    ("1.B.1.a", "Realistic"),
    ("1.B.1.b", "Investigative"),
    ("1.B.1.c", "Artistic"),
    ("1.B.1.d", "Social"),
    ("1.B.1.e", "Enterprising"),
    ("1.B.1.f", "Conventional"),
)
HIGH_POINTS = (
    ("1.B.1.g", "First Interest High-Point"),
    ("1.B.1.h", "Second Interest High-Point"),
    ("1.B.1.i", "Third Interest High-Point"),
)
EDUCATION = ("2.D.1", "Required Level of Education")
EDUCATION_CATEGORIES = (
    (1, "Less than a High School Diploma"),
    (2, "High School Diploma - or the equivalent (for example, GED)"),
    (3, "Post-Secondary Certificate"),
)
SCALES = (
    ("IM", "Importance", "1", "5"),
    ("LV", "Level", "0", "7"),
    ("OI", "Occupational Interests", "1", "7"),
    ("IH", "Occupational Interest High-Point", "0", "6"),
    ("RL", "Required Level Of Education (Categories 1-12)", "1", "12"),
    ("RT", "Relevance of Task", "0", "100"),
    ("CX", "Context", "1", "5"),
    ("CXP", "Context (Categories 1-5)", "0", "100"),
    ("CT", "Context", "1", "3"),
    ("CTP", "Context (Categories 1-3)", "0", "100"),
)
SCALE_NAMES = {scale_id: name for scale_id, name, *_ in SCALES}

# A published figure the download test reads back: Registered Nurses, Reading Comprehension importance.
RN_READING_IMPORTANCE = 3.88
_RATING_OVERRIDES = {("Skills", "29-1141.00", "2.A.1.a", "IM"): "3.88"}

# The text edition's own headers: the Excel edition adds Title, Scale Name and similar lookups.
_STATS = ["N", "Standard Error", "Lower CI Bound", "Upper CI Bound", "Recommend Suppress"]
TEXT_HEADERS = {
    "Occupation Data": ["O*NET-SOC Code", "Title", "Description"],
    "Skills": [
        "O*NET-SOC Code",
        "Element ID",
        "Element Name",
        "Scale ID",
        "Data Value",
        *_STATS,
        "Not Relevant",
        "Date",
        "Domain Source",
    ],
    "Work Styles": [
        "O*NET-SOC Code",
        "Element ID",
        "Element Name",
        "Scale ID",
        "Data Value",
        *_STATS,
        "Date",
        "Domain Source",
    ],
    "Interests": ["O*NET-SOC Code", "Element ID", "Element Name", "Scale ID", "Data Value", "Date", "Domain Source"],
    "Job Zones": ["O*NET-SOC Code", "Job Zone", "Date", "Domain Source"],
    "Job Zone Reference": ["Job Zone", "Name", "Experience", "Education", "Job Training", "Examples", "SVP Range"],
    "Education, Training, and Experience": [
        "O*NET-SOC Code",
        "Element ID",
        "Element Name",
        "Scale ID",
        "Category",
        "Data Value",
        *_STATS,
        "Date",
        "Domain Source",
    ],
    "Education, Training, and Experience Categories": [
        "Element ID",
        "Element Name",
        "Scale ID",
        "Category",
        "Category Description",
    ],
    "Alternate Titles": ["O*NET-SOC Code", "Alternate Title", "Short Title", "Source(s)"],
    "Sample of Reported Titles": ["O*NET-SOC Code", "Reported Job Title", "Shown in My Next Move"],
    "Related Occupations": ["O*NET-SOC Code", "Related O*NET-SOC Code", "Relatedness Tier", "Index"],
    "Task Statements": [
        "O*NET-SOC Code",
        "Task ID",
        "Task",
        "Task Type",
        "Incumbents Responding",
        "Date",
        "Domain Source",
    ],
    "Tasks to DWAs": ["O*NET-SOC Code", "Task ID", "DWA ID", "Date", "Domain Source"],
    "IWA Reference": ["Element ID", "IWA ID", "IWA Title"],
    "DWA Reference": ["Element ID", "IWA ID", "DWA ID", "DWA Title"],
    "Content Model Reference": ["Element ID", "Element Name", "Description"],
    "Scales Reference": ["Scale ID", "Scale Name", "Minimum", "Maximum"],
    "Level Scale Anchors": ["Element ID", "Element Name", "Scale ID", "Anchor Value", "Anchor Description"],
}
# Files of the full release only (the shipped snapshot lacks Task Ratings, Abilities and Work Context).
TEXT_HEADERS.update(
    {
        "Technology Skills": ["O*NET-SOC Code", "Example", "Commodity Code", "Hot Technology", "In Demand"],
        "UNSPSC Reference": ["Commodity Code", "Commodity Title", "Class Code", "Class Title"],
        "Task Ratings": [
            "O*NET-SOC Code",
            "Task ID",
            "Scale ID",
            "Category",
            "Data Value",
            *_STATS,
            "Date",
            "Domain Source",
        ],
        "Work Context": [
            "O*NET-SOC Code",
            "Element ID",
            "Element Name",
            "Scale ID",
            "Category",
            "Data Value",
            *_STATS,
            "Not Relevant",
            "Date",
            "Domain Source",
        ],
        "Work Context Categories": ["Element ID", "Element Name", "Scale ID", "Category", "Category Description"],
    }
)
TEXT_HEADERS["Knowledge"] = TEXT_HEADERS["Skills"]
TEXT_HEADERS["Abilities"] = TEXT_HEADERS["Skills"]
TEXT_HEADERS["Work Activities"] = TEXT_HEADERS["Skills"]


def onet_text_zip(folder: str = "db_29_3_text") -> bytes:
    """The O*NET text edition: ``<folder>/<Name>.txt`` for every file the ETL reads or looks up."""
    rows = onet_rows()
    return zip_bytes({f"{folder}/{name}.txt": text_table(TEXT_HEADERS[name], rows[name]) for name in TEXT_HEADERS})


def text_table(headers: list[str], rows: list[list[str]]) -> bytes:
    """Tab-separated, one header line, CRLF line ends, UTF-8: how O*NET writes its text files."""
    lines = ["\t".join(headers)] + ["\t".join(str(v) for v in row) for row in rows]
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")


def onet_rows() -> dict[str, list[list[str]]]:
    """Rows per text-edition file, in that file's column order."""
    elements = (*SKILLS, *KNOWLEDGE, *WORK_STYLES, *WORK_ACTIVITIES, *INTERESTS, *HIGH_POINTS, EDUCATION)
    return {
        "Occupation Data": [[code, title, description] for code, title, description, _ in ONET_OCCUPATIONS],
        "Skills": _rating_rows("Skills", SKILLS, not_relevant=True),
        "Knowledge": _rating_rows("Knowledge", KNOWLEDGE, not_relevant=True),
        "Work Activities": _rating_rows("Work Activities", WORK_ACTIVITIES, not_relevant=True),
        "Work Styles": _rating_rows("Work Styles", WORK_STYLES, scales=("IM",)),
        "Interests": _interest_rows(),
        "Job Zones": [[code, zone, "08/2024", "Analyst"] for code, _, _, zone in ONET_OCCUPATIONS if zone],
        "Job Zone Reference": _job_zone_reference_rows(),
        "Education, Training, and Experience": _education_rows(),
        "Education, Training, and Experience Categories": [
            [EDUCATION[0], EDUCATION[1], "RL", str(n), text] for n, text in EDUCATION_CATEGORIES
        ],
        "Alternate Titles": [
            ["11-1011.00", "Chief Executive Officer", "CEO", "02,10"],
            ["29-1141.00", "Staff Nurse", "n/a", "08"],
            ["29-1141.00", "Registered Nurse (RN)", "RN", "02,10"],
            ["29-1141.03", "Intensive Care Unit Nurse", "ICU Nurse", "10"],
        ],
        "Sample of Reported Titles": [
            ["29-1141.00", "Registered Nurse (RN)", "Y"],
            ["29-1141.03", "Critical Care Registered Nurse", "Y"],
            ["11-1011.00", "Chief Executive Officer (CEO)", "Y"],
        ],
        "Related Occupations": [
            ["29-1141.00", "29-1141.03", "Primary-Short", "1"],
            ["29-1141.03", "29-1141.00", "Primary-Short", "1"],
            ["11-1011.00", "13-1021.00", "Supplemental", "11"],
        ],
        "Task Statements": [
            [
                "29-1141.00",
                "15203",
                "Monitor, record, and report symptoms or changes in patients' conditions.",
                "Core",
                "96",
                "08/2024",
                "Incumbent",
            ],
            *[
                [code, task_id, text, kind, share, "08/2024", "Incumbent"]
                for code, task_id, text, kind, share, _ in RN_TASKS
            ],
            [
                "11-1011.00",
                "20461",
                "Direct or coordinate an organization's financial or budget activities.",
                "Core",
                "28",
                "08/2024",
                "Incumbent",
            ],
        ],
        **_full_release_rows(),
        "Tasks to DWAs": [
            ["29-1141.00", "15203", "4.A.1.a.1.I01.D01", "03/2014", "Analyst"],
            ["11-1011.00", "20461", "4.A.1.a.1.I01.D01", "03/2014", "Analyst"],
        ],
        "IWA Reference": [["4.A.1.a.1", "4.A.1.a.1.I01", "Study details of operations or records."]],
        "DWA Reference": [["4.A.1.a.1", "4.A.1.a.1.I01", "4.A.1.a.1.I01.D01", "Review records of patient care."]],
        "Content Model Reference": [
            [element_id, name, f"{name}: description in the O*NET Content Model."] for element_id, name in elements
        ],
        "Scales Reference": [list(scale) for scale in SCALES],
        "Level Scale Anchors": [
            ["2.A.1.a", "Reading Comprehension", "LV", "2", "Read step-by-step instructions for completing a form"],
            [
                "2.A.1.a",
                "Reading Comprehension",
                "LV",
                "4",
                "Read a memo from management describing new personnel policies",
            ],
            [
                "2.A.1.a",
                "Reading Comprehension",
                "LV",
                "6",
                "Read a scientific journal article describing surgical procedures",
            ],
        ],
    }


ABILITIES = (("1.A.1.a.1", "Oral Comprehension"), ("1.A.3.a.3", "Static Strength"))
# More Registered Nurses tasks: (code, task id, task, type ("n/a" = not yet rated), incumbents responding,
# importance in Task Ratings). 15203 (above) is core with importance RN_TASK_IMPORTANCE[15203].
RN_TASKS = (
    (
        "29-1141.00",
        "15204",
        "Administer medications to patients and monitor patients for reactions.",
        "Core",
        "95",
        "4.71",
    ),
    (
        "29-1141.00",
        "15205",
        "Prepare rooms, sterile instruments, equipment, or supplies.",
        "Supplemental",
        "40",
        "4.90",
    ),
    ("29-1141.00", "23508", "Refer patients to community health resources.", "n/a", "n/a", "n/a"),
)
RN_TASK_IMPORTANCE = {15203: 4.42, 15204: 4.71, 15205: 4.90}
RN_HOT_TECHNOLOGY = "Epic Systems"
# Work context of Registered Nurses: element, name, scale, mean, shares by category (1..n), category words
RN_WORK_CONTEXT = (
    (
        "4.C.1.a.4",
        "Contact With Others",
        "CX",
        "4.91",
        ("0", "0", "2", "5", "93"),
        ("No contact", "Occasional", "About half the time", "A lot of contact", "Constant contact with others"),
    ),
    (
        "4.C.1.b.1.e",
        "Work With Work Group or Team",
        "CX",
        "4.40",
        ("0", "4", "10", "28", "58"),
        ("Not important at all", "Fairly important", "Important", "Very important", "Extremely important"),
    ),
    (
        "4.C.3.d.3",
        "Duration of Typical Work Week",
        "CT",
        "2.10",
        ("10", "70", "20"),
        ("Less than 40 hours", "40 hours", "More than 40 hours"),
    ),
)


def _work_context_answers(mean: str, shares: tuple[str, ...]) -> dict[str, tuple[str, tuple[str, ...]]]:
    """Every rated occupation's answers to one work context question: Registered Nurses' as given, the others'
    shares rotated by one category per occupation (so occupations differ), with the mean they imply."""
    answers = {}
    for i, code in enumerate(RATED_OCCUPATIONS):
        if code == "29-1141.00":
            answers[code] = (mean, shares)
            continue
        rotated = shares[-i % len(shares) :] + shares[: -i % len(shares)]
        implied = sum(n * float(share) for n, share in enumerate(rotated, start=1)) / 100
        answers[code] = (f"{implied:.2f}", rotated)
    return answers


def _full_release_rows() -> dict[str, list[list[str]]]:
    """Technology Skills (and the UNSPSC Reference its commodity titles come from), and the full release's
    Task Ratings, Abilities and Work Context (with Work Context Categories)."""
    stats = ["20", "0.1000", "n/a", "n/a", "N"]
    task_ratings = []
    for task_id, importance in RN_TASK_IMPORTANCE.items():
        task_ratings.append(
            ["29-1141.00", str(task_id), "IM", "n/a", f"{importance:.2f}", *stats, "08/2024", "Incumbent"]
        )
        task_ratings.append(["29-1141.00", str(task_id), "RT", "n/a", "90.00", *stats, "08/2024", "Incumbent"])
        task_ratings.append(["29-1141.00", str(task_id), "FT", "7", "60.00", *stats, "08/2024", "Incumbent"])
    context, categories = [], []
    for element_id, name, scale, mean, shares, words in RN_WORK_CONTEXT:
        for code, (code_mean, code_shares) in _work_context_answers(mean, shares).items():
            context.append([code, element_id, name, scale, "n/a", code_mean, *stats, "n/a", "08/2024", "Incumbent"])
            for category, share in enumerate(code_shares, start=1):
                context.append(
                    [code, element_id, name, f"{scale}P", str(category), share, *stats, "N", "08/2024", "Incumbent"]
                )
        categories.extend([element_id, name, f"{scale}P", str(n), word] for n, word in enumerate(words, start=1))
    return {
        "Technology Skills": [
            ["29-1141.00", RN_HOT_TECHNOLOGY, "43231602", "Y", "Y"],
            ["29-1141.00", "Microsoft Excel", "43232110", "Y", "N"],
            ["29-1141.00", "Medical condition coding software", "43232111", "N", "N"],
            ["11-1011.00", "Microsoft Excel", "43232110", "Y", "N"],
        ],
        "UNSPSC Reference": [
            [
                "43231602",
                "Enterprise resource planning ERP software",
                "43231600",
                "Finance accounting and ERP software",
            ],
            ["43232110", "Spreadsheet software", "43232100", "Content authoring and editing software"],
            ["43232111", "Medical software", "43232100", "Content authoring and editing software"],
        ],
        "Task Ratings": task_ratings,
        "Abilities": _rating_rows("Abilities", ABILITIES, not_relevant=True),
        "Work Context": context,
        "Work Context Categories": categories,
    }


def _rating_rows(name: str, elements, scales=("IM", "LV"), not_relevant: bool = False) -> list[list[str]]:
    rows = []
    for i, code in enumerate(RATED_OCCUPATIONS):
        for j, (element_id, element_name) in enumerate(elements):
            for scale in scales:
                importance = 2.0 + ((i * 7 + j * 3) % 25) / 10  # 2.0-4.4, inside both scales
                value = importance if scale == "IM" else importance + 0.85
                value_text = _RATING_OVERRIDES.get((name, code, element_id, scale), f"{value:.2f}")
                stats = ["8", "0.1250", f"{float(value_text) - 0.25:.4f}", f"{float(value_text) + 0.25:.4f}", "N"]
                relevant = (["n/a"] if scale == "IM" else ["N"]) if not_relevant else []
                rows.append(
                    [code, element_id, element_name, scale, value_text, *stats, *relevant, "08/2024", "Analyst"]
                )
    return rows


def _interest_rows() -> list[list[str]]:
    rows = []
    for i, code in enumerate(RATED_OCCUPATIONS):
        scores = [1.0 + ((i + k * 2) % 12) / 2 for k in range(len(INTERESTS))]  # 1.0-6.5
        for (element_id, name), score in zip(INTERESTS, scores):
            rows.append([code, element_id, name, "OI", f"{score:.2f}", "11/2023", "Machine Learning"])
        ranked = sorted(range(len(scores)), key=lambda k: -scores[k])
        for (element_id, name), k in zip(HIGH_POINTS, ranked):
            rows.append([code, element_id, name, "IH", f"{k + 1:.2f}", "11/2023", "Machine Learning"])
    return rows


def _education_rows() -> list[list[str]]:
    rows = []
    for i, code in enumerate(RATED_OCCUPATIONS):
        shares = (0.0, 30.0 + i, 70.0 - i)
        for (category, _), share in zip(EDUCATION_CATEGORIES, shares):
            ci = ["n/a", "n/a"] if share == 0 else [f"{share - 5:.4f}", f"{share + 5:.4f}"]
            rows.append(
                [
                    code,
                    EDUCATION[0],
                    EDUCATION[1],
                    "RL",
                    str(category),
                    f"{share:.2f}",
                    "26",
                    "2.5000",
                    *ci,
                    "N",
                    "08/2024",
                    "Incumbent",
                ]
            )
    return rows


def _job_zone_reference_rows() -> list[list[str]]:
    names = (
        "Little or No Preparation Needed",
        "Some Preparation Needed",
        "Medium Preparation Needed",
        "Considerable Preparation Needed",
        "Extensive Preparation Needed",
    )
    svp = ("(Below 4.0)", "(4.0 to < 6.0)", "(6.0 to < 7.0)", "(7.0 to < 8.0)", "(8.0 and above)")
    words = ("One", "Two", "Three", "Four", "Five")
    return [
        [
            str(n),
            f"Job Zone {words[n - 1]}: {names[n - 1]}",
            "Experience text.",
            "Education text.",
            "Training text.",
            "Examples text.",
            svp[n - 1],
        ]
        for n in range(1, 6)
    ]


# --------------------------------------------------------------------------------------------
# BLS OEWS LABSTAT flat files (download.bls.gov/pub/time.series/oe/)
# --------------------------------------------------------------------------------------------

OEWS_YEAR, OEWS_PERIOD = "2025", "A01"
NATIONAL, CONNECTICUT, HARTFORD, CT_NONMETRO = "0000000", "0900000", "0025540", "0900001"
OEWS_AREAS = (  # state_code, area_code, areatype_code, area_name
    ("00", NATIONAL, "N", "National"),
    ("09", CONNECTICUT, "S", "Connecticut"),
    ("09", HARTFORD, "M", "Hartford-West Hartford-East Hartford, CT"),
    ("09", CT_NONMETRO, "M", "Connecticut nonmetropolitan area"),
)
OEWS_OCCUPATIONS = (  # occupation_code, occupation_name, display_level
    ("000000", "All Occupations", "0"),
    ("110000", "Management Occupations", "0"),
    ("111011", "Chief Executives", "3"),
    ("130000", "Business and Financial Operations Occupations", "0"),
    ("131020", "Buyers and Purchasing Agents", "3"),
    ("290000", "Healthcare Practitioners and Technical Occupations", "0"),
    ("291141", "Registered Nurses", "3"),
    ("291211", "Anesthesiologists", "3"),
    ("530000", "Transportation and Material Moving Occupations", "0"),
    (
        "531047",
        "First-Line Supervisors of Transportation and Material Moving Workers, Except Aircraft Cargo "
        "Handling Supervisors",
        "3",
    ),
)
OEWS_DATATYPES = (
    "Employment",
    "Employment percent relative standard error",
    "Hourly mean wage",
    "Annual mean wage",
    "Wage percent relative standard error",
    "Hourly 10th percentile wage",
    "Hourly 25th percentile wage",
    "Hourly median wage",
    "Hourly 75th percentile wage",
    "Hourly 90th percentile wage",
    "Annual 10th percentile wage",
    "Annual 25th percentile wage",
    "Annual median wage",
    "Annual 75th percentile wage",
    "Annual 90th percentile wage",
    "Employment per 1,000 jobs",
    "Location Quotient",
)
OEWS_FOOTNOTES = (
    (
        "1",
        "Estimates for detailed occupations do not sum to the totals because the totals include occupations "
        "not shown separately. Estimates do not include self-employed workers.",
    ),
    (
        "2",
        "Annual wages have been calculated by multiplying the hourly wages by 2,080 hours; for occupations where "
        "hourly wages are not published, annual wages were taken directly from the reported survey data.",
    ),
    (
        "3",
        "The relative standard error (RSE) is a measure of the reliability of a survey statistic. The smaller the "
        "relative standard error, the more precise the estimate.",
    ),
    (
        "4",
        "Wages for some occupations that do not generally work year-round, full time, are reported either as "
        "hourly wages or annual salaries depending on how they are typically paid.",
    ),
    ("5", "This wage is equal to or greater than $115.00 per hour or $239,200 per year."),
    ("8", "Estimate not released."),
)
TOP_HOURLY, TOP_ANNUAL = 115.00, 239200.0

NR = ("-", "8")  # not released
TC = ("-", "5")  # top-coded: BLS publishes only the bound, in the footnote

# One OEWS cell: values v01..v17 as published ("" = no row for that data type, as nationally for
# v16 and v17); a (value, footnote) pair where BLS attaches a footnote.
OEWS_CELLS: dict[tuple[str, str], tuple] = {
    (NATIONAL, "000000"): (
        "155495730",
        "0.0",
        "33.54",
        "69770",
        "0.1",
        "15.00",
        "18.07",
        "24.51",
        "38.71",
        "61.81",
        "31200",
        "37590",
        "50980",
        "80520",
        "128560",
        "",
        "",
    ),
    (NATIONAL, "111011"): (
        "204350",
        "3.1",
        "129.63",
        "269630",
        "1.9",
        "36.39",
        "62.28",
        "102.88",
        "171.25",
        "244.10",
        "75700",
        "129540",
        "213990",
        "356200",
        "507730",
        "",
        "",
    ),
    (NATIONAL, "131020"): (
        "521830",
        "0.9",
        "38.29",
        "79640",
        "0.3",
        "22.11",
        "28.00",
        "36.37",
        "46.18",
        "58.45",
        "45990",
        "58240",
        "75650",
        "96050",
        "121580",
        "",
        "",
    ),
    (NATIONAL, "291141"): (
        "3379720",
        "0.3",
        "48.76",
        "101420",
        "0.2",
        "33.14",
        "38.62",
        "46.90",
        "54.02",
        "66.09",
        "68940",
        "80330",
        "97550",
        "112350",
        "137470",
        "",
        "",
    ),
    (NATIONAL, "291211"): (
        "38760",
        "11.0",
        TC,
        TC,
        "2.8",
        "48.78",
        "99.52",
        TC,
        TC,
        TC,
        "101460",
        "207000",
        TC,
        TC,
        TC,
        "",
        "",
    ),
    (NATIONAL, "531047"): (
        "575310",
        "1.0",
        "31.96",
        "66480",
        "0.3",
        "20.39",
        "24.74",
        "29.76",
        "36.94",
        "45.16",
        "42400",
        "51450",
        "61890",
        "76840",
        "93920",
        "",
        "",
    ),
    (CONNECTICUT, "000000"): (
        "1696300",
        "0.0",
        "38.90",
        "80910",
        "0.3",
        "17.23",
        "20.08",
        "29.87",
        "47.95",
        "68.37",
        "35840",
        "41770",
        "62130",
        "99740",
        "142210",
        "1000.000",
        "1.00",
    ),
    (CONNECTICUT, "111011"): (
        "1660",
        "12.7",
        "181.17",
        "376840",
        "5.1",
        "75.33",
        "98.07",
        "141.89",
        "219.66",
        "326.96",
        "156680",
        "203990",
        "295120",
        "456890",
        "680080",
        "0.976",
        "0.74",
    ),
    (CONNECTICUT, "291141"): (
        "40110",
        "1.6",
        "50.60",
        "105250",
        "0.4",
        "38.63",
        "41.40",
        "49.39",
        "58.58",
        "64.84",
        "80350",
        "86120",
        "102740",
        "121840",
        "134870",
        "23.648",
        "1.09",
    ),
    (CONNECTICUT, "291211"): (
        NR,
        NR,
        TC,
        TC,
        "17.4",
        "36.08",
        "108.94",
        TC,
        TC,
        TC,
        "75050",
        "226590",
        TC,
        TC,
        TC,
        NR,
        NR,
    ),
    (HARTFORD, "000000"): (
        "599770",
        "0.0",
        "36.88",
        "76720",
        "0.4",
        "16.99",
        "19.51",
        "28.82",
        "46.42",
        "64.90",
        "35330",
        "40590",
        "59940",
        "96550",
        "134990",
        "1000.000",
        "1.00",
    ),
    (HARTFORD, "131020"): (
        NR,
        NR,
        "37.20",
        "77380",
        "4.4",
        "22.50",
        "28.31",
        "35.92",
        "44.80",
        "55.09",
        "46800",
        "58880",
        "74710",
        "93180",
        "114590",
        NR,
        NR,
    ),
    (HARTFORD, "291141"): (
        "13850",
        "2.3",
        "49.56",
        "103080",
        "0.5",
        "38.67",
        "41.92",
        "48.78",
        "55.75",
        "60.13",
        "80440",
        "87190",
        "101470",
        "115950",
        "125080",
        "23.090",
        "1.06",
    ),
    (CT_NONMETRO, "000000"): (
        "66740",
        "0.0",
        "30.99",
        "64470",
        "0.6",
        "16.77",
        "18.38",
        "24.14",
        "36.31",
        "50.07",
        "34880",
        "38220",
        "50200",
        "75520",
        "104140",
        "1000.000",
        "1.00",
    ),
    (CT_NONMETRO, "291141"): (
        "1320",
        "6.1",
        "47.51",
        "98820",
        "1.3",
        "36.58",
        "40.12",
        "46.93",
        "53.86",
        "58.44",
        "76090",
        "83450",
        "97610",
        "112030",
        "121550",
        "19.778",
        "0.93",
    ),
}
# A national industry-specific row: the reader keeps only cross-industry (000000) cells.
OEWS_INDUSTRY_ROW = ("OEUN000000062200029114101", "140250", "")


def oews_series_id(area_code: str, occupation_code: str, datatype: int, industry: str = "000000") -> str:
    areatype = {code: kind for _, code, kind, _ in OEWS_AREAS}.get(area_code, "M")
    return f"OEU{areatype}{area_code}{industry}{occupation_code}{datatype:02d}"


def oews_data_rows(year: str = OEWS_YEAR, period: str = OEWS_PERIOD) -> list[tuple[str, str, str, str, str]]:
    """Long rows (series_id, year, period, value, footnote) for every cell in ``OEWS_CELLS``."""
    rows = []
    for (area, occupation), values in OEWS_CELLS.items():
        for datatype, published in enumerate(values, start=1):
            if published == "":
                continue
            value, footnote = published if isinstance(published, tuple) else (published, "")
            rows.append((oews_series_id(area, occupation, datatype), year, period, value, footnote))
    series_id, value, footnote = OEWS_INDUSTRY_ROW
    rows.append((series_id, year, period, value, footnote))
    return rows


def labstat_table(headers: list[str], rows: list[tuple[str, ...]]) -> bytes:
    """A LABSTAT lookup file: tab-separated, values padded with trailing blanks, Windows-1252."""
    lines = ["\t".join(headers)] + ["\t".join(f"{value:<8}" for value in row) for row in rows]
    return ("\r\n".join(lines) + "\r\n").encode("cp1252")


def oews_flat_files(year: str = OEWS_YEAR, period: str = OEWS_PERIOD) -> dict[str, bytes]:
    return {
        "oe.area": labstat_table(["state_code", "area_code", "areatype_code", "area_name"], list(OEWS_AREAS)),
        "oe.occupation": labstat_table(
            ["occupation_code", "occupation_name", "display_level", "selectable", "sort_sequence"],
            [(code, name, level, "T", str(n)) for n, (code, name, level) in enumerate(OEWS_OCCUPATIONS, start=1)],
        ),
        "oe.datatype": labstat_table(
            ["datatype_code", "datatype_name"], [(f"{n:02d}", name) for n, name in enumerate(OEWS_DATATYPES, start=1)]
        ),
        "oe.footnote": labstat_table(["footnote_code", "footnote_text"], list(OEWS_FOOTNOTES)),
        "oe.release": labstat_table(["release_date", "description"], [(f"{year}{period}", "May 2025")]),
        "oe.data.0.Current": format_series_file(oews_data_rows(year, period)).encode("ascii"),
    }


# --------------------------------------------------------------------------------------------
# BLS Employment Projections: occupation.xlsx, Tables 1.2 and 1.10
# --------------------------------------------------------------------------------------------

SPAN = "2024–34"
DASH = "—"  # BLS's "data unavailable"
TABLE_1_2_HEADERS = [
    "2024 National Employment Matrix title",
    "2024 National Employment Matrix code",
    "Occupation type",
    "Employment, 2024",
    "Employment, 2034",
    "Employment distribution, percent, 2024",
    "Employment distribution, percent, 2034",
    f"Employment change, numeric, {SPAN}",
    f"Employment change, percent, {SPAN}",
    "Percent self employed, 2024",
    f"Occupational openings, {SPAN} annual average",
    "Median annual wage, dollars, 2024[1]",
    "Typical education needed for entry",
    "Work experience in a related occupation",
    "Typical on-the-job training needed to attain competency in the occupation",
]
TABLE_1_10_HEADERS = [
    *TABLE_1_2_HEADERS[:3],
    f"Labor force exit rate, {SPAN} annual average",
    f"Occupational transfer rate, {SPAN} annual average",
    f"Total occupational separations rate, {SPAN} annual average",
    f"Labor force exits, {SPAN} annual average",
    f"Occupational transfers, {SPAN} annual average",
    f"Total occupational separations, {SPAN} annual average",
    f"Occupational openings, {SPAN} annual average",
]
# Line items: title, code, employment 2024 and 2034, shares, change, change %, self-employed %, openings,
# median wage, education, experience, training; then Table 1.10's rates and counts.
PROJECTION_LINES = (
    (
        "Chief executives",
        "11-1011",
        309.4,
        322.7,
        0.2,
        0.2,
        13.3,
        4.3,
        25.9,
        22.2,
        206420,
        "Bachelor's degree",
        "5 years or more",
        "None",
        (3.0, 3.6, 6.6, 9.5, 11.4, 20.9),
    ),
    (
        "Buyers and purchasing agents",
        "13-1020",
        522.2,
        552.3,
        0.3,
        0.3,
        30.1,
        5.8,
        4.7,
        52.2,
        75650,
        "Bachelor's degree",
        "None",
        "Moderate-term on-the-job training",
        (3.9, 5.2, 9.2, 21.2, 28.1, 49.2),
    ),
    (
        "Registered nurses",
        "29-1141",
        3391.0,
        3557.1,
        2.0,
        2.0,
        166.1,
        4.9,
        0.5,
        189.1,
        93600,
        "Bachelor's degree",
        "None",
        "None",
        (2.8, 2.1, 5.0, 97.9, 74.6, 172.4),
    ),
    (
        "Anesthesiologists",
        "29-1211",
        45.3,
        46.7,
        0.0,
        0.0,
        1.4,
        3.2,
        DASH,
        1.3,
        ">=$239,200",
        "Doctoral or professional degree",
        "None",
        "Internship/residency",
        (2.1, 0.4, 2.5, 1.0, 0.2, 1.2),
    ),
    (
        "First-line supervisors of transportation and material moving workers, except aircraft cargo handling "
        "supervisors",
        "53-1047",
        609.6,
        632.2,
        0.4,
        0.4,
        22.5,
        3.7,
        0.8,
        61.3,
        61890,
        "High school diploma or equivalent",
        "Less than 5 years",
        "None",
        (3.4, 6.2, 9.5, 20.8, 38.3, 59.1),
    ),
)
RN_EMPLOYMENT_2024_THOUSANDS, RN_ANNUAL_OPENINGS_THOUSANDS = 3391.0, 189.1


def projection_rows() -> tuple[list[list], list[list]]:
    """Data rows of Tables 1.2 and 1.10: the total and two summary groups, then the line items.

    Each summary row is the sum of its line items, so the "total matches the sum" check holds."""
    table_1_2, table_1_10 = [], []
    groups = (
        ("Total, all occupations", "00-0000", ""),
        ("Management occupations", "11-0000", "11-"),
        ("Healthcare practitioners and technical occupations", "29-0000", "29-"),
    )
    total_24, total_34 = (round(sum(line[i] for line in PROJECTION_LINES), 1) for i in (2, 3))
    for title, code, prefix in groups:
        members = [line for line in PROJECTION_LINES if line[1].startswith(prefix)]
        emp24, emp34, openings = (round(sum(line[i] for line in members), 1) for i in (2, 3, 9))
        exits, transfers = (round(sum(line[14][i] for line in members), 1) for i in (3, 4))
        table_1_2.append(
            [
                title,
                code,
                "Summary",
                emp24,
                emp34,
                round(100 * emp24 / total_24, 1),
                round(100 * emp34 / total_34, 1),
                round(emp34 - emp24, 1),
                round(100 * (emp34 - emp24) / emp24, 1),
                5.8,
                openings,
                49500,
                DASH,
                DASH,
                DASH,
            ]
        )
        table_1_10.append(
            [
                title,
                code,
                "Summary",
                round(100 * exits / emp24, 1),
                round(100 * transfers / emp24, 1),
                round(100 * (exits + transfers) / emp24, 1),
                exits,
                transfers,
                round(exits + transfers, 1),
                openings,
            ]
        )
    for line in PROJECTION_LINES:
        *published, separations = line
        table_1_2.append([published[0], published[1], "Line item", *published[2:]])
        table_1_10.append([published[0], published[1], "Line item", *separations, published[9]])
    return table_1_2, table_1_10


def projections_workbook() -> bytes:
    table_1_2, table_1_10 = projection_rows()
    notes = [
        ["Footnotes:"],
        [
            "[1] Data are from the Occupational Employment and Wage Statistics program, U.S. Bureau of Labor "
            "Statistics. Wage data cover non-farm wage and salary workers."
        ],
        ["Note: Data are from the National Employment Matrix. Numbers in thousands."],
        ["Source: Employment Projections program, U.S. Bureau of Labor Statistics"],
    ]
    return workbook_bytes(
        {
            "Table 1.1": [["Table 1.1 Employment by major occupational group, 2024 and projected 2034"]],
            "Table 1.2": [
                [f"Table 1.2 Occupational projections, {SPAN}, and worker characteristics, 2024"],
                TABLE_1_2_HEADERS,
                *table_1_2,
                [],
                *notes,
            ],
            "Table 1.10": [
                [f"Table 1.10 Occupational separations and openings, projected {SPAN}"],
                TABLE_1_10_HEADERS,
                *table_1_10,
                [],
                *notes,
            ],
        }
    )


# --------------------------------------------------------------------------------------------
# NCES CIP 2020 / SOC 2018
# --------------------------------------------------------------------------------------------

CIP_SOC_ROWS = (
    ("01.0104", "Farm/Farm and Ranch Management.", "13-1021", "Buyers and Purchasing Agents, Farm Products"),
    ("51.3801", "Registered Nursing/Registered Nurse.", "29-1141", "Registered Nurses"),
    ("51.3808", "Nursing Science.", "29-1141", "Registered Nurses"),
    ("52.0201", "Business Administration and Management, General.", "11-1011", "Chief Executives"),
    ("99.9999", "NO MATCH", "55-1011", "Air Crew Officers"),
)
CIP_CODES = (  # family, code, title
    ("01", "01", "AGRICULTURAL/ANIMAL/PLANT/VETERINARY SCIENCE AND RELATED FIELDS."),
    ("01", "01.0104", "Farm/Farm and Ranch Management."),
    ("51", "51", "HEALTH PROFESSIONS AND RELATED PROGRAMS."),
    ("51", "51.38", "Registered Nursing, Nursing Administration, Nursing Research and Clinical Nursing."),
    ("51", "51.3801", "Registered Nursing/Registered Nurse."),
    ("51", "51.3808", "Nursing Science."),
    ("52", "52.0201", "Business Administration and Management, General."),
)


def cip_soc_workbook() -> bytes:
    return workbook_bytes(
        {
            "Introduction": [["CIP 2020 to SOC 2018 Crosswalk"], ["National Center for Education Statistics"]],
            "CIP-SOC": [["CIP2020Code", "CIP2020Title", "SOC2018Code", "SOC2018Title"], *map(list, CIP_SOC_ROWS)],
        }
    )


def cip_codes_csv() -> bytes:
    """NCES writes codes as ``="01.0101"`` (an Excel formula) so spreadsheets keep the leading zero."""
    lines = ["CIPFamily,CIPCode,Action,TextChange,CIPTitle,CIPDefinition,CrossReferences,Examples"]
    for family, code, title in CIP_CODES:
        rest = io.StringIO()
        csv.writer(rest, lineterminator="", quoting=csv.QUOTE_ALL).writerow(
            [
                "No substantive changes",
                "No",
                title,
                f"A program that focuses on {title.lower()}",
                "",
                "Examples: - " + title.rstrip("."),
            ]
        )
        lines.append(f'="{family}",="{code}",{rest.getvalue()}')
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")


# --------------------------------------------------------------------------------------------
# Census CBSA gazetteer and OMB delineation
# --------------------------------------------------------------------------------------------

GAZETTEER_ROWS = (  # CSAFP, GEOID, NAME, CBSA_TYPE, ALAND, AWATER, ALAND_SQMI, AWATER_SQMI, INTPTLAT, INTPTLONG
    (
        "405",
        "25540",
        "Hartford-West Hartford-East Hartford, CT Metro Area",
        "1",
        "3759294316",
        "289857767",
        "1451.472",
        "111.915",
        "41.688038",
        "-72.545112",
    ),
    (
        "",
        "45860",
        "Torrington, CT Micro Area",
        "2",
        "2404040183",
        "55434411",
        "928.208",
        "21.403",
        "41.791254",
        "-73.244903",
    ),
)
GAZETTEER_HEADERS = (
    "CSAFP",
    "GEOID",
    "NAME",
    "CBSA_TYPE",
    "ALAND",
    "AWATER",
    "ALAND_SQMI",
    "AWATER_SQMI",
    "INTPTLAT",
    "INTPTLONG",
)


def gazetteer_text() -> bytes:
    """The Census writes the last header and values padded with blanks."""
    headers = list(GAZETTEER_HEADERS)
    headers[-1] = headers[-1].ljust(120)
    lines = ["\t".join(headers)] + ["\t".join(row[:-1]) + "\t" + row[-1].rjust(12) + " " * 30 for row in GAZETTEER_ROWS]
    return ("\n".join(lines) + "\n").encode("utf-8")


def gazetteer_zip() -> bytes:
    return zip_bytes({"2024_Gaz_cbsa_national.txt": gazetteer_text()})


DELINEATION_HEADERS = [
    "CBSA Code",
    "Metropolitan Division Code",
    "CSA Code",
    "CBSA Title",
    "Metropolitan/Micropolitan Statistical Area",
    "Metropolitan Division Title",
    "CSA Title",
    "County/County Equivalent",
    "State Name",
    "FIPS State Code",
    "FIPS County Code",
    "Central/Outlying County",
]
DELINEATION_ROWS = (
    (
        "25540",
        None,
        "405",
        "Hartford-West Hartford-East Hartford, CT",
        "Metropolitan Statistical Area",
        None,
        "New Haven-Hartford-Waterbury, CT",
        "Capitol Planning Region",
        "Connecticut",
        "09",
        "110",
        "Central",
    ),
    (
        "25540",
        None,
        "405",
        "Hartford-West Hartford-East Hartford, CT",
        "Metropolitan Statistical Area",
        None,
        "New Haven-Hartford-Waterbury, CT",
        "Lower Connecticut River Valley Planning Region",
        "Connecticut",
        "09",
        "130",
        "Central",
    ),
    (
        "45860",
        None,
        None,
        "Torrington, CT",
        "Micropolitan Statistical Area",
        None,
        None,
        "Northwest Hills Planning Region",
        "Connecticut",
        "09",
        "160",
        "Central",
    ),
)


def delineation_workbook() -> bytes:
    """OMB List 1: two title rows, the header on row 3, then counties, then notes."""
    return workbook_bytes(
        {
            "List 1": [
                [
                    "List 1. CORE BASED STATISTICAL AREAS (CBSAs), METROPOLITAN DIVISIONS, AND COMBINED STATISTICAL AREAS (CSAs)"
                ],
                ["July 2023"],
                DELINEATION_HEADERS,
                *map(list, DELINEATION_ROWS),
                ["Note: The 2023 delineations are based on the 2020 Standards for Delineating CBSAs."],
                [
                    "Source: File prepared by U.S. Census Bureau, Population Division, based on Office of Management and "
                    "Budget, July 2023 delineations."
                ],
            ]
        }
    )


# --------------------------------------------------------------------------------------------
# Indeed Hiring Lab job postings tracker
# --------------------------------------------------------------------------------------------

INDEED_DATES = ("2026-08-12", "2026-08-13", "2026-08-14")


def indeed_csvs() -> dict[str, bytes]:
    state = [["date", "state", "indeed_job_postings_index"]] + [
        [d, s, f"{v:.2f}"] for d in INDEED_DATES for s, v in (("ct", 101.37), ("ny", 97.12))
    ]
    national = [["date", "jobcountry", "indeed_job_postings_index_SA", "indeed_job_postings_index_NSA", "variable"]] + [
        [d, "US", f"{104.1 + n / 10:.2f}", f"{103.8 + n / 10:.2f}", variable]
        for n, d in enumerate(INDEED_DATES)
        for variable in ("total postings", "new postings")
    ]
    sector = [["date", "jobcountry", "indeed_job_postings_index", "variable", "display_name"]] + [
        [d, "US", f"{v + n:.2f}", "total postings", name]
        for n, d in enumerate(INDEED_DATES)
        for name, v in (("Nursing", 118.4), ("Software Development", 63.9))
    ]
    return {
        "state_job_postings_us.csv": csv_bytes(state),
        "aggregate_job_postings_US.csv": csv_bytes(national),
        "job_postings_by_sector_US.csv": csv_bytes(sector),
    }


# --------------------------------------------------------------------------------------------
# State long-term projections (Projections Central bulk CSV, projections/file/longterm/csv)
# --------------------------------------------------------------------------------------------

# Made-up test figures in the official layout (lmi/demand/state_projections.py): never shipped, only
# written by tests. One state (Connecticut, STFIPS written with one digit as Projections Central does),
# the United States row it files under STFIPS 0, a summary row and a figure the state did not publish.
STATE_PROJECTION_HEADERS = (
    "STFIPS",
    "AREANAME",
    "CODE",
    "TITLE",
    "BASEYEAR",
    "BASE",
    "PROJYEAR",
    "PROJ",
    "CHANGE",
    "PERCENTCHANGE",
    "AVGANNUALOPENINGS",
)
STATE_PROJECTION_PERIOD = ("2022", "2032")
CT_RN_BASE, CT_RN_PROJECTED, CT_RN_CHANGE_PCT, CT_RN_OPENINGS = 41000, 44000, 7.3, 2900
STATE_PROJECTION_ROWS = (
    (
        "0",
        "United States",
        "29-1141",
        "Registered Nurses",
        "2022",
        "3300000",
        "2032",
        "3500000",
        "200000",
        "6.1",
        "190000",
    ),
    (
        "9",
        "Connecticut",
        "00-0000",
        "Total, All Occupations",
        "2022",
        "1800000",
        "2032",
        "1900000",
        "100000",
        "5.6",
        "200000",
    ),
    (
        "9",
        "Connecticut",
        "29-1141",
        "Registered Nurses",
        "2022",
        f"{CT_RN_BASE:,}",
        "2032",
        f"{CT_RN_PROJECTED:,}",
        f"{CT_RN_PROJECTED - CT_RN_BASE:,}",
        f"{CT_RN_CHANGE_PCT}",
        f"{CT_RN_OPENINGS:,}",
    ),
    ("9", "Connecticut", "11-1011", "Chief Executives", "2022", "1700", "2032", "1650", "-50", "-2.9", "110"),
    ("9", "Connecticut", "29-1211", "Anesthesiologists", "2022", "(NA)", "2032", "(NA)", "(NA)", "(NA)", "(NA)"),
)


def state_projections_csv(headers=STATE_PROJECTION_HEADERS, rows=STATE_PROJECTION_ROWS) -> bytes:
    """The bulk long-term CSV: one header row, one row per state x occupation, (NA) where unpublished."""
    return csv_bytes([list(headers)] + [list(row) for row in rows])


# --------------------------------------------------------------------------------------------
# npm package us-atlas (Census cartographic boundaries as TopoJSON)
# --------------------------------------------------------------------------------------------

US_ATLAS_VERSION = "3.0.1"
# Connecticut's 2017 Hartford and Tolland counties, side by side, sharing one arc; the state is their merge.
# Quantized positions (1/1000 degree from 73 W, 41.5 N), each arc's positions after the first delta-encoded.
US_ATLAS_TRANSFORM = {"scale": [0.001, 0.001], "translate": [-73.0, 41.5]}
US_ATLAS_ARCS_ABSOLUTE = (
    ((500, 0), (500, 500)),  # 0: the county line, shared
    ((500, 500), (0, 500), (0, 0), (500, 0)),  # 1: Hartford County's other sides
    ((500, 0), (1000, 0), (1000, 500), (500, 500)),  # 2: Tolland County's other sides
)


def delta_encoded(positions) -> list[list[int]]:
    """TopoJSON's quantized arc encoding: the first position, then each one's difference from the one before."""
    first, *rest = positions
    out, previous = [list(first)], first
    for position in rest:
        out.append([position[0] - previous[0], position[1] - previous[1]])
        previous = position
    return out


def us_atlas_topology() -> dict:
    """A ``counties-10m.json`` in the package's layout: objects counties (id = county FIPS), states (merged
    counties), nation; quantized, delta-encoded arcs shared between neighbours."""
    return {
        "type": "Topology",
        "bbox": [-73.0, 41.5, -72.0, 42.0],
        "transform": US_ATLAS_TRANSFORM,
        "objects": {
            "counties": {
                "type": "GeometryCollection",
                "geometries": [
                    {"type": "Polygon", "arcs": [[1, 0]], "id": "09003", "properties": {"name": "Hartford"}},
                    {"type": "Polygon", "arcs": [[2, -1]], "id": "09013", "properties": {"name": "Tolland"}},
                ],
            },
            "states": {
                "type": "GeometryCollection",
                "geometries": [
                    {"type": "MultiPolygon", "arcs": [[[1, 2]]], "id": "09", "properties": {"name": "Connecticut"}}
                ],
            },
            "nation": {
                "type": "GeometryCollection",
                "geometries": [
                    {"type": "MultiPolygon", "arcs": [[[1, 2]]], "id": "US", "properties": {"name": "United States"}}
                ],
            },
        },
        "arcs": [delta_encoded(arc) for arc in US_ATLAS_ARCS_ABSOLUTE],
    }


def us_atlas_package(topology: dict | None = None, version: str = US_ATLAS_VERSION) -> bytes:
    """The registry tarball: ``package/package.json`` and ``package/counties-10m.json``, gzip'd tar, fixed
    timestamps so the same content gives the same bytes."""
    members = {
        "package/package.json": json.dumps({"name": "us-atlas", "version": version, "license": "ISC"}).encode(),
        "package/counties-10m.json": json.dumps(topology or us_atlas_topology()).encode(),
    }
    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w", format=tarfile.USTAR_FORMAT) as archive:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size, info.mtime, info.mode = len(data), 499162500, 0o644
            archive.addfile(info, io.BytesIO(data))
    return gzip.compress(raw.getvalue(), mtime=0)


# --------------------------------------------------------------------------------------------
# All sources, and small writers
# --------------------------------------------------------------------------------------------


def official_files() -> dict[str, dict[str, bytes]]:
    """Every pinned file of every source (source key -> official file name -> bytes)."""
    return {
        "onet": {"db_29_3_text.zip": onet_text_zip("db_29_3_text")},
        "onet_work_activities": {"db_28_2_text.zip": onet_text_zip("db_28_2_text")},
        "oews": oews_flat_files(),
        "projections": {"occupation.xlsx": projections_workbook()},
        "cip_soc": {"CIP2020_SOC2018_Crosswalk.xlsx": cip_soc_workbook(), "CIPCode2020.csv": cip_codes_csv()},
        "geo": {"2024_Gaz_cbsa_national.zip": gazetteer_zip(), "list1_2023.xlsx": delineation_workbook()},
        "indeed": indeed_csvs(),
        "state_projections": {"ltprojections.csv": state_projections_csv()},
        "us_atlas": {f"us-atlas-{US_ATLAS_VERSION}.tgz": us_atlas_package()},
    }


def write_files(folder: Path, files: dict[str, bytes]) -> Path:
    """Write ``files`` (name -> bytes) into ``folder``; returns the folder."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        (folder / name).write_bytes(data)
    return folder


def zip_bytes(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(zipfile.ZipInfo(name, date_time=ZIP_DATE), data, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def workbook_bytes(sheets: dict[str, list[list]]) -> bytes:
    """An .xlsx with one sheet per entry; rows written as given (text stays text, numbers numbers)."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(list(row))
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def csv_bytes(rows: list[list[str]]) -> bytes:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue().encode("utf-8")


def format_series_file(rows: list[tuple[str, str, str, str, str]]) -> str:
    """Write rows in the official ``oe.data`` layout (used by tests to make small real-format files)."""
    out = io.StringIO()
    out.write("series_id                     \tyear\tperiod\t       value\tfootnote_codes\n")
    for series_id, year, period, value, footnote in rows:
        out.write(f"{series_id:<30}\t{year}\t{period}\t{value:>12}\t{footnote}\n")
    return out.getvalue()
