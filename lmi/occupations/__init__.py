"""Occupations as O*NET describes them: finding one by any title people use (``search``), its profile
in plain words (``profile``, ``levels``; work activities, styles, interests, tasks, technology, abilities and
work context in ``profile_sections``), the detailed occupations to offer when a choice is an "All
Other" group or unrated (``alternatives``), and how O*NET occupations map to the codes BLS publishes
(``coverage``)."""
