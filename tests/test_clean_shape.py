"""Line shapes and full dates: the shortcuts that skip work give what the full reading gives."""

from __future__ import annotations

from datetime import date

from newsgraph.clean.dates import find_full_dates
from newsgraph.clean.shape import is_title_case


def test_headlines_are_title_case() -> None:
    assert is_title_case("Harbour Authority Approves Second Container Terminal After Long Review")


def test_sentences_are_not_title_case() -> None:
    assert not is_title_case("The harbour authority approved a second container terminal on Friday.")


def test_a_long_capitalised_run_is_not_a_headline() -> None:
    names = " ".join(f"Delegate{chr(65 + k)} Arrived" for k in range(11))  # 22 capitalised long words
    assert not is_title_case(names)
    assert is_title_case(" ".join(names.split()[:20]))


def test_full_dates_need_a_year() -> None:
    text = "The vote, first set for 3 March 2019, was held on 2020-05-06 and again on March 9."
    assert [(text[s:e], d) for s, e, d in find_full_dates(text)] == [
        ("3 March 2019", date(2019, 3, 3)),
        ("2020-05-06", date(2020, 5, 6)),
    ]
    assert find_full_dates("The vote was held on 6 May and again on March 9.") == []
