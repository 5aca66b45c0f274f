"""Explaining validation errors: each pydantic error becomes a located, plain-language message.

:func:`validate` validates the data of a :class:`~model.yaml_source.YamlDocument`
against a schema model and turns every pydantic error into a
:class:`~model.errors.PlanLoadError` that points at the offending key or value,
with a hint (a misspelt field or RAG value gets "did you mean ...?"):

>>> import tempfile, pathlib
>>> from goldenthread.model.schema import Outcome
>>> from goldenthread.model.yaml_source import read_yaml
>>> path = pathlib.Path(tempfile.mkdtemp()) / "outcome.yaml"
>>> _ = path.write_text("id: o1\\ntext: Fewer referrals\\nrag: AMBR\\n")
>>> errors = []
>>> validate(read_yaml(path), Outcome, errors) is None
True
>>> print(errors[0].format().replace(str(path), "outcome.yaml"))
outcome.yaml:3:6: error: unknown RAG value 'AMBR'
  hint: did you mean AMBER? RAG values are GREEN, AMBER, RED, AMBER/GREEN and N/A; leave `rag` out when there is none
"""
from __future__ import annotations

import datetime as dt
import re
import types
import typing
from typing import Any

from pydantic import BaseModel, ValidationError
from rapidfuzz import fuzz, process, utils

from goldenthread.model.errors import PlanLoadError
from goldenthread.model.printable import excerpt
from goldenthread.model.schema import RAG_VALUES
from goldenthread.model.yaml_source import DocPath, YamlDocument


def validate(doc: YamlDocument, model: type[BaseModel], errors: list[PlanLoadError],
             prefix: DocPath = ()) -> BaseModel | None:
    """Validate the data at *prefix* in *doc* as *model*.

    Returns the model, or ``None`` after appending one located error per
    problem to *errors* (so a caller can report every problem at once).
    """
    data = doc.value(prefix)
    if not isinstance(data, dict):
        title = ("the file is empty" if data is None and not prefix else
                 f"expected a mapping of fields, found {'nothing' if data is None else _top_level(data)}")
        errors.append(PlanLoadError(title, doc.location(prefix),
                                    f"write `field: value` lines here; see docs/yaml-format.md for "
                                    f"{a_or_an(_friendly(model))}"))
        return None
    try:
        return model.model_validate(data)
    except ValidationError as error:
        details = _without_misspelt_twins(error.errors(), model)
        problems, seen = [], set()
        for detail in details:
            problem = explain(detail, model, doc, prefix)
            if (str(problem.location), problem.title) not in seen:
                seen.add((str(problem.location), problem.title))
                problems.append(problem)
        # reading order, as a person scrolls through the file
        problems.sort(key=lambda p: (p.location.line or 0, p.location.column or 0))
        errors.extend(problems)
        return None


def _without_misspelt_twins(details: list[dict], model: type[BaseModel]) -> list[dict]:
    """Drop "missing `title`" when the same item has an unknown `titel`: one typo, one message."""
    misspelt = set()
    for detail in details:
        if detail["type"] == "extra_forbidden":
            loc = tuple(detail["loc"])
            owner = _type_at(model, loc[:-1])
            allowed = list(owner.model_fields) if _is_model(owner) else []
            meant = _closest(str(loc[-1]), allowed, 70)
            if meant:
                misspelt.add(loc[:-1] + (meant,))
    return [d for d in details if not (d["type"] == "missing" and tuple(d["loc"]) in misspelt)]


def explain(detail: dict, model: type[BaseModel], doc: YamlDocument, prefix: DocPath = ()) -> PlanLoadError:
    """One pydantic error (an item of ``ValidationError.errors()``) as a located PlanLoadError."""
    loc: DocPath = tuple(detail["loc"])
    kind, value = detail["type"], detail.get("input")
    names = [step for step in loc if isinstance(step, str)]
    name = names[-1] if names else ""
    if "lines" in loc:  # a bad [first, last] pair: one message for the pair, not one per number
        cut = loc[: loc.index("lines") + 1]
        whole = doc.value(prefix + cut)
        return PlanLoadError(f"`lines` must be two line numbers [first, last], not {_show(whole)}",
                             doc.location(prefix + cut),
                             "write the first and last line of the item in the source document, e.g. lines: [12, 14]")
    where = doc.location(prefix + loc, key=(kind in ("extra_forbidden", "invalid_key")))
    owner = _type_at(model, loc[:-1]) if loc else model
    if kind == "extra_forbidden":
        allowed = list(owner.model_fields) if _is_model(owner) else []
        hint = _did_you_mean(name, allowed, "`{}`", 70)
        if not hint and name in _all_fields(model):
            # a real field in the wrong place: almost always an indentation slip
            hint = f"`{name}` is not a field of {a_or_an(_friendly(owner))}: check the indentation; "
        return PlanLoadError(f"unknown field `{name}`", where, hint + f"fields allowed here: {', '.join(allowed)}")
    if kind == "missing":
        item_id = doc.value(prefix + loc[:-1] + ("id",))
        which = f" in {_friendly(owner)} '{item_id}'" if isinstance(item_id, str) else ""
        return PlanLoadError(f"missing required field `{name}`{which}", where,
                             f"add `{name}:` to this {_friendly(owner)}")
    if kind == "literal_error":
        choices = [str(c) for c in _literal_choices(_type_at(model, loc))]
        if name == "rag":
            return PlanLoadError(f"unknown RAG value {_show(value)}", where,
                                 _did_you_mean(str(value).upper(), list(RAG_VALUES), "{}", 60)
                                 + "RAG values are GREEN, AMBER, RED, AMBER/GREEN and N/A; "
                                   "leave `rag` out when there is none")
        return PlanLoadError(f"unknown value {_show(value)} for `{name}`", where,
                             _did_you_mean(str(value), choices, "{}", 60) + f"allowed: {', '.join(choices)}")
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return PlanLoadError(f"`{name}` must be a whole number, not {_show(value)}", where,
                             f"write the number in digits, e.g. {name}: 3")
    if kind in ("greater_than_equal", "greater_than"):
        limit = detail.get("ctx", {}).get("ge", detail.get("ctx", {}).get("gt"))
        return PlanLoadError(f"`{name}` must be at least {limit}, not {_show(value)}", where,
                             "numbers in a plan start at 1")
    if kind == "string_type":
        hint = ("a ': ' inside unquoted text starts a new mapping: put the whole text in quotes"
                if isinstance(value, dict) else
                "write a single piece of text here, not a list" if isinstance(value, list) else
                f"put the value in quotes so it is read as text, e.g. {name}: \"{value}\"")
        return PlanLoadError(f"`{name}` must be text, not {_describe(value)}", where, hint)
    if kind == "string_pattern_mismatch":
        if name == "key":
            hint = "group keys use lower-case letters, digits, '_' and '-' and start with a letter, e.g. leadership"
        else:
            hint = ("IDs use letters, digits, '.', '_' and '-' only (no spaces), start with a letter "
                    "or digit and do not end with '.', e.g. LP5.b")
        return PlanLoadError(f"invalid {'group key' if name == 'key' else 'ID'} {_show(value)} in `{name}`",
                             where, hint)
    if kind == "string_too_long":
        limit = detail.get("ctx", {}).get("max_length")
        return PlanLoadError(f"`{name}` is too long ({len(str(value)):,} characters; the limit is {limit:,})", where,
                             "shorten it: a plan's texts are far shorter (see docs/validation.md for the limits)")
    if kind == "reserved_id":
        context = detail.get("ctx", {})
        if "reserved" in context:
            return PlanLoadError(f"invalid ID {_show(value)} in `{name}`: {context['reserved']} is a reserved file "
                                 "name on Windows", where,
                                 "each item's page is a file named after its ID, and Windows cannot store CON, PRN, "
                                 "AUX, NUL, COM0-9 or LPT0-9, with any extension: give the item another ID")
        return PlanLoadError(f"invalid ID {_show(value)} in `{name}`: the site has a page of that name", where,
                             "the site's list pages are index.html: give the item another ID")
    if kind == "invalid_key":
        return PlanLoadError(f"a field name must be text, not {_describe(value)}", where,
                             "field names are words followed by ':', e.g. `title: ...`; put a key that is a "
                             "number or a list in quotes, or check the indentation")
    if kind.startswith("date") or kind.startswith("datetime"):
        return PlanLoadError(f"`{name}` must be a date, not {_show(value)}", where,
                             "write dates as YYYY-MM-DD, e.g. 2021-03-31")
    if kind in ("list_type", "tuple_type"):
        return PlanLoadError(f"`{name}` must be a list, not {_describe(value)}", where,
                             "write one item per line starting with '- ', or [a, b] on one line")
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return PlanLoadError(f"`{name}` must be a mapping of fields, not {_describe(value)}", where,
                             "write `field: value` lines indented under it")
    return PlanLoadError(f"`{name}`: {detail['msg']}", where, "see docs/yaml-format.md for what this field may hold")


def _did_you_mean(word: str, choices: list[str], fmt: str, cutoff: float) -> str:
    """``"did you mean X? "`` when a choice is close enough to *word*, else ``""``."""
    if not choices or not word:
        return ""
    best = _closest(word, choices, cutoff)
    return f"did you mean {fmt.format(best)}? " if best else ""


def _closest(word: str, choices: list[str], cutoff: float) -> str | None:
    exact = [c for c in choices if c.lower() == word.lower()]
    if exact:
        return exact[0]
    match = process.extractOne(word, choices, scorer=fuzz.ratio, score_cutoff=cutoff)
    return match[0] if match else None


def suggest(word: str, choices: list[str], cutoff: float = 75) -> str | None:
    """The choice closest to *word*, ignoring case, when close enough (rapidfuzz ratio >= *cutoff*).

    >>> suggest("jo-blogs", ["jo-bloggs", "sam-smith"]), suggest("dp1", ["DP1", "LP1"]), suggest("LP9", ["DP1"])
    ('jo-bloggs', 'DP1', None)
    """
    match = (process.extractOne(word, choices, scorer=fuzz.ratio, processor=utils.default_process,
                                score_cutoff=cutoff) if choices else None)
    return match[0] if match else None


def _unwrap(tp: Any) -> Any:
    """Strip Annotated and Optional from a type annotation."""
    while True:
        origin = typing.get_origin(tp)
        if origin is typing.Annotated:
            tp = typing.get_args(tp)[0]
        elif origin in (typing.Union, types.UnionType):
            members = [a for a in typing.get_args(tp) if a is not type(None)]
            if len(members) != 1:
                return tp
            tp = members[0]
        else:
            return tp


def _type_at(model: Any, loc: DocPath) -> Any:
    """The annotated type found by following *loc* from *model* (``None`` if lost)."""
    tp: Any = model
    for step in loc:
        tp = _unwrap(tp)
        if isinstance(step, str) and _is_model(tp) and step in tp.model_fields:
            tp = tp.model_fields[step].annotation
        elif isinstance(step, int) and typing.get_origin(tp) in (list, tuple):
            tp = typing.get_args(tp)[0]
        else:
            return None
    return _unwrap(tp)


def _all_fields(model: Any, seen: set | None = None) -> set[str]:
    """Every field name of *model* and of the models nested in it."""
    seen = set() if seen is None else seen
    if not _is_model(model) or model in seen:
        return set()
    seen.add(model)
    names = set(model.model_fields)
    for info in model.model_fields.values():
        stack = [info.annotation]
        while stack:
            tp = stack.pop()
            names |= _all_fields(tp, seen)
            stack.extend(typing.get_args(tp))
    return names


def _literal_choices(tp: Any) -> tuple:
    return typing.get_args(tp) if typing.get_origin(tp) is typing.Literal else ()


def _is_model(tp: Any) -> bool:
    return isinstance(tp, type) and issubclass(tp, BaseModel)


def _friendly(model: Any) -> str:
    """``OperationalPlan`` -> ``operational plan``."""
    name = model.__name__ if _is_model(model) else "item"
    return re.sub(r"(?<!^)(?=[A-Z])", " ", name).lower()


def a_or_an(noun: str) -> str:
    """``an outcome``, ``a priority``."""
    return ("an " if noun[:1] in "aeiou" else "a ") + noun


def _show(value: Any) -> str:
    """A value as it would look in the YAML, quoted when text."""
    if isinstance(value, str):                # quoted short and cleaned: a value may be a secret or a control
        return f"'{excerpt(value, 60)}'"
    if isinstance(value, list):
        return "[" + ", ".join(_show(v) for v in value) + "]"
    if value is None:
        return "nothing"
    return str(value)


def _top_level(value: Any) -> str:
    """What a whole file holds instead of a mapping: a file that is not YAML at all (a ``.env``, a
    document) reads as one long text, of which only a few characters are quoted: it may hold secrets."""
    if isinstance(value, str):
        return f"text starting '{excerpt(value, 16)}' (is this a plan file?)"
    return _describe(value)


def _describe(value: Any) -> str:
    """What kind of YAML value *value* is, for 'must be text, not ...' messages."""
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, (list, tuple)):  # a tuple is a list used as a mapping key
        return "a list"
    if isinstance(value, bool):
        return f"true/false ({str(value).lower()})"
    if isinstance(value, (int, float)):
        return f"a number ({value})"
    if isinstance(value, dt.date):
        return f"a date ({value.isoformat()})"
    return _show(value)
