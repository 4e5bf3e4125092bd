"""The Jinja2 environment for ADRs and starters (imported only on the paths that render).

Templates hold loops and conditionals; Python decides. StrictUndefined turns a missing
value into an error instead of an empty string, and user data is only ever passed as
values, never compiled as a template.
"""

from __future__ import annotations

import json
import shlex
from functools import cache
from typing import Any

import jinja2

from advisor import names
from advisor.adr import markdown
from advisor.resources import data_dir


@cache
def environment(subdir: str) -> jinja2.Environment:
    """An environment loading templates from `templates/<subdir>`."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(data_dir("templates") / subdir)),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        snake=names.snake,
        pascal=names.pascal,
        slug=names.slug,
        camel=names.camel,
        tojson=lambda value, indent=None: json.dumps(value, indent=indent, ensure_ascii=False),
        pyrepr=repr,
        md_code=markdown.code,  # a path or name from a file, shown in Markdown: never a link target
        shell=shlex.quote,  # a word in a generated shell line
    )
    return env


def render(subdir: str, template: str, **context: Any) -> str:
    """Render `templates/<subdir>/<template>` with the given values."""
    return environment(subdir).get_template(template).render(**context)
