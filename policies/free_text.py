"""Scope rules for legacy free-text outlooks (the seed system's Markdown or plain text).

A free-text outlook has no typed fields, so the scope's constraints are read from its
structure: a labelled uncertainty section, a labelled list of no-trade triggers, and
labelled scenarios. A *label* is a Markdown heading, a line that is only bold text, or a
short ``Label: value`` line (``**Label:** value`` and ``**Label**: value`` too). Matching
runs on folded text, so case, fullwidth forms and look-alike letters do not matter.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Final, NamedTuple

from orchestrator.core.patterns import lazy_pattern
from policies.normalize import fold_text

__all__ = ["count_scenarios", "has_no_trade_triggers", "has_uncertainty"]

_HEADING: Final = lazy_pattern(r" {0,3}#{1,6}[ \t]+(.*?)[ \t#]*")
_LIST_ITEM: Final = lazy_pattern(r"([ \t]*)(?:[-*+\u2022][ \t]+|\d{1,3}[.)][ \t]+)(.*)")
_BOLD: Final = lazy_pattern(r"(\*\*|__)(.+?)\1(.*)")
_EMPHASIS: Final = "*_`"
# A line holding a mark that a label needs: a heading's "#", a bold title's "**" or "__",
# a plain label's ":" (:func:`_label` returns None for every other line).
_MARKED_LINE: Final = lazy_pattern(r"^[^\n:#*_]*[:#*_][^\n]*", re.MULTILINE)
# A plain "Label: value" line: the label is a short phrase, not the start of a sentence.
_MAX_LABEL_CHARS: Final = 60
_MAX_LABEL_WORDS: Final = 6
# Folded values that say a section is empty, in the languages labels are read in.
_PLACEHOLDERS: Final = frozenset(
    {
        "",
        "-",
        "none",
        "n/a",
        "na",
        "tbd",
        "null",
        "nil",
        "keine",
        "keiner",
        "entfallt",
        "aucun",
        "aucune",
        "neant",
        "ninguno",
        "ninguna",
        "nada",
    }
)

# Labels are matched on folded text (diacritics dropped, "ß" as "ss"), in the languages
# the scanner reads: English, German, French and Spanish. German nouns are compounds
# ("Prognoseunsicherheit", "No-Trade-Auslöser"), so their stems carry no word boundary.
_UNCERTAINTY: Final = lazy_pattern(
    r"\buncertaint|unsicherheit|ungewissheit|\bincertitude|\bincertidumbre|\bincerteza"
)
# A no-trade label names both "no trade" and its triggers (conditions, signals, rules), in
# either order: "No-Trade Triggers", "Auslöser für Handelsverzicht", "Conditions de
# non-intervention", "Señales para no operar".
_NO_TRADE_PHRASE: Final = (
    r"(?:\bno[- _]?trad(?:e|ing)|\bdo[- _]not[- _]trade|\bstand[- _]aside"
    r"|kein(?:e[nrs]?)?[- _]?(?:handel|trade|trading|position|transaktion)"
    r"|nicht[- _]?handel|handelsverzicht|handelspause|handelsstopp|handelssperre|handelsverbot"
    r"|stillhalte|\bnon[- _]?(?:trade|trading|intervention|negociation|operation|investissement)"
    r"|\b(?:ne pas|sans|pas de|absence de) (?:negocier|trader|traiter|intervenir|transactions?"
    r"|negociation|trading|trade|operer|position|prendre position)"
    r"|\babstention|\babstencion|\binaction"
    r"|\b(?:no|sin) (?:operar|negociar|operacion|operaciones|negociacion|intervenir|trade))"
)
_NO_TRADE_TRIGGER: Final = (
    r"(?:\btriggers?\b|\bconditions?\b|\bcriteria\b|\bsignals?\b|\brules?\b"
    r"|trigger|ausloser|bedingung|signal|regeln|kriterien|schwellen"
    r"|\bdeclencheurs?\b|\bsignaux\b|\bcriteres\b|\bregles\b|\bseuils?\b"
    r"|\bdisparadores?\b|\bcondiciones\b|\bsenales\b|\bcriterios\b|\breglas\b"
    r"|\bgatillos?\b|\bdetonantes?\b|\bumbrales\b"
    # "No trade if:", "Kein Handel, wenn:": the conditions follow the label.
    r"|\b(?:if|when|wenn|falls|sobald|si|lorsque|quand|cuando)\s*$)"
)
_NO_TRADE: Final = lazy_pattern(
    rf"{_NO_TRADE_PHRASE}.*{_NO_TRADE_TRIGGER}|{_NO_TRADE_TRIGGER}.*{_NO_TRADE_PHRASE}"
)

# Words that name a scenario when followed by "case" or "scenario" ("Bear case:").
_SCENARIO_NAMES: Final = {
    "base": "base",
    "baseline": "base",
    "central": "base",
    "main": "base",
    "core": "base",
    "primary": "base",
    "bear": "bear",
    "bearish": "bear",
    "bull": "bull",
    "bullish": "bull",
    "alternative": "alternative",
    "alternate": "alternative",
    "alt": "alternative",
    "upside": "upside",
    "downside": "downside",
    "adverse": "adverse",
    "severe": "severe",
    "stress": "stress",
    "stressed": "stress",
    "tail": "tail",
    "tail-risk": "tail",
    "tail risk": "tail",
    "optimistic": "optimistic",
    "pessimistic": "pessimistic",
    "worst": "worst",
    "best": "best",
    "neutral": "neutral",
    "recession": "recession",
    "recessionary": "recession",
    "stagflation": "stagflation",
    "stagflationary": "stagflation",
    "inflationary": "inflationary",
    "deflation": "deflation",
    "deflationary": "deflation",
    "disinflation": "disinflation",
    "reflation": "reflation",
    "goldilocks": "goldilocks",
    "soft landing": "soft landing",
    "soft-landing": "soft landing",
    "hard landing": "hard landing",
    "hard-landing": "hard landing",
    "no landing": "no landing",
    "no-landing": "no landing",
    "risk-off": "risk-off",
    "risk-on": "risk-on",
    "extreme": "extreme",
    "secondary": "secondary",
}
# A label ends the line or is followed by ":", "(", a dash or a probability.
_LABEL_END: Final = r"(?=[ \t]*(?:$|[:(-]|\d+(?:\.\d+)? ?%))"
_SCENARIO_ID: Final = r"#?(?:n[o°]\s?)?(?P<id>\d+|[a-z]|[ivx]+)"


def _names(names: dict[str, str]) -> str:
    return "|".join(sorted(map(re.escape, names), key=len, reverse=True))


# German: a compound ("Basisszenario", "Bären-Szenario", "Basisfall") or an adjective
# before "Szenario" ("pessimistisches Szenario").
_DE_SCENARIO_NAMES: Final = {
    "basis": "base",
    "haupt": "base",
    "kern": "base",
    "referenz": "base",
    "zentral": "base",
    "baren": "bear",
    "bear": "bear",
    "bullen": "bull",
    "bull": "bull",
    "negativ": "downside",
    "positiv": "upside",
    "alternativ": "alternative",
    "risiko": "adverse",
    "advers": "adverse",
    "stress": "stress",
    "rezessions": "recession",
    "inflations": "inflationary",
    "stagflations": "stagflation",
    "deflations": "deflation",
    "extrem": "extreme",
    "optimistisch": "optimistic",
    "pessimistisch": "pessimistic",
    "neutral": "neutral",
}
# French and Spanish: the name follows the noun ("scénario central", "escenario bajista").
_FR_SCENARIO_NAMES: Final = {
    "base": "base",
    "central": "base",
    "principal": "base",
    "reference": "base",
    "baissier": "bear",
    "haussier": "bull",
    "alternatif": "alternative",
    "pessimiste": "pessimistic",
    "optimiste": "optimistic",
    "adverse": "adverse",
    "defavorable": "adverse",
    "favorable": "upside",
    "stress": "stress",
    "recession": "recession",
    "stagflation": "stagflation",
    "extreme": "extreme",
    "neutre": "neutral",
    "noir": "tail",
}
_ES_SCENARIO_NAMES: Final = {
    "base": "base",
    "central": "base",
    "principal": "base",
    "referencia": "base",
    "bajista": "bear",
    "alcista": "bull",
    "alternativo": "alternative",
    "pesimista": "pessimistic",
    "optimista": "optimistic",
    "adverso": "adverse",
    "desfavorable": "adverse",
    "favorable": "upside",
    "estres": "stress",
    "recesion": "recession",
    "estanflacion": "stagflation",
    "extremo": "extreme",
    "neutral": "neutral",
}
# One pattern per language, each with a ``name`` (a key of its table) or an ``id`` group.
_SCENARIO_LABELS: Final = (
    (
        lazy_pattern(
            rf"(?:the )?(?:(?P<name>{_names(_SCENARIO_NAMES)}) (?:case|scenario)"
            rf"|scenario {_SCENARIO_ID}){_LABEL_END}"
        ),
        _SCENARIO_NAMES,
    ),
    (
        lazy_pattern(
            rf"(?:das |der |ein )?(?:(?P<name>{_names(_DE_SCENARIO_NAMES)})"
            rf"(?:[- ]?(?:szenario|fall)|e[snr]? szenario)"
            rf"|szenario {_SCENARIO_ID}){_LABEL_END}"
        ),
        _DE_SCENARIO_NAMES,
    ),
    (
        lazy_pattern(
            rf"(?:le |un )?(?:(?:scenario|cas) (?:de |d'|du )?(?P<name>{_names(_FR_SCENARIO_NAMES)})"
            rf"|scenario {_SCENARIO_ID}){_LABEL_END}"
        ),
        _FR_SCENARIO_NAMES,
    ),
    (
        lazy_pattern(
            rf"(?:el |un )?(?:(?:escenario|caso) (?:de )?(?P<name>{_names(_ES_SCENARIO_NAMES)})"
            rf"|escenario {_SCENARIO_ID}){_LABEL_END}"
        ),
        _ES_SCENARIO_NAMES,
    ),
)
_SCENARIOS_TITLE: Final = lazy_pattern(r"(?:[a-z-]+ )?(?:e?scenarios|szenarien)")


class _Label(NamedTuple):
    line: int  # index into the lines
    title: str  # folded, emphasis and trailing colon removed
    inline: str  # what follows the label on its line
    heading: bool


def has_uncertainty(text: str) -> bool:
    """True when a non-empty labelled section or line mentions uncertainty."""
    return _has_section(text, _UNCERTAINTY)


def has_no_trade_triggers(text: str) -> bool:
    """True when a non-empty section is labelled no-trade triggers (or conditions)."""
    return _has_section(text, _NO_TRADE)


def count_scenarios(text: str) -> int:
    """The number of scenarios a free-text outlook presents.

    Each distinct scenario label ("Base Case:", "**Bear case**", "Scenario 2 -") counts
    once. Without any, the list items directly under a "Scenarios" heading or label are
    counted; a "Scenario Analysis" heading is a section title, not a scenario.
    """
    folded = fold_text(text)
    lines = folded.split("\n")
    labelled = {key for key in map(_scenario_key, lines) if key is not None}
    if labelled:
        return len(labelled)
    return sum(
        _list_items_after(lines, label.line)
        for label in _labels(folded, lines)
        if _SCENARIOS_TITLE.fullmatch(label.title) and not label.inline
    )


def _has_section(text: str, title: re.Pattern[str]) -> bool:
    folded = fold_text(text)
    lines = folded.split("\n")
    return any(
        title.search(label.title) and _has_content(lines, label) for label in _labels(folded, lines)
    )


def _labels(folded: str, lines: list[str]) -> Iterator[_Label]:
    """The labels among ``lines`` (``folded`` split at line ends).

    Only a line with a mark a label needs (``:``, ``#``, ``*``, ``_``) is looked at; such
    lines are found by one search over the text, so a long text of prose or blank lines
    costs no Python step per line.
    """
    index = previous = 0
    for match in _MARKED_LINE.finditer(folded):
        index += folded.count("\n", previous, match.start())
        previous = match.start()
        label = _label(lines[index])
        if label is not None:
            title, inline, heading = label
            yield _Label(index, title, inline, heading)


def _label(line: str) -> tuple[str, str, bool] | None:
    """(title, inline value, is heading) when the line is a label."""
    if ":" not in line and "#" not in line and "*" not in line and "_" not in line:
        return None  # neither heading, bold title nor "Label:" (most lines: prose, blanks)
    heading = _HEADING.fullmatch(line)
    if heading is not None:
        return _clean(heading.group(1)).rstrip(":").strip(), "", True
    item = _LIST_ITEM.fullmatch(line)
    body = (item.group(2) if item else line).strip()
    bold = _BOLD.fullmatch(body)
    if bold is not None:
        title, rest = bold.group(2).strip(), bold.group(3).strip()
        if title.endswith(":"):
            return _clean(title[:-1]), _clean(rest), False
        if rest.startswith(":"):
            return _clean(title), _clean(rest[1:]), False
        if not rest:
            return _clean(title), "", False
        return None
    title, colon, rest = body.partition(":")
    title = _clean(title)
    if (
        colon
        and title
        and len(title) <= _MAX_LABEL_CHARS
        and len(title.split()) <= _MAX_LABEL_WORDS
        and not rest.startswith("//")  # a URL, not a label
    ):
        return title, _clean(rest), False
    return None


def _clean(text: str) -> str:
    for mark in _EMPHASIS:
        text = text.replace(mark, " ")
    return " ".join(text.split())


def _has_content(lines: list[str], label: _Label) -> bool:
    """The label carries a value, or a line of body text follows before the next heading."""
    if label.inline:
        return not _placeholder(label.inline)
    for line in lines[label.line + 1 :]:
        if not line.strip():
            continue
        if _HEADING.fullmatch(line):
            return False
        item = _LIST_ITEM.fullmatch(line)
        return not _placeholder(_clean(item.group(2) if item else line))
    return False


def _placeholder(value: str) -> bool:
    value = value.strip(" .")
    return value in _PLACEHOLDERS or value.startswith("none ")


def _scenario_key(line: str) -> str | None:
    if (
        "scenario" not in line
        and "cas" not in line
        and "szenario" not in line
        and "fall" not in line
    ):
        return None  # every label names a case or a scenario; cleaning joins no letters
    heading = _HEADING.fullmatch(line)
    if heading is not None:
        line = heading.group(1)
    else:
        item = _LIST_ITEM.fullmatch(line)
        if item is not None:
            line = item.group(2)
    cleaned = _clean(line)
    for pattern, names in _SCENARIO_LABELS:
        match = pattern.match(cleaned)
        if match is not None:
            name = match.group("name")
            return names[name] if name is not None else f"scenario {match.group('id')}"
    return None


def _list_items_after(lines: list[str], index: int) -> int:
    """Top-level list items directly below line ``index`` (blank lines between allowed)."""
    count = 0
    indent: int | None = None
    for line in lines[index + 1 :]:
        if not line.strip():
            continue
        item = _LIST_ITEM.fullmatch(line)
        if item is None:
            # A continuation line indented under an item belongs to it.
            if indent is not None and len(line) - len(line.lstrip()) > indent:
                continue
            break
        depth = len(item.group(1).expandtabs(4))
        if indent is None:
            indent = depth
        if depth == indent:
            count += 1
        elif depth < indent:
            break
    return count
