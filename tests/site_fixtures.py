"""Plans and builds shared by the site tests (imported by tests/test_site_*.py and tests/e2e)."""
from __future__ import annotations

import shutil
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.scalarstring import DoubleQuotedScalarString as Quoted

FIXTURES = Path(__file__).parent / "fixtures"
MINI_PLAN = FIXTURES / "mini_plan"
BUNDLED_PLAN = Path(__file__).resolve().parents[1] / "plan_data"

#: Plan text that would run, link, template itself or break out of where it lands if it reached a
#: page, a tooltip, embedded JSON or the search index unescaped. Every one must come out as the
#: very words it is. Each payload that could run calls ``alert`` (a browser test watches for
#: dialogs); each that could make an element gives it ``src=x``, an ``on...`` attribute or a
#: ``javascript:``/``data:`` URL (the tests look for those).
PAYLOADS = (
    # HTML: tags, attributes broken out of with either quote, raw-text elements closed early.
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(2)>',
    "' onmouseover='alert(3)' x='",
    '" onmouseover="alert(4)" autofocus onfocus="alert(4)" x="',
    "</script><script>alert(5)</script>",
    "</SCRIPT ><svg/onload=alert(6)>",
    "</title><script>alert(7)</script>",
    "</textarea></style></noscript><img src=x onerror=alert(8)>",
    "<!-- unclosed comment",
    "--> <![CDATA[ ]]>",
    # Text that is already escaped must stay escaped: nothing may decode it into markup.
    "&lt;img src=x onerror=alert(9)&gt; &amp;lt;b&amp;gt; &#60;i&#62;",
    # Markdown: links and images to script or data URLs, autolinks, emphasis, attribute lists.
    "[link](javascript:alert(10))",
    "[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxMSk8L3NjcmlwdD4=)",
    "<javascript:alert(12)> <https://example.invalid/x>",
    "![x](x) ![y](javascript:alert(13) \"onerror=alert(13)\")",
    "**bold** __strong__ *em* _em_ `code` ~~strike~~ ==mark== ^sup^",
    "{#injected} {: onclick=\"alert(14)\" } {.injected}",
    "| cell | cell | [^1] \\| \\* \\_",
    # Templates: Jinja (ours, MkDocs' theme) and other engines' syntax.
    "{{ 7*7 }} {{ config }}",
    "{% if true %}jinja-if{% endif %} {# jinja comment #} {%raw%}",
    "${7*7} #{7*7} <%= 7*7 %>",
    # Code in JavaScript strings: quotes and backslashes, JSON escapes written out.
    "'; alert(15); // \"; alert(16); // \\u003cscript\\u003e \\",
    # Unicode: JavaScript line terminators (classic JSON-in-script breakers), bidirectional
    # override, zero-width characters, combining marks, emoji sequences, astral characters,
    # full-width look-alikes of markup.
    "line\u2028separator paragraph\u2029separator",
    "\u202eevil override\u202c \u2066isolate\u2069",
    "zero\u200bwidth\u200djoiner\u200cnon\u2060joiner\ufeffbom",
    "Zalgo Z\u0351\u0308\u0327a\u0301\u0316l\u0303g\u0489o",
    "\U0001F469\u200d\U0001F469\u200d\U0001F467 \U0001F3F3\ufe0f\u200d\U0001F308 \U0001F44D\U0001F3FD",
    "\U0001D54F \U00010348 \U0001F600 \U000E0041",
    "\uff1cscript\uff1ealert(17)\uff1c/script\uff1e",
)
HOSTILE = " ".join(PAYLOADS)

#: Text that would start a Markdown or HTML *block* if a line of its own reached a page as it is.
#: Put on lines of their own in the plan's multi-line texts.
BLOCK_PAYLOADS = (
    "<div onclick=\"alert(18)\">an HTML block</div>",
    "# A heading",
    "- a list item",
    "1. a numbered item",
    "> a quotation",
    "    indented code",
    "| a | table |",
    "|---|---|",
    "---",
    "```",
    "[ref]: javascript:alert(19)",
    "{% raw %}{{ 7*7 }}{% endraw %}",
)
HOSTILE_LINES = "\n".join(BLOCK_PAYLOADS)

#: The plan's free-text fields: every one gets :data:`HOSTILE`; the multi-line ones
#: :data:`HOSTILE_LINES` too, on lines of their own.
FREE_TEXT = ("title", "organisation", "heading", "text", "name", "label", "description", "connected",
             "document", "role", "timescale")
MULTI_LINE = ("text", "description")


def edit_yaml(path: Path, edit) -> None:
    """Load the YAML file *path* with ruamel, let *edit* change the data, and write it back."""
    # Values are written double-quoted (see _poison): in a block scalar ruamel would write U+2028
    # as it is, and reading it back takes it for a line break. Lines are not folded: ruamel folds
    # after an escape such as "\\" or "\\uFEFF", and reading it back adds a space there.
    yaml = YAML()
    yaml.width = 1_000_000
    data = yaml.load(path.read_text(encoding="utf-8"))
    edit(data)
    with open(path, "w", encoding="utf-8") as f:
        yaml.dump(data, f)


def _poison(node) -> None:
    """Put the payloads into every free text of a parsed YAML document, in place."""
    if isinstance(node, list):
        for child in node:
            _poison(child)
        return
    if not isinstance(node, dict):
        return
    for key, value in list(node.items()):
        if key in FREE_TEXT and isinstance(value, str) or key == "document":
            text = f"{value or key.capitalize()} {HOSTILE}"
            if key in MULTI_LINE:
                text += f"\n{HOSTILE_LINES}\nlast line {HOSTILE}"
            node[key] = Quoted(text)
        elif key == "steps":
            node[key] = [Quoted(f"{step} {HOSTILE}") for step in value] + [Quoted(HOSTILE_LINES)]
        else:
            _poison(value)
    if "actions" in node:  # a priority: give its actions the optional fields they lack
        for action in node["actions"]:
            action.setdefault("text", Quoted(f"Action text {HOSTILE}\n{HOSTILE_LINES}"))
            action.setdefault("label", Quoted(f"Label {HOSTILE}"))
            action.setdefault("steps", [Quoted(f"Step {HOSTILE}")])
            for outcome in action.get("outcomes", []):
                outcome.setdefault("timescale", Quoted(f"March 2022 {HOSTILE}"))


def hostile_plan(target: Path) -> Path:
    """A copy of the mini plan whose every free text carries :data:`PAYLOADS` (and, where a text
    may have several lines, :data:`BLOCK_PAYLOADS` on lines of their own), and whose source
    document carries them on the lines the items point to."""
    shutil.copytree(MINI_PLAN, target)
    for path in sorted(target.rglob("*.yaml")):
        edit_yaml(path, _poison)
    source = target / "source" / "plan.txt"
    lines = source.read_text(encoding="utf-8").splitlines()
    for number in (2, 6, 8, 12, 17):  # the vision, LP1's and LP2.a's rows, DP1, the fostering plan
        lines[number - 1] = f"{lines[number - 1]} {HOSTILE}"
    source.write_text("\n".join(lines + list(BLOCK_PAYLOADS)) + "\n", encoding="utf-8")
    return target
