"""What the site's search knows about a page beyond its words: tags in the page's front matter.

MkDocs Material's search (lunr, offline) indexes a page's ``tags`` as a field
of its own and shows them under each result; mkdocs.yml ranks a tag as a
title (Material's default ranks it a thousand times above one, so a word of a
priority's name in a tag outranked every heading). Each outcome's trace page
is tagged with its RAG rating, its priority ("DP2: Delivery": each result
says which priority it belongs to) and its workstream when the plan names one
("Neglect"); each priority page with the priority and its workstreams.

A RAG rating is a field: ``assets/search-rag.js`` sends a word typed that is
exactly a rating ("RED", any case) to Material's worker as ``+tags:red``, so
"RED" lists the RED outcomes and nothing else (Material otherwise searches
every word as a prefix: "reduce", "reduction"). Only short names are tags.

An outcome is found by what it belongs to: its trace page names its action and
priority ("Part of ...") and each indicator of success it shows progress on as
headings (drawn as plain text, kept out of the table of contents), and search
ranks a heading's words as a title, before body text. So "Leaving Care
Strategy" (an indicator of action LP5.a) lists LP5.a's outcome first, though
the outcome's own words never name it. Zensical's search reads the same
headings; it does not take the RAG rewriting (see docs/site.md, Search).

Tags are plan text, and both engines treat them as HTML (Material marks the
words found in them, Zensical prints them above the page): the templates
HTML-escape them, then :func:`site_builder.pages.yaml_string` writes them into
the front matter so that no character of theirs is live YAML, Markdown or
template syntax.
"""
from __future__ import annotations

import networkx as nx

from goldenthread.model.nodes import ACTION, INDICATOR
from goldenthread.model.queries import children, item_title, one_line
from goldenthread.site_builder.views.common import RagBadge

#: A tag is cut to this many characters (between words): it is a label under a result, not the text.
TAG_CHARS = 48


def indicators_of(g: nx.MultiDiGraph, action: str | None) -> list[str]:
    """The indicators of success of *action*, in reading order (none for ``None``)."""
    if not action or action not in g:
        return []
    return children(g, action, INDICATOR)


def priority_tag(g: nx.MultiDiGraph, priority: str) -> str:
    """``DP2: Delivery``: a priority as a search result names it."""
    return f"{priority}: {one_line(item_title(g, priority), TAG_CHARS)}"


def action_tag(g: nx.MultiDiGraph, action: str) -> str:
    """A workstream's name as people say it ("Neglect" for the label NEGLECT); empty for an action
    labelled with a number ("5a"), whose title is a sentence, not a name."""
    label = (g.nodes[action].get("label") or "").strip()
    if label and any(ch.isalpha() for ch in label) and not label[:1].isdigit():
        return one_line(label.title() if label.isupper() else label, TAG_CHARS)
    return ""


def outcome_tags(g: nx.MultiDiGraph, outcome: str) -> list[str]:
    """The search tags of an outcome's trace page: RAG, priority and workstream.

    >>> from goldenthread.model.analysis._examples import tiny_graph
    >>> outcome_tags(tiny_graph(), "LP1.a.o1")[:2]
    ['AMBER', 'LP1: Stable services']
    """
    data = g.nodes[outcome]
    tags = [RagBadge.of(data.get("rag")).word]
    if data.get("priority") in g:
        tags.append(priority_tag(g, data["priority"]))
    action = data.get("action")
    if action in g and g.nodes[action]["kind"] == ACTION:
        tags.append(action_tag(g, action))
    return list(dict.fromkeys(t for t in tags if t))


def priority_tags(g: nx.MultiDiGraph, priority: str, actions: list[str]) -> list[str]:
    """The search tags of a priority's page: the priority itself and its workstreams' names."""
    return list(dict.fromkeys(t for t in [priority_tag(g, priority), *(action_tag(g, a) for a in actions)] if t))
