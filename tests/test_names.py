"""The one sanitizer's uniqueness: every caller's way of telling clashing names apart."""

from __future__ import annotations

from advisor import names


def test_unique_numbers_clashes_and_keeps_repeats_stable() -> None:
    mapped = names.unique(["a.b", "a-b", "a_b", "a.b", "class"], names.snake)
    assert mapped == {"a.b": "a_b", "a-b": "a_b_2", "a_b": "a_b_3", "class": "class_"}


def test_unique_respells_the_suffix_in_the_names_own_form() -> None:
    assert names.unique(["a.b", "a-b"], names.slug, respell=True) == {"a.b": "a-b", "a-b": "a-b-2"}
    assert names.unique(["class", "Class"], names.snake, respell=True) == {"class": "class_", "Class": "class_2"}
    assert names.unique(["a b", "A-B"], names.pascal, respell=True) == {"a b": "AB", "A-B": "AB2"}


def test_unique_avoids_taken_names_and_every_listed_form() -> None:
    assert names.unique(["tests", "x"], names.snake, ("tests",)) == {"tests": "tests_2", "x": "x"}
    # `a_22` and `a_2_2` differ, but both are `A22` as a class name.
    pascal_too = names.unique(["a_22", "a_2", "a-2"], names.snake,
                              forms=lambda ident: (ident, names.pascal(ident)))
    assert pascal_too == {"a_22": "a_22", "a_2": "a_2", "a-2": "a_2_3"}
    assert names.unique(["a.b", "a-b"], names.slug, suffix=lambda base, n: f"{base}-{n}") == {
        "a.b": "a-b", "a-b": "a-b-2"}


def test_unique_namer_hands_out_one_name_per_key() -> None:
    namer = names.Unique(("step_1",))
    assert [namer(1, "step_1"), namer(2, "step_1"), namer(1, "other"), namer(3, "step_1")] == [
        "step_1_2", "step_1_3", "step_1_2", "step_1_4"]
