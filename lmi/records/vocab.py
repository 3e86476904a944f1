"""The coded values program and participant records may hold, with the words pages show for them.

Codes are what import files and the database hold (stable, lower-case); labels are for people. Every
allow-list here is also what the importer validates against and what SQL identifiers are chosen from.
"""

from __future__ import annotations

PROGRAM_TYPES: dict[str, str] = {
    "classroom_occupational_skills": "Classroom occupational skills training",
    "on_the_job_training": "On-the-job training (OJT)",
    "registered_apprenticeship": "Registered apprenticeship",
    "bootcamp": "Bootcamp",
    "work_experience": "Internship / work experience",
    "employer_based_customized": "Employer-based (customized) training",
}
# WIOA credential attainment leaves participants in on-the-job training and customized training out
# of its denominator (TEGL 10-16, Change 2): these program types have no credential indicator.
CREDENTIAL_EXCLUDED_TYPES = frozenset({"on_the_job_training", "employer_based_customized"})
WORK_EXPERIENCE_TYPE = "work_experience"
WORK_EXPERIENCE_HOURS_MAX = 999
WORK_EXPERIENCE_HOURS_TYPICAL = 160

FUNDING_STREAMS: dict[str, str] = {
    "wioa_adult": "WIOA Adult",
    "wioa_dislocated_worker": "WIOA Dislocated Worker",
    "wioa_youth": "WIOA Youth",
    "trade_adjustment_assistance": "Trade Adjustment Assistance (TAA)",
    "state_grant": "State grant",
    "arpa_grant": "ARPA grant",
    "employer": "Employer-funded",
}

# Supportive services a program offers: template column -> label (booleans in the database).
SUPPORTIVE_SERVICES: dict[str, str] = {
    "offers_childcare": "Childcare",
    "offers_transportation": "Transportation",
    "offers_career_advising": "Career advising",
    "offers_case_management": "Case management",
}

SEX: dict[str, str] = {"female": "Female", "male": "Male", "not_reported": "Did not self-identify"}
RACE_ETHNICITY: dict[str, str] = {
    "hispanic_latino": "Hispanic or Latino",
    "american_indian_alaska_native": "American Indian or Alaska Native",
    "asian": "Asian",
    "black_african_american": "Black or African American",
    "native_hawaiian_pacific_islander": "Native Hawaiian or Other Pacific Islander",
    "white": "White",
    "more_than_one_race": "More than one race",
    "not_reported": "Did not self-identify",
}
AGE_BANDS: dict[str, str] = {
    "16-18": "16-18",
    "19-24": "19-24",
    "25-44": "25-44",
    "45-54": "45-54",
    "55-59": "55-59",
    "60+": "60 and over",
}

# Yes/no characteristics officials report on: participant column -> label.
BARRIERS: dict[str, str] = {
    "is_veteran": "Veteran",
    "has_disability": "Individual with a disability",
    "is_justice_involved": "Justice-involved / reentry",
    "is_english_learner": "English learner",
    "is_long_term_unemployed": "Long-term unemployed (27+ weeks)",
    "is_displaced_worker": "Displaced worker",
}

# The groups an equity breakdown can be made by: dimension -> (participant column, label, value labels).
YES_NO = {"yes": "Yes", "no": "No", "not_reported": "Not recorded"}
DIMENSIONS: dict[str, tuple[str, str, dict[str, str]]] = {
    "sex": ("sex", "Sex", SEX),
    "race_ethnicity": ("race_ethnicity", "Race / ethnicity", RACE_ETHNICITY),
    "age_band": ("age_band", "Age at enrollment", AGE_BANDS),
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
    "employed_q2": ("Employment rate, 2nd quarter after exit", RATE_UNIT),
    "employed_q4": ("Employment rate, 4th quarter after exit", RATE_UNIT),
    "earnings_q2_median": ("Median earnings, 2nd quarter after exit", USD_UNIT),
    "credential": ("Credential attainment rate", RATE_UNIT),
    "measurable_skill_gains": ("Measurable skill gains rate", RATE_UNIT),
    "ese_retention": ("Effectiveness in serving employers: retention with the same employer", RATE_UNIT),
    "ese_repeat_business": ("Effectiveness in serving employers: repeat business customers rate", RATE_UNIT),
    "ese_penetration": ("Effectiveness in serving employers: employer penetration rate", RATE_UNIT),
}
ESE_INDICATORS = frozenset({"ese_retention", "ese_repeat_business", "ese_penetration"})
LEVEL_BASES: dict[str, str] = {
    "negotiated": "Negotiated level (agreed before the program year)",
    "adjusted": "Adjusted level (the negotiated level after DOL's statistical adjustment model, set after the year)",
}
# Business services a program gives an employer establishment, in the categories of DOL's annual report of
# employer services (ETA-9169, effectiveness in serving employers).
EMPLOYER_SERVICE_TYPES: dict[str, str] = {
    "information_support": "Employer information and support services",
    "recruitment_assistance": "Workforce recruitment assistance",
    "strategic_planning": "Strategic planning / economic development activities",
    "untapped_labor_pools": "Accessing untapped labor pools",
    "training_services": "Training services",
    "incumbent_worker_training": "Incumbent worker training services",
    "rapid_response": "Rapid response / business downsizing assistance",
    "layoff_planning": "Planning layoff response",
}
FIRST_WIOA_PROGRAM_YEAR = 2016  # PY2016 (1 July 2016 - 30 June 2017): WIOA's indicators were first reported for it
