"""The exercise registry: one :class:`~distant_allies.checks.Exercise` per exercise id.

Expected answers are computed from the dataset when a check runs (so a corrected row corrects
the exercise); answers that cannot be computed — readings of the history offered as multiple
choice — are stored as salted hashes (:func:`distant_allies.checks.answer_hash`), never in
plain text. Reflections are read and graded by a person.
"""

from __future__ import annotations

from .checks import Exercise

EXERCISES: dict[str, Exercise] = {}


#: Hashes of the multiple-choice answers (checks.answer_hash(exercise_id, letter)); the letters
#: themselves are in the solution notebooks and teacher/GUIDE.md, not in the package.
_KEYS = {
    "1.4": "f7eee70628e07c76dd7be7bb97b59891cd58126d0aee48ccebbfdcd438772535",
    "2.3": "587581b436c784e9d2228f25b9000233b4a9abd9147dc002c3d2fcf257fee739",
    "3.4": "3a250b4f07a73ed94c8e40cd80469723f77bc8c2f1c4bc4a43398c44cfb9ae57",
    "4.4": "9d39ab18b407fc78200636c6f5767d503543a7befa45fd9cf8bd85fc3078f74e",
    "5.3": "08ad002f1357da6285c137a126ed1720f868557f3b1e6c092b4df05c0fc673b7",
    "6.4": "4f4848129dcbee45fee69d59acaa6f7bd9d664fd5ed6b0568c62aee7df2fab9a",
    "7.4": "f45f99e5533df2e455d40a2fbcc5f5c9b6ce5c243d420f1b352dbbabe07d9bd4",
    "8.4": "8ff9a0172fc4f7042b42f2ac0d69621c23c4315dd22aa363101d0afdaf4b3416",
}


def _key(exercise_id: str) -> tuple[str, ...]:
    return (_KEYS[exercise_id],)


def _add(ex: Exercise) -> None:
    if ex.id in EXERCISES:
        raise ValueError(f"exercise {ex.id} defined twice")
    EXERCISES[ex.id] = ex


# ---------------------------------------------------------------------------------------------
# Small accessors (the data is loaded, validated and cached by distant_allies.data)
# ---------------------------------------------------------------------------------------------


def _ds():
    from .data import _dataset

    return _dataset()  # read only: the cached tables, not copies


def _event(event_id: str):
    ev = _ds().events
    return ev.loc[ev["event_id"] == event_id].iloc[0]


def _year(event_id: str) -> int:
    return int(_event(event_id)["date_start"].year)


def _days_between(first: str, second: str) -> int:
    return int((_event(second)["date_start"] - _event(first)["date_start"]).days)


def _parties(event_id: str) -> list[str]:
    claims = _ds().claims
    return sorted(set(claims.loc[claims["event_id"] == event_id, "party"]))


def _seed_claim(event_id: str, words: str):
    claims = _ds().claims
    found = claims[
        (claims["event_id"] == event_id)
        & (claims["party"] == "seed")
        & claims["claim"].str.contains(words, case=False, regex=False)
    ]
    return found.iloc[0]


def _seed_status(event_id: str, words: str) -> str:
    return str(_seed_claim(event_id, words)["status"])


def _count(**filters) -> int:
    from .explore import filter_events

    return len(filter_events(_ds().events, **filters))


def _ids(frame) -> list[str]:
    return sorted(frame["event_id"])


def _same_number(answer, expected) -> bool:
    try:
        return float(answer) == float(expected)
    except (TypeError, ValueError):
        return False


def _number_hint(off_by_one: str):
    def hint(answer, expected):
        if isinstance(answer, str):
            return "Write the number itself, without quotation marks (e.g. 12, not \"12\")."
        try:
            gap = abs(float(answer) - float(expected))
        except (TypeError, ValueError, OverflowError):
            return "Your answer should be a number, e.g. 12."
        if gap == 1:
            return off_by_one
        return None

    return hint


def _text_hint(answer, expected):
    if not isinstance(answer, str):
        return "Your answer should be text, in quotation marks, e.g. \"corroborated\"."
    return None


def _choice_hint(answer, expected):
    if not isinstance(answer, str) or answer.strip().lower() not in {"a", "b", "c", "d"}:
        return "Answer with one letter in quotation marks: \"a\", \"b\", \"c\" or \"d\"."
    return None


def _set_hint(answer, expected):
    if isinstance(answer, str):
        return "Give a list of values, e.g. [\"ARM\", \"AZE\"], not one text."
    try:
        given = {str(a) for a in answer}
    except TypeError:
        return "Give a list of values, e.g. [\"ARM\", \"AZE\"]."
    want = {str(e) for e in expected}
    if given < want:
        return f"You have {len(given)} of them; some are missing."
    if given > want:
        return f"You have {len(given) - len(want)} too many."
    return None


# ---------------------------------------------------------------------------------------------
# 00 — start here
# ---------------------------------------------------------------------------------------------

_add(Exercise(
    id="0.1", notebook="00-start-here", kind="data",
    prompt="How many events does the dataset hold?",
    expected=lambda: len(_ds().events),
    answer_form="a whole number",
    hints=("Run the cell in section 1 that asks Python for len(events), then copy the number.",
           "Type the number without quotation marks, e.g. answer_0_1 = 12."),
    targeted=lambda a, e: ("Write the number itself, without quotation marks."
                           if isinstance(a, str) else None),
    explanation="That is the number of rows in events.csv: one per event.",
))

# ---------------------------------------------------------------------------------------------
# 01 — Karabakh roots (1918–1988)
# ---------------------------------------------------------------------------------------------

_NKAO = "1923-07-07-nkao-established"
_TRANSFER = "1988-02-20-nkao-soviet-requests-transfer-to-armenia"

_add(Exercise(
    id="1.1", notebook="01-karabakh-roots", kind="data",
    prompt="In which year was the Nagorno-Karabakh Autonomous Oblast (NKAO) created?",
    expected=lambda: _year(_NKAO), answer_form="a year, as a whole number",
    hints=("Find the row whose event_id starts with 1923-07-07 and read its date_start.",
           "The year is the first four digits of date_start."),
    targeted=lambda a, e: ("1929 is the year the seed article gives. What does the dataset say?"
                           if _same_number(a, 1929) else None),
    explanation="The oblast was created on 7 July 1923, two years after the Kavbiuro decision.",
))
_add(Exercise(
    id="1.2", notebook="01-karabakh-roots", kind="data",
    prompt="What is the difference between the year the NKAO was created and the year (1988) "
           "its regional soviet asked to be transferred to Soviet Armenia?",
    expected=lambda: _year(_TRANSFER) - _year(_NKAO), answer_form="a whole number of years",
    hints=("Subtract the year of the NKAO's creation from the year of the request.",
           "Both years are in the date_start column; the request is the 1988-02-20 row."),
    targeted=_number_hint("Subtract the years exactly: later year minus earlier year."),
    explanation="For 65 years the question was mostly argued in petitions and letters, "
                "not fought over — until 1988.",
))
_add(Exercise(
    id="1.3", notebook="01-karabakh-roots", kind="source",
    prompt="The seed article gives a different year for the NKAO. What status does the dataset "
           "give the seed article's claim about it?",
    expected=lambda: str(_ds().claims.query("event_id == @_NKAO and party == 'seed'")
                         ["status"].iloc[0]),
    answer_form="one status word, e.g. \"disputed\"",
    hints=("Use da.claims_for(\"1923-07-07-nkao-established\", claims) and look at the row "
           "whose party is seed.",
           "Read the status column of that row; the note column says why."),
    targeted=_text_hint,
    explanation="Every source we read gives 7 July 1923; the article's 1929 is an error.",
))
_add(Exercise(
    id="1.4", notebook="01-karabakh-roots", kind="choice",
    prompt="The Sumgait (1988) and Gugark (1988) events are both marked contested. What does "
           "that flag tell you?",
    accepted_hashes=_key("1.4"),
    answer_form="one letter in quotation marks, e.g. \"a\"",
    hints=("Re-read what section 4 of notebook 00 says about contested events.",
           "Look at claims_for(...) for one of them: what differs between the rows?"),
    targeted=_choice_hint,
    explanation="Contested means the parties' accounts differ — here above all on how many "
                "people were killed — not that the events did not happen.",
))
_add(Exercise(
    id="1.5", notebook="01-karabakh-roots", kind="reflection", points=3,
    prompt="Why might decisions made in 1921–1923 still matter to people in Baku and Yerevan "
           "a century later? Use at least one event from the data.",
    min_words=40,
))

# ---------------------------------------------------------------------------------------------
# 02 — The first Karabakh war (1988–1994)
# ---------------------------------------------------------------------------------------------

_R822 = "1993-04-30-unsc-resolution-822"
_CEASEFIRE_1994 = "1994-05-12-bishkek-ceasefire"
_KHOJALY = "1992-02-26-khojaly-massacre"


def _unsc_1993() -> int:
    ev = _ds().events
    mask = (
        (ev["thread"] == "karabakh")
        & (ev["category"] == "resolution")
        & (ev["date_start"].dt.year == 1993)
        & ev["title"].str.contains("Security Council", regex=False)
    )
    return int(mask.sum())


_add(Exercise(
    id="2.2", notebook="02-first-karabakh-war", kind="data",
    prompt="How many UN Security Council resolutions on the conflict does the dataset record "
           "in 1993?",
    expected=_unsc_1993, answer_form="a whole number",
    hints=("Filter the karabakh events to 1993 and the category resolution.",
           "Count only the rows whose title names the UN Security Council."),
    targeted=_number_hint("Close: check that every 1993 resolution row is counted once."),
    explanation="Four resolutions — 822, 853, 874 and 884 — all in 1993, each after a new "
                "advance by Armenian forces.",
))
_add(Exercise(
    id="2.4", notebook="02-first-karabakh-war", kind="data",
    prompt="How many days passed between Resolution 822 and the ceasefire that took effect in "
           "May 1994?",
    expected=lambda: _days_between(_R822, _CEASEFIRE_1994), answer_form="a whole number of days",
    hints=("Subtract the two date_start values: the result is a Timedelta; .days gives a number.",
           "Use the rows 1993-04-30-unsc-resolution-822 and 1994-05-12-bishkek-ceasefire."),
    targeted=_number_hint("Count the difference between the dates, not both ends: later minus "
                          "earlier, then .days."),
    explanation="More than a year of fighting followed the first resolution.",
))
_add(Exercise(
    id="2.1", notebook="02-first-karabakh-war", kind="source",
    prompt="Which parties have claims about the Khojaly killings in the dataset? Give the party "
           "codes as a list.",
    expected=lambda: _parties(_KHOJALY), answer_form="a list of party codes, e.g. [\"ARM\"]",
    hints=("Use da.claims_for(\"1992-02-26-khojaly-massacre\", claims) and look at the party "
           "column.",
           "sorted(set(...)) of that column gives each party once."),
    targeted=_set_hint,
    explanation="Each side's figures come with their own source, and a neutral body's too.",
))
_add(Exercise(
    id="2.3", notebook="02-first-karabakh-war", kind="choice",
    prompt="What did Resolution 822 demand?",
    accepted_hashes=_key("2.3"), answer_form="one letter in quotation marks",
    hints=("Read the summary of the 1993-04-30 row slowly: which forces, and from where?",
           "The resolution named a district, then 'other recently occupied areas'."),
    targeted=_choice_hint,
    explanation="It demanded the withdrawal of 'all occupying forces' from Kalbajar and other "
                "recently occupied areas; it did not name the Republic of Armenia as the "
                "occupier, which is why the seed article's wording is marked disputed.",
))
_add(Exercise(
    id="2.5", notebook="02-first-karabakh-war", kind="reflection", points=3,
    prompt="The same war is remembered by some as liberation and by others as occupation. "
           "Pick one event and explain how each side names and remembers it.",
    min_words=40,
))

# ---------------------------------------------------------------------------------------------
# 03 — Pakistan and Azerbaijan (1991–2019)
# ---------------------------------------------------------------------------------------------

_PAK_RECOGNISES = "1991-12-12-pakistan-recognises-azerbaijan"
_TUR_RECOGNISES = "1991-11-09-turkey-recognises-azerbaijan"


def _pak_aze_before_2020() -> int:
    return _count(threads="pakistan-azerbaijan", years=(1991, 2019))


_add(Exercise(
    id="3.1", notebook="03-pakistan-and-azerbaijan", kind="data",
    prompt="How many days after Turkey did Pakistan recognise Azerbaijan's independence?",
    expected=lambda: _days_between(_TUR_RECOGNISES, _PAK_RECOGNISES),
    answer_form="a whole number of days",
    hints=("Find the two recognition rows (one in wider-alignments, one in pakistan-azerbaijan) "
           "and subtract their date_start values.",
           "(later - earlier).days turns the difference into a number."),
    targeted=_number_hint("Subtract the dates; don't count both ends."),
    explanation="Turkey recognised first, on 9 November 1991; Romania followed on 11 December "
                "and Pakistan on 12 December — third, not second as several sources say.",
))
_add(Exercise(
    id="3.2", notebook="03-pakistan-and-azerbaijan", kind="data",
    prompt="How many pakistan-azerbaijan events does the dataset record from 1991 to 2019?",
    expected=_pak_aze_before_2020, answer_form="a whole number",
    hints=("da.filter_events(events, threads=\"pakistan-azerbaijan\", years=(1991, 2019))",
           "len(...) of that frame counts its rows."),
    targeted=_number_hint("Check the end year: the range is inclusive, 1991 to 2019."),
    explanation="Count them by decade too: the ties thicken after 2016.",
))
_add(Exercise(
    id="3.3", notebook="03-pakistan-and-azerbaijan", kind="source",
    prompt="The seed article says Pakistan chaired the Security Council meeting that adopted "
           "Resolution 822. What status does the dataset give that claim?",
    expected=lambda: _seed_status(_R822, "chaired"),
    answer_form="one status word, e.g. \"disputed\"",
    hints=("Look at da.claims_for(\"1993-04-30-unsc-resolution-822\", claims) and find the seed "
           "row that mentions chairing.",
           "Read its status, then its note: what would settle the question?"),
    targeted=_text_hint,
    explanation="No UN record we read names the Council's president that month; the only "
                "support is one party's later statement, so the claim stays unverified.",
))
_add(Exercise(
    id="3.4", notebook="03-pakistan-and-azerbaijan", kind="choice",
    prompt="Why did Pakistan have no diplomatic relations with Armenia until 2025?",
    accepted_hashes=_key("3.4"), answer_form="one letter in quotation marks",
    hints=("Read the 2015 pakistan-azerbaijan row about recognising Armenia.",
           "What did Pakistan tie recognition to?"),
    targeted=_choice_hint,
    explanation="Pakistan tied recognising Armenia to the Karabakh conflict, in solidarity with "
                "Azerbaijan; relations came only in August 2025, after the Armenia–Azerbaijan "
                "peace steps.",
))
_add(Exercise(
    id="3.5", notebook="03-pakistan-and-azerbaijan", kind="reflection", points=3,
    prompt="What did each side gain from the friendship between 1991 and 2019? Use events "
           "from the data.",
    min_words=40,
))

# ---------------------------------------------------------------------------------------------
# 04 — The wars of 2020 and 2023
# ---------------------------------------------------------------------------------------------

_WAR_2020 = "2020-09-27-second-karabakh-war-begins"
_STATEMENT_2020 = "2020-11-10-trilateral-ceasefire-statement"
_OFFENSIVE_2023 = "2023-09-19-azerbaijan-offensive-nagorno-karabakh"

_add(Exercise(
    id="4.1", notebook="04-wars-of-2020-and-2023", kind="data",
    prompt="How many days passed between the start of the 2020 war and the trilateral "
           "statement that ended it?",
    expected=lambda: _days_between(_WAR_2020, _STATEMENT_2020), answer_form="a whole number",
    hints=("Subtract the date_start of the war's first row from the statement's.",
           "Use .days on the difference."),
    targeted=_number_hint("Later date minus earlier date, without adding a day."),
    explanation="That is the '44 days' of the war's common name: the statement was signed in "
                "the night of 9–10 November.",
))
_add(Exercise(
    id="4.2", notebook="04-wars-of-2020-and-2023", kind="source",
    prompt="Which codes appear in the party column of the claims about Azerbaijan's offensive "
           "of September 2023?",
    expected=lambda: _parties(_OFFENSIVE_2023), answer_form="a list of party codes",
    hints=("da.claims_for(\"2023-09-19-azerbaijan-offensive-nagorno-karabakh\", claims)",
           "Take the party column, each code once: sorted(set(...))."),
    targeted=_set_hint,
    explanation="The parties disagree on the casualties and on what the exodus that followed "
                "should be called.",
))
_add(Exercise(
    id="4.3", notebook="04-wars-of-2020-and-2023", kind="data",
    prompt="How many karabakh events from 2020 to 2023 are marked contested?",
    expected=lambda: _count(threads="karabakh", years=(2020, 2023), contested=True),
    answer_form="a whole number",
    hints=("filter_events(events, threads=\"karabakh\", years=(2020, 2023), contested=True)",
           "len() of the result."),
    targeted=_number_hint("Check both ends of the year range are included."),
    explanation="Most of these years' events are contested — a sign of how differently the two "
                "sides tell them.",
))
_add(Exercise(
    id="4.4", notebook="04-wars-of-2020-and-2023", kind="choice",
    prompt="Where did Pakistan stand during the 2020 war, according to the data?",
    accepted_hashes=_key("4.4"), answer_form="one letter in quotation marks",
    hints=("Read the pakistan-azerbaijan rows from September to November 2020 and their claims.",
           "What did Armenia allege, what did Pakistan's Foreign Office say, and what is the "
           "status of each?"),
    targeted=_choice_hint,
    explanation="Pakistan backed Azerbaijan diplomatically; Armenia's allegations that Pakistani "
                "troops fought were denied by Pakistan and are not confirmed by the sources we "
                "read.",
))
_add(Exercise(
    id="4.5", notebook="04-wars-of-2020-and-2023", kind="reflection", points=3,
    prompt="More than 100,000 people left Karabakh in September 2023. How do the two sides "
           "describe what happened, and how would you describe it neutrally?",
    min_words=40,
))

# ---------------------------------------------------------------------------------------------
# 05 — Arms and alignments
# ---------------------------------------------------------------------------------------------

_JF17_CONFIRMED = "2024-09-26-pakistan-military-confirms-jf17-sale"


def _military(threads=("pakistan-azerbaijan", "wider-alignments")):
    from .explore import filter_events

    return filter_events(_ds().events, threads=list(threads), categories="military-cooperation")


def _armenia_arms() -> list[str]:
    return _ids(_military(threads=("karabakh", "pakistan-azerbaijan", "india-pakistan",
                                   "wider-alignments")).loc[
        lambda f: f["countries"].map(lambda cs: "ARM" in cs)])


_add(Exercise(
    id="5.1", notebook="05-arms-and-alignments", kind="data",
    prompt="How many military-cooperation events do the pakistan-azerbaijan and "
           "wider-alignments threads hold together?",
    expected=lambda: len(_military()), answer_form="a whole number",
    hints=("filter_events(events, threads=[...two threads...], "
           "categories=\"military-cooperation\")",
           "len() of the result."),
    targeted=_number_hint("Close: check the two threads, and only the category "
                          "military-cooperation."),
    explanation="Compare this with the 1990s and 2000s: almost all of it is after 2020.",
))
_add(Exercise(
    id="5.2", notebook="05-arms-and-alignments", kind="data",
    prompt="Give the event_ids of all military-cooperation events that have ARM in their "
           "countries column.",
    expected=_armenia_arms, answer_form="a list of event_id texts",
    hints=("Start from filter_events(events, categories=\"military-cooperation\", "
           "countries=\"ARM\").",
           "Then take .tolist() of its event_id column."),
    targeted=_set_hint,
    explanation="India appears in most of them: Armenia turned to Indian radars, rocket "
                "launchers and ammunition after 2020.",
))
_add(Exercise(
    id="5.4", notebook="05-arms-and-alignments", kind="source",
    prompt="What status does the dataset give the seed article's claim of a $1.6 billion "
           "JF-17 agreement?",
    expected=lambda: _seed_status(_JF17_CONFIRMED, "1.6"),
    answer_form="one status word, e.g. \"disputed\"",
    hints=("Look at da.claims_for(\"2024-09-26-pakistan-military-confirms-jf17-sale\", claims).",
           "Find the party seed row and read status and note."),
    targeted=_text_hint,
    explanation="The sale is confirmed; the $1.6 billion figure comes from media reports and "
                "was never officially stated.",
))
_add(Exercise(
    id="5.3", notebook="05-arms-and-alignments", kind="choice",
    prompt="Which summary fits the data on arms in the 2020s?",
    accepted_hashes=_key("5.3"), answer_form="one letter in quotation marks",
    hints=("Group the military-cooperation events by the countries involved.",
           "Who supplied Azerbaijan, and who supplied Armenia?"),
    targeted=_choice_hint,
    explanation="In this dataset, Pakistan and Turkey armed Azerbaijan and India armed "
                "Armenia; each arms tie mirrors a diplomatic one. (Russian and other supplies "
                "are not recorded here.)",
))
_add(Exercise(
    id="5.5", notebook="05-arms-and-alignments", kind="reflection", points=3,
    prompt="Do arms deals create alignments, or follow them? Argue from two events in the data.",
    min_words=40,
))

# ---------------------------------------------------------------------------------------------
# 08 — Capstone
# ---------------------------------------------------------------------------------------------


def _aze_pak_events():
    ev = _ds().events
    return ev[ev["countries"].map(lambda cs: "AZE" in cs and "PAK" in cs)]


def _aze_pak_sources() -> list[str]:
    return sorted({s for ids in _aze_pak_events()["source_ids"] for s in ids})


def _top_origins() -> list[str]:
    src = _ds().sources
    origins = src.loc[src["source_id"].isin(_aze_pak_sources()), "origin"].value_counts()
    return sorted(origins[origins == origins.max()].index)


def _one_of(answer, expected) -> bool:
    """Any of the tied answers, written in any case (e.g. "pak" for "PAK")."""
    wanted = {e.casefold() for e in expected}
    return isinstance(answer, str) and answer.strip().casefold() in wanted


_add(Exercise(
    id="8.1", notebook="08-capstone", kind="data",
    prompt="Give the event_ids of every event that involves both Azerbaijan (AZE) and "
           "Pakistan (PAK).",
    expected=lambda: _ids(_aze_pak_events()), answer_form="a list of event_id texts",
    hints=("filter_events(..., countries=\"AZE\") keeps events with AZE; you need both codes.",
           "events[events[\"countries\"].map(lambda cs: \"AZE\" in cs and \"PAK\" in cs)]"),
    targeted=_set_hint,
    explanation="This is the spine of your evidence: every event in which the two states act "
                "together or towards each other.",
))
_add(Exercise(
    id="8.2", notebook="08-capstone", kind="data",
    prompt="How many different sources do those events cite between them?",
    expected=lambda: len(_aze_pak_sources()), answer_form="a whole number",
    hints=("Each row's source_ids is a list: collect them all into one set.",
           "len({s for ids in frame[\"source_ids\"] for s in ids})"),
    targeted=_number_hint("Count each source once, even when several events cite it."),
    explanation="Knowing how many sources stand behind a claim is the first step in weighing it.",
))
_add(Exercise(
    id="8.3", notebook="08-capstone", kind="source",
    prompt="Whose voice is most common among those sources? Give the origin code.",
    expected=_top_origins, compare=_one_of, answer_form="one origin code, e.g. \"PAK\"",
    hints=("Keep the rows of sources whose source_id is in your set, then value_counts() the "
           "origin column.",
           "The first row of value_counts() is the most common origin."),
    targeted=_text_hint,
    explanation="Where two origins tie, either is right. When most of the evidence comes "
                "from the two partners' own outlets, say so in your argument and look for "
                "the others.",
))
_add(Exercise(
    id="8.4", notebook="08-capstone", kind="choice",
    prompt="Which statement is best supported by the dataset as a whole?",
    accepted_hashes=_key("8.4"), answer_form="one letter in quotation marks",
    hints=("Look back over notebooks 03–06: what did each side do for the other, and when?",
           "Prefer the statement that the most events, from the most sources, support."),
    targeted=_choice_hint,
    explanation="Azerbaijan's support in 2025 followed decades of reciprocal backing — "
                "Pakistan on Karabakh since the 1990s, Azerbaijan on Kashmir from the 2000s — "
                "with Turkey as a third partner.",
))
_add(Exercise(
    id="8.5", notebook="08-capstone", kind="reflection", points=6,
    prompt="Your argument: answer your chosen question in 150–300 words, citing at least four "
           "events and naming the sources and parties behind each.",
    min_words=150,
))

# ---------------------------------------------------------------------------------------------
# 06 — India and Pakistan, 2025
# ---------------------------------------------------------------------------------------------

_PAHALGAM = "2025-04-22-pahalgam-attack"
_SINDOOR = "2025-05-07-indian-strikes-operation-sindoor"
_CEASEFIRE_2025 = "2025-05-10-ceasefire"


def _contested_in_crisis() -> int:
    ev = _ds().events
    start, end = _event(_PAHALGAM)["date_start"], _event(_CEASEFIRE_2025)["date_start"]
    mask = ((ev["thread"] == "india-pakistan") & ev["date_start"].between(start, end)
            & ev["contested"])
    return int(mask.sum())


_add(Exercise(
    id="6.2", notebook="06-india-pakistan-2025", kind="data",
    prompt="How many days passed between the Pahalgam attack and the ceasefire?",
    expected=lambda: _days_between(_PAHALGAM, _CEASEFIRE_2025), answer_form="a whole number",
    hints=("Subtract the date_start of 2025-04-22-pahalgam-attack from that of "
           "2025-05-10-ceasefire.",
           "Use .days on the difference."),
    targeted=_number_hint("Later date minus earlier date, without adding a day."),
    explanation="Eighteen days from the attack to the ceasefire; the shooting war itself lasted "
                "four days, from 7 to 10 May.",
))
_add(Exercise(
    id="6.1", notebook="06-india-pakistan-2025", kind="source",
    prompt="Which parties have claims about India's strikes of 7 May 2025?",
    expected=lambda: _parties(_SINDOOR), answer_form="a list of party codes",
    hints=("da.claims_for(\"2025-05-07-indian-strikes-operation-sindoor\", claims)",
           "sorted(set(...)) of its party column."),
    targeted=_set_hint,
    explanation="India, Pakistan, an international news agency on the ground — and the seed "
                "article, whose figures are out of date.",
))
_add(Exercise(
    id="6.3", notebook="06-india-pakistan-2025", kind="data",
    prompt="How many india-pakistan events from the Pahalgam attack to the ceasefire "
           "(inclusive) are marked contested?",
    expected=_contested_in_crisis, answer_form="a whole number",
    hints=("Keep the india-pakistan rows whose date_start is between 2025-04-22 and "
           "2025-05-10, then the contested ones.",
           "events[\"date_start\"].between(\"2025-04-22\", \"2025-05-10\") makes the date mask."),
    targeted=_number_hint("Check both ends of the date range are included."),
    explanation="Most of the crisis is told in two irreconcilable versions.",
))
_add(Exercise(
    id="6.4", notebook="06-india-pakistan-2025", kind="choice",
    prompt="Who announced the ceasefire first, and how do the accounts of it differ?",
    accepted_hashes=_key("6.4"), answer_form="one letter in quotation marks",
    hints=("Read the claims about 2025-05-10-ceasefire, party by party.",
           "Who posted first, and what did India's Foreign Secretary say about how it was agreed?"),
    targeted=_choice_hint,
    explanation="President Trump announced it first and spoke of US mediation; India says the "
                "two military operations chiefs agreed it directly; Pakistan thanked the US.",
))
_add(Exercise(
    id="6.5", notebook="06-india-pakistan-2025", kind="reflection", points=3,
    prompt="Pick one contested day of the crisis and write a neutral account of it, with each "
           "side's claim attributed.",
    min_words=40,
))

# ---------------------------------------------------------------------------------------------
# 07 — Reading the news
# ---------------------------------------------------------------------------------------------

_SEED_NKAO_YEAR = 1929  # the year the seed article gives (its error, quoted for the exercise)


def _seed_claims():
    claims = _ds().claims
    return claims[claims["party"] == "seed"]


_add(Exercise(
    id="7.1", notebook="07-reading-the-news", kind="data",
    prompt="How many claims from the seed article does the dataset record?",
    expected=lambda: len(_seed_claims()), answer_form="a whole number",
    hints=("Keep the claims whose party is seed.",
           "len(claims[claims[\"party\"] == \"seed\"])"),
    targeted=_number_hint("Count every seed row once."),
    explanation="Each factual sentence of the article became one or more claims you can check.",
))
_add(Exercise(
    id="7.2", notebook="07-reading-the-news", kind="source",
    prompt="Give the claim_ids of the seed article's claims that the dataset marks "
           "contradicted or superseded.",
    expected=lambda: sorted(_seed_claims().query(
        "status in ['contradicted', 'superseded']")["claim_id"]),
    answer_form="a list of claim_id texts",
    hints=("Filter the seed claims to status in ['contradicted', 'superseded'].",
           "Then .tolist() of the claim_id column."),
    targeted=_set_hint,
    explanation="A wrong year and out-of-date casualty figures: the kind of error any fast "
                "news article can make.",
))
_add(Exercise(
    id="7.3", notebook="07-reading-the-news", kind="data",
    prompt="The seed article dates the oblast to 1929. By how many years is it off?",
    expected=lambda: _SEED_NKAO_YEAR - _year(_NKAO), answer_form="a whole number",
    hints=("Find the year of the 1923-07-07-nkao-established row.",
           "Subtract it from 1929."),
    targeted=_number_hint("Subtract the years exactly."),
    explanation="1929 is six years late: the oblast was created on 7 July 1923.",
))
_add(Exercise(
    id="7.4", notebook="07-reading-the-news", kind="choice",
    prompt="Which of these words from the seed article is a loaded term in the pack's "
           "terminology table?",
    accepted_hashes=_key("7.4"), answer_form="one letter in quotation marks",
    hints=("Look at da.load_terminology(): which words are in the loaded_terms column?",
           "Which of the four words takes a side about the people it describes?"),
    targeted=_choice_hint,
    explanation="'Martyred' honours the dead as dying for a cause; a neutral account says "
                "'killed' and quotes the word only as the speaker's.",
))
_add(Exercise(
    id="7.5", notebook="07-reading-the-news", kind="reflection", points=4,
    prompt="Rewrite the seed article's account of 22 April – 10 May 2025 as a neutral paragraph, "
           "using the dataset's figures and attributing each side's claims.",
    min_words=60,
))
