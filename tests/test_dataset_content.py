"""What the dataset promises its readers: sourced rows, both sides of every dispute, a fact-checked
seed article, and a neutral voice."""

from __future__ import annotations

import re

import pytest

from distant_allies import load_dataset, load_terminology

DS = load_dataset()
EV, PL, SRC, CL = DS.events, DS.places, DS.sources, DS.claims

# Each factual claim of the seed article (paraphrased keys): (event_id, words in our paraphrase).
SEED_CLAIMS = [
    ("2025-05-07-azerbaijan-statement-on-indian-strikes", "full support"),
    ("2025-05-08-azerbaijan-envoy-conveys-support-to-sharif", "Farhadov"),
    ("2025-05-10-pakistan-strikes-operation-bunyan-um-marsoos", "streets"),
    ("1923-07-07-nkao-established", "1929"),
    ("1988-02-20-nkao-soviet-requests-transfer-to-armenia", "self-determination"),
    ("1994-05-12-bishkek-ceasefire", "Armenia"),
    ("1991-12-12-pakistan-recognises-azerbaijan", "Romania"),
    ("1992-06-09-pakistan-azerbaijan-diplomatic-relations", "1992"),
    ("1993-04-30-unsc-resolution-822", "supported"),
    ("1993-04-30-unsc-resolution-822", "chaired"),
    ("2016-09-oic-contact-group-first-meeting", "Contact Group"),
    ("2012-02-01-senate-committee-khojaly-resolution", "2012"),
    ("2012-02-01-senate-committee-khojaly-resolution", "2017"),
    ("2020-09-27-second-karabakh-war-begins", "Turkish"),
    ("2020-09-27-pakistan-backs-azerbaijan-as-war-begins", "self-defence"),
    ("2020-09-27-pakistan-backs-azerbaijan-as-war-begins", "National Assembly"),
    ("2020-10-02-pakistan-denies-troops-in-karabakh", "advisers"),
    ("2020-11-10-trilateral-ceasefire-statement", "44 days"),
    ("2023-09-19-azerbaijan-offensive-nagorno-karabakh", "2023"),
    ("2024-09-26-pakistan-military-confirms-jf17-sale", "1.6 billion"),
    ("2025-04-22-pahalgam-attack", "26"),
    ("2025-04-23-india-cites-cross-border-links-to-attack", "evidence"),
    ("2025-04-23-india-holds-indus-waters-treaty-in-abeyance", "Indus Waters Treaty"),
    ("1960-09-19-indus-waters-treaty", "1960"),
    ("2025-05-07-indian-strikes-operation-sindoor", "three civilians"),
    ("2025-05-07-indian-strikes-operation-sindoor", "Kotli"),
    ("2025-05-07-indian-strikes-operation-sindoor", "warmongering"),
]

QUOTED = re.compile(r"""(?<![A-Za-z])'[^']+?'(?![A-Za-z])|"[^"]+"|‘[^’]+’|“[^”]+”""")


def _own_voice(text: str) -> str:
    """The text with every quoted span removed: what is left is our own voice."""
    return QUOTED.sub(" ", text)


def test_every_event_cites_a_source_that_resolves():
    known = set(SRC["source_id"])
    for _, ev in EV.iterrows():
        assert ev["source_ids"], ev["event_id"]
        assert set(ev["source_ids"]) <= known, ev["event_id"]


def test_every_source_is_used():
    used = {s for ids in EV["source_ids"] for s in ids} | set(CL["source_id"])
    used |= {s for ids in CL["checked_against"] for s in ids}
    unused = sorted(set(SRC["source_id"]) - used)
    assert len(unused) <= len(SRC) // 10, f"{len(unused)} sources cited by nothing: {unused[:10]}"


def test_every_contested_event_has_claims_from_two_parties():
    for _, ev in EV[EV["contested"]].iterrows():
        parties = set(CL.loc[CL["event_id"] == ev["event_id"], "party"]) - {"seed"}
        assert len(parties) >= 2, f"{ev['event_id']} has claims from {sorted(parties)}"


@pytest.mark.parametrize(("event_id", "words"), SEED_CLAIMS)
def test_every_seed_claim_is_present_with_a_status_and_a_reason(event_id, words):
    seed = CL[(CL["party"] == "seed") & (CL["event_id"] == event_id)]
    hit = seed[seed["claim"].str.contains(words, regex=False)]
    assert len(hit) >= 1, f"no seed claim on {event_id} mentioning {words!r}"
    row = hit.iloc[0]
    assert row["source_id"] == "seed-article"
    assert row["note"] and row["checked_against"], row["claim_id"]


def test_the_seed_article_has_errors_the_data_shows():
    seed = CL[CL["party"] == "seed"]
    assert (seed["status"] == "contradicted").sum() >= 1  # a wrong date
    assert (seed["status"] == "superseded").sum() >= 1  # an out-of-date figure
    nkao = seed[seed["event_id"] == "1923-07-07-nkao-established"]
    assert nkao["status"].tolist() == ["contradicted"]


def test_our_own_voice_has_no_loaded_terms():
    terms = [t for ts in load_terminology()["loaded_terms"] for t in ts]
    offenders = []
    for _, ev in EV.iterrows():
        for column in ("title", "summary"):
            text = _own_voice(ev[column])
            for term in terms:
                # case-sensitive: "liberation" is a loaded word, "Bangladesh Liberation War"
                # is the name of a war
                if re.search(rf"\b{re.escape(term)}\b", text):
                    offenders.append(f"{ev['event_id']} {column}: {term}")
    for _, pl in PL.iterrows():
        for term in terms:
            if re.search(rf"\b{re.escape(term)}\b", _own_voice(pl["name"] + " " + pl["admin"])):
                offenders.append(f"place {pl['place_id']}: {term}")
    assert not offenders, "\n".join(offenders)


def test_loaded_terms_in_claims_are_quoted():
    terms = ["IIOJK", "martyred", "Azad Kashmir", "warmongering", "PoK", "PoJK"]
    for _, cl in CL.iterrows():
        text = _own_voice(cl["claim"])
        for term in terms:
            assert not re.search(rf"\b{term}\b", text), f"{cl['claim_id']}: {term} unquoted"


def test_balance_of_voices():
    origins = SRC["origin"].value_counts()
    for party in ("PAK", "IND", "AZE", "ARM", "UN", "international"):
        assert origins.get(party, 0) >= 5, f"only {origins.get(party, 0)} sources from {party}"


def test_coverage():
    assert len(EV) >= 150
    assert EV["date_start"].min().year <= 1919 and EV["date_start"].max().year >= 2025
    per_thread = EV["thread"].value_counts()
    assert (per_thread >= 20).all(), per_thread.to_dict()
    crisis = EV[EV["date_start"].between("2025-04-22", "2025-05-10")]
    assert crisis["date_start"].dt.day.nunique() >= 10  # the crisis, day by day


def test_disputed_places_carry_each_partys_name():
    stepanakert = PL.set_index("place_id").loc["stepanakert"]
    assert any("Khankendi" in n for n in stepanakert["alt_names"])
