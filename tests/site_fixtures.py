"""Plans and builds shared by the site tests (imported by tests/test_site_*.py)."""
from __future__ import annotations

import shutil
from pathlib import Path

from ruamel.yaml import YAML

FIXTURES = Path(__file__).parent / "fixtures"
MINI_PLAN = FIXTURES / "mini_plan"
BUNDLED_PLAN = Path(__file__).resolve().parents[1] / "plan_data"

#: Plan text that would run, link or template itself if it reached a page unescaped.
PAYLOADS = (
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "[link](javascript:alert(1))",
    "{{ jinja }}",
    "</title><script>alert(2)</script>",
)
HOSTILE = " ".join(PAYLOADS)


def _edit_yaml(path: Path, edit) -> None:
    yaml = YAML()
    data = yaml.load(path.read_text(encoding="utf-8"))
    edit(data)
    with open(path, "w", encoding="utf-8") as f:
        yaml.dump(data, f)


def hostile_plan(target: Path) -> Path:
    """A copy of the mini plan whose every free text carries :data:`HOSTILE`."""
    shutil.copytree(MINI_PLAN, target)

    def plan(data):
        data["title"] = f"Plan {HOSTILE}"
        data["organisation"] = f"Council {HOSTILE}"
        data["vision"]["heading"] = f"Vision {HOSTILE}"
        data["vision"]["text"] = f"Every child {HOSTILE}\nsecond line {HOSTILE}"

    def leadership(data):
        data["name"] = f"Leadership {HOSTILE}"
        for priority in data["priorities"]:
            priority["title"] = f"{priority['title']} {HOSTILE}"
            priority["description"] = f"Description {HOSTILE}"
            for action in priority["actions"]:
                action["title"] = f"{action['title']} {HOSTILE}"
                action["label"] = f"{action.get('label', '')} {HOSTILE}"
                action["steps"] = [f"Step {HOSTILE}"]
                for indicator in action.get("indicators", []):
                    indicator["text"] = f"{indicator['text']} {HOSTILE}"
                for outcome in action.get("outcomes", []):
                    outcome["text"] = f"{outcome['text']} {HOSTILE}"
                    outcome["timescale"] = f"{outcome.get('timescale') or 'March 2022'} {HOSTILE}"

    def operational(data):
        for op in data["plans"]:
            op["name"] = f"{op['name']} {HOSTILE}"
            op["connected"] = f"{op['connected']} {HOSTILE}"
            op["document"] = f"Document {HOSTILE}"
            for unresolved in op.get("unresolved", []):
                unresolved["text"] = f"{unresolved['text']} {HOSTILE}"
        for lead in data["leads"]:
            lead["name"] = f"{lead['name']} {HOSTILE}"
            lead["role"] = f"Role {HOSTILE}"

    _edit_yaml(target / "plan.yaml", plan)
    _edit_yaml(target / "groups" / "leadership.yaml", leadership)
    _edit_yaml(target / "operational_plans.yaml", operational)
    source = target / "source" / "plan.txt"
    lines = source.read_text(encoding="utf-8").splitlines()
    lines[5] = f"{lines[5]} {HOSTILE}"  # line 6: the source line of LP1's outcome
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return target
