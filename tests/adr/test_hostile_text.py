"""Text from an architecture file or a record never becomes Markdown, HTML or Mermaid syntax.

A model whose names and description try every trick is rendered into both record layouts,
the index, the toc and the graphs; the output is parsed with markdown-it (CommonMark, as
GitHub renders it) and nothing the text carried may appear as a heading, link, image,
HTML, extra code block or diagram directive.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from advisor.adr import list_records, plan_decision_record, render_index
from advisor.adr.index import render_graph_dot, render_graph_mermaid, render_toc
from advisor.adr.markdown import block, inline, unescape, visible
from advisor.decision.scoring import score_traits
from advisor.format.model import Architecture, Event, Flow, Service, Step

markdown_it = pytest.importorskip("markdown_it", reason="markdown-it-py parses the rendered Markdown")

HOSTILE = [
    "<!-- hide the rest",
    "<script>alert(1)</script>",
    "[click me](javascript:alert(1))",
    "![img](http://evil.example/x.png)",
    "# Injected heading",
    "\n```mermaid\n%%{init: {'securityLevel': 'loose'}}%%\nflowchart LR\nclick A \"javascript:alert(1)\"\n```\n",
    "https://evil.example/autolink www.evil.example",
    "ab\u202etxt.exe\u200b\u2066x\u2069",
    "| cell | break |",
    "<https://evil.example>",
    "-->",
]
SYSTEM = "shop <b>bold</b> [x](http://evil.example) \u202egnp.exe"
DESCRIPTION = "\n\n".join(HOSTILE)


def hostile_model() -> Architecture:
    event = 'Order"]:::x\nclick e call alert()%%{init}%%'
    services = {
        "order<svc>": Service("order<svc>", calls=("pay%%{init}%%",), publishes=(event,)),
        "pay%%{init}%%": Service("pay%%{init}%%", consumes=(event,)),
    }
    steps = (
        Step("pay%%{init}%%", "charge\nclick A call evil()", compensation="refund -->> now"),
        Step("order<svc>", "ship`; #1"),
    )
    flows = {"check`out": Flow("check`out", orchestrator="order<svc>", steps=steps)}
    return Architecture(
        system=SYSTEM,
        description=DESCRIPTION,
        services=services,
        events={event: Event(event)},
        flows=flows,
        traits={"compensation": "high", "sequencing": "high"},
    )


def tokens(text: str) -> list[object]:
    parser = markdown_it.MarkdownIt("commonmark").enable("table")
    found: list[object] = []
    for token in parser.parse(text):
        found.append(token)
        found.extend(token.children or [])
    return found


OWN_COMMENTS = ("<!-- advisor-metadata\n", "<!-- advisor:adr-index: ")


def without_front_matter(text: str) -> str:
    """The body GitHub renders as Markdown (it shows front matter as a table, not Markdown)."""
    if text.startswith("---\n"):
        return text[text.index("\n---\n", 3) + 5 :]
    return text


def assert_literal(text: str) -> None:
    """No token that hostile text could have made: links, images, HTML; no invisible characters."""
    text = without_front_matter(text)
    for token in tokens(text):
        if getattr(token, "type", "") == "html_block" and token.content.startswith(OWN_COMMENTS):  # type: ignore[attr-defined]
            assert token.content.count("-->") == 1, token.content  # type: ignore[attr-defined]
            continue
        kind = getattr(token, "type", "")
        if kind in ("link_open", "image"):
            target = token.attrGet("href") or token.attrGet("src") or ""  # type: ignore[attr-defined]
            assert "evil" not in str(target) and "javascript" not in str(target), (kind, target)
        assert kind not in ("html_block", "html_inline"), (kind, getattr(token, "content", ""))
        if kind == "heading_open":
            assert "Injected" not in text.split("\n")[token.map[0]], token.map  # type: ignore[attr-defined]
    assert visible(text) == text
    fences = [t for t in tokens(text) if getattr(t, "type", "") == "fence"]
    for fence in fences:
        content = fence.content  # type: ignore[attr-defined]
        assert "%%" not in content and "javascript:" not in content, content
        for line in content.splitlines()[1:]:  # every statement is one advisor wrote
            assert re.match(r"^\s+(participant|Note over|opt|end|[ps]_\w+|e_\w+)\b", line), line


@pytest.mark.parametrize("style", ["orchestration", "choreography", "hybrid"])
@pytest.mark.parametrize("template", ["madr", "nygard"])
def test_a_hostile_model_renders_as_literal_text(tmp_path: Path, template: str, style: str) -> None:
    model = hostile_model()
    rec = score_traits(model.traits)
    planned = plan_decision_record(
        model=model,
        recommendation=rec,
        style=style,
        title=f"Coordinate {model.system}",
        adr_dir=tmp_path,
        template=template,
        override_reason="because <!-- and --> [x](javascript:alert(1)) # no",
        date="2024-01-01",
    )
    assert_literal(planned.content)
    planned.path.write_text(planned.content, encoding="utf-8")
    [record] = list_records(tmp_path)
    # the escaped text reads back as what the user wrote, minus the invisible characters
    assert record.title == " ".join(visible(f"Coordinate {model.system}").split())
    if template == "nygard" and style != rec.recommendation:  # the comment closes only where advisor closed it
        assert record.metadata["override_reason"] == "because <!-- and --> [x](javascript:alert(1)) # no"
    for piece in ("Injected heading", "<script>", "evil.example/autolink"):
        assert piece in unescape(planned.content)


def test_index_toc_and_graphs_from_hostile_titles(tmp_path: Path) -> None:
    (tmp_path / "0001-a.md").write_text(
        '---\nstatus: "on <b>hold</b> [x](javascript:y)"\n---\n# Use \\<b\\> [me](http://evil.example) \u202eok\n\n'
        'Chosen option: "<img src=x onerror=alert(1)>", because.\n',
        encoding="utf-8",
    )
    (tmp_path / "0002-b.md").write_text(
        '# 2. B"]; evil [label="x\n\nDate: 2024\n\n## Status\n\nAccepted\n\nSupersedes [1. A](0001-a.md)\n',
        encoding="utf-8",
    )
    records = list_records(tmp_path)
    assert_literal(render_index(tmp_path, records))
    assert_literal(render_toc(records, intro="intro <!--", outro="[x](javascript:y)"))
    dot = render_graph_dot(records)
    assert re.findall(r'label="([^"\\]|\\.)*"', dot) and 'evil [label="x' not in dot
    mermaid = render_graph_mermaid(records)
    assert '"' not in "".join(re.findall(r'\["(.*)"\]', mermaid)) and "%%" not in mermaid


@pytest.mark.parametrize("text", HOSTILE)
def test_inline_and_block_text_is_literal(text: str) -> None:
    assert_literal(f"Before {inline(text)} after.\n")
    assert_literal(block(text) + "\n")
    assert unescape(inline(text)) == " ".join(visible(text).split())


STARTERS = [
    *(("orchestration", t) for t in ("temporal", "airflow", "step-functions", "gcp-workflows", "kubernetes")),
    *(("choreography", t) for t in ("kafka", "rabbitmq", "pubsub", "nestjs")),
    ("hybrid", "kafka+temporal"),
]


@pytest.mark.parametrize(("style", "target"), STARTERS)
def test_decision_adr_in_a_starter_readme_is_never_a_link(tmp_path: Path, style: str, target: str) -> None:
    from dataclasses import replace

    from advisor.format.model import Decision, Event
    from advisor.scaffold.engine import plan_starter

    adr = "docs/x.md](javascript:alert(1)) `code` <b>[y"
    model = replace(
        hostile_model(),
        system="shop",
        description="",
        decision=Decision(style, target, adr, "2024-01-01", ""),
        services={
            "orders": Service("orders", publishes=("placed",), calls=("payments",), role="orchestrator"),
            "payments": Service("payments", consumes=("placed",)),
        },
        events={"placed": Event("placed")},
        flows={"checkout": Flow("checkout", style="orchestration", steps=(Step("payments", "charge", "refund"),))},
    )
    readme = next(p for p in plan_starter(model, target, tmp_path, style=style) if p.path.name == "README.md")
    assert "javascript" in readme.content  # the path is shown ...
    for token in tokens(readme.content):  # ... as text only (the starter's own links stay)
        kind = getattr(token, "type", "")
        assert kind not in ("html_inline", "html_block"), token
        if kind == "link_open":
            assert "docs/x" not in token.attrGet("href") and "javascript" not in token.attrGet("href")  # type: ignore[attr-defined]


HOSTILE_FILE = """\
version: 2
traits: {compensation: high, sequencing: high}
services:
  "order<svc>":
    role: orchestrator
    publishes: ["Evt <!-- x"]
    calls: ["pay [x](http://evil.example)"]
  "pay [x](http://evil.example)":
    consumes: ["Evt <!-- x"]
flows:
  "f`<b>":
    style: orchestration
    orchestrator: "order<svc>"
    steps:
      - {service: "pay [x](http://evil.example)", action: "charge <script>alert(1)</script>"}
      - {service: "order<svc>", action: "ship"}
"""


@pytest.mark.parametrize("template", ["madr", "nygard"])
def test_lint_findings_in_the_confirmation_stay_literal(tmp_path: Path, template: str) -> None:
    from advisor.format.loader import load_text
    from advisor.format.model import read_model

    document = load_text(HOSTILE_FILE, str(tmp_path / "architecture.yaml"))
    model = read_model(document)
    planned = plan_decision_record(
        model=model,
        recommendation=score_traits(model.traits),
        style="orchestration",
        title="Coordinate",
        adr_dir=tmp_path / "docs",
        template=template,
        date="2024-01-01",
        document=document,
    )
    assert "lint reports today:" in planned.content and "`orchestrator-spof`" in planned.content
    assert_literal(planned.content)
    assert "'order<svc>'" in unescape(planned.content)  # the findings name it, as text
