"""Reading plan YAML while keeping the line and column of everything in it.

People edit ``plan_data/`` by hand, so a mistake must be reported where they
made it. :func:`read_yaml` parses a file with ruamel.yaml's round-trip loader,
which remembers the position of every mapping key, mapping value and sequence
item, and hands back a :class:`YamlDocument` holding both the plain Python data
(for pydantic) and those positions. :mod:`model.explain` turns validation
errors into located messages with them.

``read_yaml(path, quick=True)`` reads only the data, several times faster,
when :mod:`model.quick_yaml` is sure of reading it exactly as the round-trip
loader does. A file without errors never needs positions; when one is asked
of such a document, that one file is read again the careful way (the pure
Python parser is slow: on a plan of many files, only the files with an error
pay for it):

>>> import tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "outcome.yaml"
>>> _ = path.write_text("id: o1\\ntext: Fewer referrals\\nrag: AMBR\\n")
>>> doc = read_yaml(path, quick=True)
>>> doc.data["rag"], doc.quick
('AMBR', True)
>>> doc.location(("rag",)).line, doc.quick
(3, False)
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq, TaggedScalar
from ruamel.yaml.composer import Composer, MaxDepthExceededError
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError
from ruamel.yaml.events import AliasEvent, ScalarEvent
from ruamel.yaml.reader import ReaderError

from goldenthread.model.errors import Location, PlanLoadError, relative
from goldenthread.model.limits import MAX_YAML_BYTES, MAX_YAML_DEPTH
from goldenthread.model.quick_yaml import quick_load
from goldenthread.model.text_files import read_text_file

#: The path of a value inside a document: mapping keys and sequence indexes,
#: the same shape as a pydantic error's ``loc``.
DocPath = tuple[str | int, ...]


@dataclass
class YamlDocument:
    """One parsed YAML file: its plain data and the positions of its nodes.

    ``display`` is the file name used in messages (relative to the working
    directory when possible); ``tree`` is ruamel's round-trip tree, which
    carries the positions; ``data`` the same content as plain dicts, lists,
    strings, numbers and dates. A document read with ``quick`` has only
    ``data`` (``tree`` is ``None``) until a position is asked of it: then its
    file is read again carefully for the tree (the data read quickly is the
    same, and stays).
    """

    path: Path
    display: str
    tree: Any
    data: Any
    quick: bool = False

    def location(self, path: DocPath, *, key: bool = False) -> Location:
        """The file:line:col of the value at *path* (of its key when *key* is true).

        When *path* leads somewhere the file does not have (a missing field),
        the deepest part that exists is reported: the mapping that lacks it.
        """
        if self.quick:
            self.tree, self.quick = read_yaml(self.path).tree, False
        line, col = 0, 0
        node = self.tree
        if isinstance(node, (CommentedMap, CommentedSeq)):
            line, col = node.lc.line, node.lc.col
        for depth, step in enumerate(path):
            last = depth == len(path) - 1
            if isinstance(node, CommentedMap) and step in node:
                value = node[step]
                # An empty value's position is the next token, often on a later line: use the key.
                use_key = (key and last) or value is None
                line, col = node.lc.key(step) if use_key else node.lc.value(step)
                node = value
            elif isinstance(node, CommentedSeq) and isinstance(step, int) and 0 <= step < len(node):
                line, col = node.lc.item(step)
                node = node[step]
            else:
                break
        return Location(self.display, line + 1, col + 1)

    def value(self, path: DocPath, default: Any = None) -> Any:
        """The plain value at *path*, or *default* when the file has none there."""
        node = self.data
        for step in path:
            try:
                node = node[step]
            except (KeyError, IndexError, TypeError):
                return default
        return node


def read_yaml(path: Path, *, quick: bool = False) -> YamlDocument:
    """Parse the YAML file at *path*, keeping positions.

    Raises :class:`PlanLoadError` with the file:line:col of the problem when
    the file cannot be read or is not valid YAML (a duplicated key included).
    With *quick*, only the data is read, by :func:`model.quick_yaml.quick_load`,
    when it is sure to read the file exactly as the round-trip loader does; the
    document then has no positions (for a file that turns out to have no
    error, which needs none). Otherwise the file is read as without *quick*.
    """
    display = relative(path)
    text = read_text_file(path, PlanLoadError, limit=MAX_YAML_BYTES, display=display)
    data = quick_load(text) if quick else None
    if data is not None:
        return _without_escaped_controls(YamlDocument(path=path, display=display, tree=None, data=data, quick=True),
                                         text)
    yaml = YAML(typ="rt")
    yaml.Composer = _PlanComposer
    yaml.Constructor = _PlanConstructor
    yaml.max_depth = MAX_YAML_DEPTH
    try:
        tree = yaml.load(text)
    except _Refused as error:
        raise PlanLoadError(error.problem, _mark_location(error.problem_mark, display), error.hint) from None
    except MaxDepthExceededError as error:
        raise PlanLoadError(f"invalid YAML: lists and mappings nested more than {MAX_YAML_DEPTH} deep",
                            _mark_location(error.problem_mark, display),
                            "a plan file nests a few levels deep: check the brackets and the indentation "
                            "near here") from None
    except MarkedYAMLError as error:
        raise _syntax_error(error, display, text) from None
    except ReaderError as error:
        raise _character_error(error, display, text) from None
    return _without_escaped_controls(YamlDocument(path=path, display=display, tree=tree, data=to_plain(tree)), text)


#: What YAML refuses raw (C0 controls but tab and line ends, DEL, C1), and a decoded ``\r`` (a raw one is a line end).
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _without_escaped_controls(doc: YamlDocument, text: str) -> YamlDocument:
    """*doc*, or the error for a control character written as an escape (``"\\e"``, ``"\\0"``, ``"\\x07"``).

    YAML refuses a raw control character in a file, but decodes the same
    character from an escape in a double-quoted string: refused here, with the
    same message, once escapes are decoded. Only a file with a backslash can
    hold one, so most files are not walked.
    """
    if "\\" not in text:
        return doc
    for path, value, is_key in _strings(doc.data, ()):
        found = _CONTROL.search(value)
        if found:
            raise PlanLoadError(f"invalid YAML: the character U+{ord(found.group(0)):04X} is not allowed in a YAML file",
                                doc.location(path, key=is_key),
                                "delete the escape (such as \\e, \\0, \\a or \\x1b) that writes this invisible "
                                "control character: plan text holds none")
    return doc


def _strings(node: Any, path: DocPath):
    """``(path, text, is_key)`` for every text of a plain document, keys included."""
    if isinstance(node, str):
        yield path, node, False
    elif isinstance(node, dict):
        for key, value in node.items():
            if isinstance(key, str):
                yield path + (key,), key, True
            yield from _strings(value, path + (key,))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _strings(value, path + (index,))


class _Refused(MarkedYAMLError):
    """YAML a plan file cannot hold: an anchor, an alias, a tag, an impossible date (``hint`` says what to do)."""

    def __init__(self, problem: str, mark: Any, hint: str) -> None:
        super().__init__(problem=problem, problem_mark=mark)
        self.hint = hint


#: The one tag a plan file may use: ``!!str`` forces text (``label: !!str 5``), like quotes.
_TEXT_TAG = "tag:yaml.org,2002:str"


class _PlanComposer(Composer):
    """ruamel's composer, refusing anchors, aliases, merge keys and tags (but ``!!str``) before anything is built.

    An alias repeats what its anchor names, and aliases of aliases multiply:
    a few lines can stand for billions of values ("billion laughs"). A plan
    file has no use for them (each item is written out where it belongs), nor
    for tags, which turn values into types no field holds. So the first one
    is an error at its line and column, found while the file is read, before
    any value is repeated.
    """

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.parser.peek_event()
        if isinstance(event, AliasEvent):
            raise _Refused(f"invalid YAML: alias *{event.anchor} (plan files do not use anchors and aliases)",
                                  event.start_mark, "write the value out in full where it is needed")
        if event.anchor is not None:
            raise _Refused(f"invalid YAML: anchor &{event.anchor} (plan files do not use anchors and aliases)",
                                  event.start_mark, "delete the anchor, and write out in full every value that "
                                                    "refers to it with *")
        if isinstance(event, ScalarEvent) and event.value == "<<" and event.style is None:
            raise _Refused("invalid YAML: merge key << (plan files do not use merge keys)", event.start_mark,
                           "write out in full, in this item, the fields it was to bring in")
        tag = getattr(event, "ctag", None)
        if tag is not None and str(tag) != _TEXT_TAG:
            shown = str(tag).replace("tag:yaml.org,2002:", "!!")
            raise _Refused(f"invalid YAML: tag {shown} (plan files do not use tags)", event.start_mark,
                                  f"delete {shown}; to make a value text, put it in quotes")
        return super().compose_node(parent, index)


class _PlanConstructor(RoundTripConstructor):
    """ruamel's round-trip constructor, with an impossible date (2021-02-30) an error at its place."""

    def construct_yaml_timestamp(self, node: Any, values: Any = None) -> Any:
        try:
            return super().construct_yaml_timestamp(node, values)
        except ValueError as error:  # the pattern of a date, but no such day: ruamel raises a bare ValueError
            raise _Refused(f"{node.value} is not a date that exists ({error})", node.start_mark,
                           "write a real date as YYYY-MM-DD, e.g. 2021-03-31") from None


_PlanConstructor.add_constructor("tag:yaml.org,2002:timestamp", _PlanConstructor.construct_yaml_timestamp)


def _mark_location(mark: Any, display: str) -> Location:
    return Location(display, mark.line + 1, mark.column + 1) if mark else Location(display)


def _character_error(error: ReaderError, display: str, text: str) -> PlanLoadError:
    """A character YAML does not allow (a control character pasted from elsewhere), at its line:col."""
    before = text[:error.position]
    line, column = before.count("\n") + 1, error.position - (before.rfind("\n") + 1) + 1
    return PlanLoadError(f"invalid YAML: the character U+{error.character:04X} is not allowed in a YAML file",
                         Location(display, line, column),
                         "delete it: it is an invisible control character, often pasted in from another program")


def _syntax_error(error: MarkedYAMLError, display: str, text: str) -> PlanLoadError:
    """A YAML syntax error as file:line:col, a title and a hint."""
    mark = error.problem_mark or error.context_mark
    location = Location(display, mark.line + 1, mark.column + 1) if mark else Location(display)
    problem = " ".join(str(error.problem or error.context or "invalid YAML").split())
    if problem.startswith("found duplicate key"):
        name = re.search(r'key "([^"]*)"', problem)
        key = name.group(1) if name else "?"
        first = _first_key_line(text, key, error.context_mark, error.problem_mark)
        where = f" (first at line {first})" if first else ""
        return PlanLoadError(f"invalid YAML: field `{key}` appears twice in the same item{where}",
                             location, f"keep one `{key}:`; each field may appear once per item")
    if problem == "but found another document":
        return PlanLoadError("invalid YAML: a second document starts here (a plan file holds one)", location,
                             "delete the `---` line, and move what follows it to the file it belongs in")
    if re.match(r"expected <block end>, but found '(\?|<block mapping start>|<block sequence start>|-)'", problem):
        return PlanLoadError("invalid YAML: this line is indented differently from the lines around it",
                             location, "indent each field exactly as far as the other fields of the same item, "
                                       "and list items ('- ') as far as each other (spaces only)")
    return PlanLoadError(f"invalid YAML: {problem}", location, _syntax_hint(problem))


def _first_key_line(text: str, key: str, start: Any, duplicate: Any) -> int | None:
    """The line of the first *key* in the mapping that begins at *start* (ruamel only marks the second)."""
    if start is None or duplicate is None:
        return None
    lines = text.splitlines()
    column = duplicate.column
    for number in range(start.line, duplicate.line):
        line = lines[number]
        # the key sits at the duplicate's column, after indentation or the "- " of a sequence item
        if line[column:].startswith(f"{key}:") and not line[:column].strip(" -"):
            return number + 1
    return None


def _syntax_hint(problem: str) -> str:
    if "mapping values are not allowed" in problem:
        return "text that contains ': ' must be put in quotes, e.g. title: \"Aim: fewer referrals\""
    if "'\\t'" in problem or "tab" in problem:
        return "indent with spaces, not tabs"
    if "expected ',' or ']'" in problem or "flow sequence" in problem:
        return "a [list, like, this] needs its closing ']' on the same item"
    if "quoted scalar" in problem:
        return "a quote was opened but not closed"
    return "check the indentation (spaces only, children indented under their parent) and the quoting near here"


def to_plain(node: Any) -> Any:
    """ruamel's round-trip types as plain Python: dict, list, str, int, float, bool, date."""
    if isinstance(node, TaggedScalar):  # `label: !!str 5`: the tag forces text
        return str(node.value)
    if isinstance(node, dict):
        return {to_plain(k): to_plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [to_plain(v) for v in node]
    if isinstance(node, bool):
        return bool(node)
    if isinstance(node, str):
        return str(node)
    if isinstance(node, int):
        return int(node)
    if isinstance(node, float):
        return float(node)
    if isinstance(node, dt.datetime):
        return dt.datetime(*node.timetuple()[:6])
    return node
