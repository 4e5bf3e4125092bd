"""What the targets share: rendering their templates, and whether they use the model's flows."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from advisor.scaffold.engine import Starter


def renderer(templates: str) -> Callable[..., str]:
    """A function rendering one template of `templates` (e.g. `scaffold/kafka`) with a context."""

    def render(template: str, **context: Any) -> str:
        from advisor.templating import render as render_template  # jinja2 only when rendering

        return render_template(templates, template, **context)

    return render


def render_all(templates: str, files: Iterable[tuple[str, str]], **context: Any) -> dict[str, str]:
    """path -> text for each (path, template) pair, all rendered with one context."""
    render = renderer(templates)
    return {path: render(template, **context) for path, template in files}


class TemplateTarget:
    """A target rendered from a templates directory; subclasses say how in `files`."""

    name: str
    style: str
    summary: str
    templates: str  # e.g. `scaffold/kafka`

    def render(self, template: str, **context: Any) -> str:
        """One of this target's templates, rendered."""
        return renderer(self.templates)(template, **context)

    def render_all(self, files: Mapping[str, str] | Iterable[tuple[str, str]], **context: Any) -> dict[str, str]:
        """path -> text for a {path: template} mapping or (path, template) pairs."""
        pairs = files.items() if isinstance(files, Mapping) else files
        return render_all(self.templates, pairs, **context)

    def uses_flows(self, starter: Starter) -> bool:
        """Whether the starter is built from the model's flows (engines are; brokers say)."""
        return self.style == "orchestration"
