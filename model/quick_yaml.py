"""Reading plan YAML fast, for files that are sure to read the same as with the careful reader.

:func:`model.yaml_source.read_yaml` parses with ruamel.yaml's round-trip loader, a
pure-Python scanner that keeps the line and column of every node and gathers
comments: a few seconds for a plan of a few thousand items, on every reload of
``goldenthread serve``. Positions are only needed to report an error, so
:func:`quick_load` parses with the C parser of ruamel.yaml.clib (libyaml) instead
and builds the data from its events as ruamel's own YAML 1.2 safe constructor
would (:func:`_construct`), several times faster.

The two readers disagree on some inputs, so the quick one answers only when it
is sure of giving exactly the plain data the careful one would
(``to_plain(round-trip tree)``), and returns ``None`` otherwise, for the caller
to read the file carefully. It is unsure when:

* the C parser is not installed;
* the text holds a tab, a character the careful reader refuses or treats as a
  line break of its own (``\\x85``, ``\\u2028``, ``\\u2029``), or a byte-order
  mark: libyaml accepts a tab after a value where ruamel refuses it;
* the text holds a directive (``%YAML 1.1`` changes how ``yes`` reads, and only
  the careful reader honours it), a tag other than ``!!str``, an anchor (the
  careful reader reads an anchored ``true`` as 1), ``<<`` (a merge key: the
  merged keys come in another order), or a block scalar (``|`` or ``>``) whose
  first line holds only spaces (the careful reader refuses some of those);
* parsing or constructing fails in any way (bad YAML, a duplicated key, an
  impossible date): the careful reader then gives the error, worded as always;
* the result holds anything but mappings with text keys, lists, text, whole
  and decimal numbers, true/false, nothing and dates (a date with a time of
  day, a set, bytes, a mapping key that is a number, a list or mapping
  met twice, which only an alias gives, nesting deeper than the limit).

``tests/test_loader_speed_paths.py`` compares both readers on every YAML file
of the repository, on hand-written tricky cases and on random edits of plan
files; each rule above comes from a disagreement found that way.

>>> quick_load("id: o1\\nlive: yes\\nlines: [3, 4]\\nwhen: 2021-04-01\\n")
{'id': 'o1', 'live': 'yes', 'lines': [3, 4], 'when': datetime.date(2021, 4, 1)}
>>> quick_load("id: o1\\ttab\\n") is None, quick_load("%YAML 1.1\\n---\\nlive: yes\\n") is None
(True, True)
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.events import (
    DocumentEndEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
    StreamStartEvent,
)
from ruamel.yaml.nodes import ScalarNode
from ruamel.yaml.reader import Reader
from ruamel.yaml.resolver import VersionedResolver

from goldenthread.model.limits import MAX_YAML_DEPTH

try:  # ruamel.yaml.clib's C parser, where ruamel.yaml's YAML(typ="safe") looks for it
    from ruamel.yaml.main import CParser
except ImportError:  # pragma: no cover - a ruamel.yaml without the name: every file is read carefully
    CParser = None

#: What only the careful reader reads right (see the module docstring), erring
#: on the side of caution: a tag is any '!' that may start a token, except
#: `!!str `; an anchor any '&' that may start one followed by a name; a block
#: scalar's header any line with '|' or '>'. Each pattern comes with a
#: character it cannot match without, checked first: one big regex over a
#: large plan took a tenth of the whole quick load.
_UNSURE = [
    ("", Reader.NON_PRINTABLE),                                           # characters YAML refuses
    ("", re.compile(r"[\t\x85\u2028\u2029\ufeff]")),                      # tab, YAML 1.1 line breaks, BOM
    ("%", re.compile(r"^%", re.MULTILINE)),                               # directive
    ("!", re.compile(r"(?:^|[ \[{,])!(?!!str[ \r\n])", re.MULTILINE)),    # tag other than !!str
    ("&", re.compile(r"(?:^|[ \[{,])&[^ \r\n]", re.MULTILINE)),           # anchor
    ("<<", re.compile(r"<<")),                                            # merge key
    ("|", re.compile(r"\|[^\r\n]*(?:\r\n|\r|\n) +(?:\r\n|\r|\n)")),       # block scalar whose first
    (">", re.compile(r">[^\r\n]*(?:\r\n|\r|\n) +(?:\r\n|\r|\n)")),        # line is only spaces
]


def _unsure(text: str) -> bool:
    """Whether *text* holds anything of :data:`_UNSURE`."""
    return any(needle in text and pattern.search(text) for needle, pattern in _UNSURE)


_LEAF_TYPES = (str, int, float, bool, type(None), dt.date)


class _Yaml12Resolver(VersionedResolver):
    """ruamel's YAML 1.2 rules, as the round-trip loader uses them, minus a per-scalar version lookup.

    The lookup costs a tenth of the quick load, for nothing: with the C parser
    it always answers 1.2 (and a `%YAML` directive sends the file to the
    careful reader).
    """

    processing_version = (1, 2)


def available() -> bool:
    """True when ruamel.yaml.clib's C parser is installed, so :func:`quick_load` can answer."""
    return CParser is not None


def quick_load(text: str) -> Any | None:
    """The plain data of the YAML *text*, or ``None`` when only the careful reader can be trusted with it."""
    if CParser is None or _unsure(text):
        return None
    loader = YAML(typ="safe")
    loader.Resolver = _Yaml12Resolver
    try:
        data = _construct(loader.get_constructor_parser(text)[0])
        return data if _is_plain(data) else None
    except Exception:  # noqa: BLE001 - any failure at all: the careful reader decides and words it
        return None


class _Unsure(Exception):
    """Raised by :func:`_construct` for what it leaves to the careful reader."""


_STR, _VALUE = "tag:yaml.org,2002:str", "tag:yaml.org,2002:value"
_AWAITING_KEY = object()


def _construct(loader: Any) -> Any:
    """What ``loader.get_single_data()`` gives, built straight from the C parser's events.

    The loader composes a node for every scalar, resolves its tag and calls a
    constructor for it, in Python: two thirds of a quick load, where most
    scalars are keys and text. Here a quoted or block scalar is its text, a
    plain one is resolved (once per value) and only those that do not
    resolve to text go through the loader's own constructor (numbers, dates,
    true/false, nothing). Mappings and lists are built as the safe
    constructor builds them; a duplicated key, a key that is not text, an
    anchor, an alias, an explicit tag other than ``!!str`` or a second
    document raise :class:`_Unsure`.
    """
    get = loader.get_event
    if type(get()) is not StreamStartEvent:
        raise _Unsure
    event = get()
    if type(event) is StreamEndEvent:
        return None
    if type(event) is not DocumentStartEvent:
        raise _Unsure
    resolve, construct = loader.resolve, loader.construct_object
    plain_tags: dict[str, Any] = {}
    root: Any = _AWAITING_KEY
    open_: list[list] = []            # [mapping, key (_AWAITING_KEY until read)] or [list, None]
    while True:
        event = get()
        kind = type(event)
        if kind is ScalarEvent:
            if event.anchor is not None:
                raise _Unsure
            value, tag = event.value, event.tag
            if tag is not None:
                if tag != _STR:
                    raise _Unsure
            elif event.implicit[0]:                # plain: the resolver says what it is
                tag = plain_tags.get(value)
                if tag is None:
                    tag = plain_tags[value] = resolve(ScalarNode, value, event.implicit)
                # as the safe constructor does, a key "=" (YAML's value key) is text
                if tag != _STR and not (tag == _VALUE and open_ and open_[-1][1] is _AWAITING_KEY):
                    value = construct(ScalarNode(tag, value, style=event.style), deep=True)
        elif kind is MappingStartEvent or kind is SequenceStartEvent:
            if event.anchor is not None or event.tag is not None or (open_ and open_[-1][1] is _AWAITING_KEY):
                raise _Unsure                      # a mapping or list as a key, too
            open_.append([{}, _AWAITING_KEY] if kind is MappingStartEvent else [[], None])
            continue
        elif kind is MappingEndEvent or kind is SequenceEndEvent:
            value = open_.pop()[0]
        elif kind is DocumentEndEvent:
            break
        else:                                      # an alias, or anything unforeseen
            raise _Unsure
        if not open_:
            root = value
            continue
        top = open_[-1]
        container = top[0]
        if type(container) is list:
            container.append(value)
        elif top[1] is _AWAITING_KEY:
            if type(value) is not str or value in container:
                raise _Unsure
            top[1] = value
        else:
            container[top[1]] = value
            top[1] = _AWAITING_KEY
    if type(get()) is not StreamEndEvent:          # a second document
        raise _Unsure
    return root


def _is_plain(root: Any) -> bool:
    """Whether *root* holds only dicts with text keys, lists and plain scalars, each list and dict once.

    Nor may they nest deeper than :data:`~model.limits.MAX_YAML_DEPTH`, as
    in the careful reader. A list or dict met twice comes from an alias (the careful reader refuses
    those): stopping there also keeps an alias bomb, whose few objects stand
    for billions of values, from being walked value by value.
    """
    stack, seen = [(root, 1)], set()
    while stack:
        node, depth = stack.pop()
        if depth > MAX_YAML_DEPTH:
            return False  # nested deeper than the careful reader allows
        kind = type(node)
        if kind is dict or kind is list:
            if id(node) in seen:
                return False  # an alias: the same list or mapping in two places (or inside itself)
            seen.add(id(node))
            if kind is dict:
                if any(type(key) is not str for key in node):
                    return False
                stack.extend((value, depth + 1) for value in node.values())
            else:
                stack.extend((value, depth + 1) for value in node)
        elif kind not in _LEAF_TYPES:  # exact types: a datetime is not a date here
            return False
    return True
