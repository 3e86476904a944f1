"""The coded values program and participant records may hold, with the words pages show for them.

Codes are what import files and the database hold (stable, lower-case); labels are for people. Every
allow-list here is also what the importer validates against and what SQL identifiers are chosen from.
Labels are English message ids (``N_``), translated where they are shown: ``label(table, code)``.
"""

from __future__ import annotations

from lmi.i18n import N_, _

PROGRAM_TYPES: dict[str, str] = {
    "classroom_occupational_skills": N_("Classroom occupational skills training"),
    "on_the_job_training": N_("On-the-job training (OJT)"),
    "registered_apprenticeship": N_("Registered apprenticeship"),
    "bootcamp": N_("Bootcamp"),
    "work_experience": N_("Internship / work experience"),
    "employer_based_customized": N_("Employer-based (customized) training"),
}
# WIOA credential attainment leaves participants in on-the-job training and customized training out
# of its denominator (TEGL 10-16, Change 2): these program types have no credential indicator.
CREDENTIAL_EXCLUDED_TYPES = frozenset({"on_the_job_training", "employer_based_customized"})
WORK_EXPERIENCE_TYPE = "work_experience"
WORK_EXPERIENCE_HOURS_MAX = 999
WORK_EXPERIENCE_HOURS_TYPICAL = 160

FUNDING_STREAMS: dict[str, str] = {
    "wioa_adult": N_("WIOA Adult"),
    "wioa_dislocated_worker": N_("WIOA Dislocated Worker"),
    "wioa_youth": N_("WIOA Youth"),
    "trade_adjustment_assistance": N_("Trade Adjustment Assistance (TAA)"),
    "state_grant": N_("State grant"),
    "arpa_grant": N_("ARPA grant"),
    "employer": N_("Employer-funded"),
}

# Supportive services a program offers: template column -> label (booleans in the database).
SUPPORTIVE_SERVICES: dict[str, str] = {
    "offers_childcare": N_("Childcare"),
    "offers_transportation": N_("Transportation"),
    "offers_career_advising": N_("Career advising"),
    "offers_case_management": N_("Case management"),
}

SEX: dict[str, str] = {"female": N_("Female"), "male": N_("Male"), "not_reported": N_("Did not self-identify")}
RACE_ETHNICITY: dict[str, str] = {
    "hispanic_latino": N_("Hispanic or Latino"),
    "american_indian_alaska_native": N_("American Indian or Alaska Native"),
    "asian": N_("Asian"),
    "black_african_american": N_("Black or African American"),
    "native_hawaiian_pacific_islander": N_("Native Hawaiian or Other Pacific Islander"),
    "white": N_("White"),
    "more_than_one_race": N_("More than one race"),
    "not_reported": N_("Did not self-identify"),
}
AGE_BANDS: dict[str, str] = {
    "16-18": "16-18",
    "19-24": "19-24",
    "25-44": "25-44",
    "45-54": "45-54",
    "55-59": "55-59",
    "60+": N_("60 and over"),
}

# Yes/no characteristics officials report on: participant column -> label.
BARRIERS: dict[str, str] = {
    "is_veteran": N_("Veteran"),
    "has_disability": N_("Individual with a disability"),
    "is_justice_involved": N_("Justice-involved / reentry"),
    "is_english_learner": N_("English learner"),
    "is_long_term_unemployed": N_("Long-term unemployed (27+ weeks)"),
    "is_displaced_worker": N_("Displaced worker"),
}

# The groups an equity breakdown can be made by: dimension -> (participant column, label, value labels).
YES_NO = {"yes": N_("Yes"), "no": N_("No"), "not_reported": N_("Not recorded")}
DIMENSIONS: dict[str, tuple[str, str, dict[str, str]]] = {
    "sex": ("sex", N_("Sex"), SEX),
    "race_ethnicity": ("race_ethnicity", N_("Race / ethnicity"), RACE_ETHNICITY),
    "age_band": ("age_band", N_("Age at enrollment"), AGE_BANDS),
    **{column: (column, label, YES_NO) for column, label in BARRIERS.items()},
}

TRUE_WORDS = frozenset({"yes", "y", "true", "t", "1"})
FALSE_WORDS = frozenset({"no", "n", "false", "f", "0"})

# The WIOA primary indicators a program year is scored on, with the words pages show: indicator code ->
# (label, unit). Levels of rates are entered in percent (72.5 = 72.5%), median earnings in dollars. The
# order is the order of DOL's scorecard (WIOA sec. 116(b)(2)(A)(i)); the effectiveness in serving employers
# (ESE) indicators come last and are never part of the overall program score (20 CFR 677.190(c)(1)).
RATE_UNIT, USD_UNIT = "percent", "usd"
SCORED_INDICATORS: dict[str, tuple[str, str]] = {
    "employed_q2": (N_("Employment rate, 2nd quarter after exit"), RATE_UNIT),
    "employed_q4": (N_("Employment rate, 4th quarter after exit"), RATE_UNIT),
    "earnings_q2_median": (N_("Median earnings, 2nd quarter after exit"), USD_UNIT),
    "credential": (N_("Credential attainment rate"), RATE_UNIT),
    "measurable_skill_gains": (N_("Measurable skill gains rate"), RATE_UNIT),
    "ese_retention": (N_("Effectiveness in serving employers: retention with the same employer"), RATE_UNIT),
    "ese_repeat_business": (N_("Effectiveness in serving employers: repeat business customers rate"), RATE_UNIT),
    "ese_penetration": (N_("Effectiveness in serving employers: employer penetration rate"), RATE_UNIT),
}
ESE_INDICATORS = frozenset({"ese_retention", "ese_repeat_business", "ese_penetration"})
LEVEL_BASES: dict[str, str] = {
    "negotiated": N_("Negotiated level (agreed before the program year)"),
    "adjusted": N_(
        "Adjusted level (the negotiated level after DOL's statistical adjustment model, set after the year)"
    ),
}
# Business services a program gives an employer establishment, in the categories of DOL's annual report of
# employer services (ETA-9169, effectiveness in serving employers).
EMPLOYER_SERVICE_TYPES: dict[str, str] = {
    "information_support": N_("Employer information and support services"),
    "recruitment_assistance": N_("Workforce recruitment assistance"),
    "strategic_planning": N_("Strategic planning / economic development activities"),
    "untapped_labor_pools": N_("Accessing untapped labor pools"),
    "training_services": N_("Training services"),
    "incumbent_worker_training": N_("Incumbent worker training services"),
    "rapid_response": N_("Rapid response / business downsizing assistance"),
    "layoff_planning": N_("Planning layoff response"),
}
FIRST_WIOA_PROGRAM_YEAR = 2016  # PY2016 (1 July 2016 - 30 June 2017): WIOA's indicators were first reported for it


def label(table: dict[str, str], code: str) -> str:
    """The words for ``code`` in one of the tables above, in the current language (the code itself when unknown)."""
    return _(table[code]) if code in table else str(code)
