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


def test_windows_reserved_names_never_come_out_of_the_sanitizer() -> None:
    from advisor import names

    for name in ("CON", "nul", "Aux", "com1", "LPT9", "prn"):
        for convert in (names.slug, names.snake, names.pascal, names.camel):
            assert not names.reserved(convert(name)), (convert.__name__, name)
    assert names.snake("console") == "console" and names.slug("com1x") == "com-1-x"


def test_no_target_writes_a_file_or_folder_windows_cannot_create(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from advisor import names
    from advisor.format.loader import load_text
    from advisor.format.model import read_model
    from advisor.scaffold import REGISTRY
    from advisor.scaffold.engine import plan_starter
    from advisor.targets import style_of

    text = (
        "version: 1\nsystem: con\nservices:\n"
        "  con: {role: orchestrator, calls: [nul, aux], publishes: [Aux], consumes: [Nul]}\n"
        "  nul: {publishes: [Nul], consumes: [Aux]}\n  aux: {consumes: [Aux, Nul]}\n"
        "events:\n  Aux: {}\n  Nul: {}\n"
        "flows:\n  com1:\n    orchestrator: con\n    steps:\n"
        "      - {service: nul, action: lpt1, compensation: prn}\n      - {service: aux, action: con}\n"
    )
    model = read_model(load_text(text))
    for target in [*REGISTRY, "kafka+temporal", "nestjs+step-functions"]:
        plan = plan_starter(model, target, tmp_path / "out", style=style_of(target))
        for item in plan:
            parts = item.path.relative_to(tmp_path / "out").parts
            assert not any(names.reserved(part) for part in parts), (target, item.path)
