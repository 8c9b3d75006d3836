"""Structured records read as orders: side with size or price, levels, leverage, limits,
weights, live-mode settings, execution switches and intent names.

A record is the pairs of one output item (typed answers: at any depth, across its nested
objects), of one free-text field, or of one table row. Keys and values are compared with
:meth:`~policies.scan.vocabulary.Lexicon.field_roles`, so ``Order_Qty``, ``order-qty``
and ``orderQty`` agree.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final, NamedTuple

from orchestrator.core.patterns import lazy_pattern
from policies.scan.categories import Category
from policies.scan.structure import Pair
from policies.scan.vocabulary import FieldRole, Form, Lexicon, Role, ValueRole, letter_runs

__all__ = ["RecordHit", "record_hits"]

# A weight given after its name: "AMZN 5%".
_PERCENT: Final = lazy_pattern(r"\d(?:[\d.,]*\d)?\s?%")
_NUMBER: Final = lazy_pattern(r"[-+]?[$€£]?\s?\d[\d,.' ]*\s*(?:%|x|k|m|mm|bn|bps)?")
_SHARE: Final = lazy_pattern(r"\d+(?:\.\d+)?")


_QUALIFIERS: Final = Role.CURRENCY | Role.PERCENT | Role.SCALE
# Roles a setting's name may give by its last part alone.
_SETTINGS: Final = frozenset(("mode", "live", "safety", "execute"))


class RecordHit(NamedTuple):
    """A structured finding: its category, the pairs that make it, and a short reason."""

    category: Category
    pairs: tuple[Pair, ...]
    reason: str


def _own_roles(key: str, lexicon: Lexicon) -> tuple[str, ...]:
    """The roles of a key, or of its last words ("hawkish surprise paper_trading",
    "export LIVE")."""
    roles = lexicon.field_roles(key)
    words = key.split()
    for size in (3, 2, 1):
        if roles:
            break
        if len(words) > size:
            roles = lexicon.field_roles(" ".join(words[-size:]))
    if not roles:
        # A unit or currency named last qualifies the setting: "var_limit_usd", "max_dd_pct".
        runs = letter_runs(key)
        while len(runs) > 1 and not roles and _qualifier(runs[-1], lexicon):
            runs.pop()
            roles = lexicon.field_roles(" ".join(runs))
    if not roles:
        roles = _leading_roles(key, lexicon)
    if not roles and words and "_" in words[-1]:
        # An environment variable names its setting last: "ALPACA_ENV", "BROKER_LIVE".
        last = lexicon.field_roles(words[-1].rsplit("_", 1)[-1])
        roles = tuple(role for role in last if role in _SETTINGS)
    return roles


def _leading_roles(key: str, lexicon: Lexicon) -> tuple[FieldRole, ...]:
    """The roles of a key's first words, when what follows them says from when or for whom
    ("Zielgewichte ab Januar", "Target weights from January", "Pesos objetivo de nuestra
    cartera")."""
    words = key.split()
    for size in (3, 2, 1):
        if len(words) > size and _qualifies(words[size], lexicon):
            roles = lexicon.field_roles(" ".join(words[:size]))
            if roles:
                return roles
    return ()


def _qualifies(word: str, lexicon: Lexicon) -> bool:
    """A word that opens what qualifies a key: a preposition ("ab", "from", "de") or a
    start ahead ("effective", "as of")."""
    entry = lexicon.words.get(word.lower())
    return entry is not None and (
        entry.roles & Role.PREP != 0 or entry.forms & Form.FUTURE_START != 0
    )


def _qualifier(word: str, lexicon: Lexicon) -> bool:
    """A currency, a percent or a scale: what a key may name after its setting."""
    entry = lexicon.words.get(word)
    return entry is not None and entry.roles & _QUALIFIERS != 0


def _sided_key(key: str, lexicon: Lexicon) -> bool:
    """Whether a key names a side and what it sizes: "buy order", "sell_qty", "buyOrder"."""
    first, _, rest = key.partition(" ")
    if not rest or not {"buy", "sell"} & set(lexicon.value_roles(first)):
        return False
    return bool(
        {"side", "quantity", "price"} & set(lexicon.field_roles(rest))
        or lexicon.intent(rest) == "order"
    )


# What makes a split a record states no book's: a third party or an institution owns it,
# or it weighs scenarios (probabilities).
_NOT_A_BOOK: Final = Role.THIRD | Role.INSTITUTION | Role.PROBABILITY


def _not_a_book(key: str, lexicon: Lexicon) -> bool:
    """Whether a key names a third party whose figures follow ("pension fund allocation",
    "Allokation der Pensionsfonds"), an index whose weights follow ("Gewichtung im Stoxx
    600", its provider's) or a scenario's probability ("scenario weights"), by a word or a
    two-word phrase."""
    if len(key) > 80:
        return False
    words = letter_runs(key)
    for index, word in enumerate(words):
        entry = lexicon.words.get(word)
        if entry is not None and (entry.roles & _NOT_A_BOOK or entry.forms & Form.INDEX):
            return True
        if index + 1 < len(words):
            second = words[index + 1]
            for phrase, found in lexicon.phrases.get(word, {}).get(second, ()):
                if len(phrase) == 2 and (found.roles & _NOT_A_BOOK or found.forms & Form.INDEX):
                    return True
    return False


# Where a setting's value ends and what qualifies it begins: "LIVE (real money), effective
# immediately", "LIVE mit Echtgeld, ab sofort", "RÉEL (argent réel)", a comment of a
# configuration file ("mode: live  # was: paper").
_QUALIFIED: Final = lazy_pattern(r"\s*[(,;\u2014\u2013]|\s+(?:with|mit|avec|con)\s|\s+(?:#|//)")
_HEAD_CHARS: Final = 200


def _setting_head(value: str) -> str:
    """The value a setting is given, without the words that qualify it after it."""
    head = value[:_HEAD_CHARS]
    found = _QUALIFIED.search(head)
    return head[: found.start()] if found is not None else head


def _side_said(value: str, lexicon: Lexicon) -> tuple[ValueRole, ...]:
    """A side given as a short sentence of ours: "Side: we sell at the open", "Seite: wir
    kaufen": the first word after our pronoun, if it is a side value."""
    runs = letter_runs(value[:_HEAD_CHARS])
    if len(runs) < 2:
        return ()
    entry = lexicon.words.get(runs[0])
    if entry is None or not entry.roles & Role.SELF:
        return ()
    said = lexicon.value_roles(runs[1])
    return tuple(role for role in said if role in ("buy", "sell"))


def _spelled(value: str, lexicon: Lexicon) -> bool:
    """A figure written as a word: "Hebel: dreifach", "Leverage: three times"."""
    runs = letter_runs(value[:_HEAD_CHARS])
    entry = lexicon.words.get(runs[0]) if runs else None
    return entry is not None and entry.roles & Role.NUMBER_WORD != 0


def _algo(value: str, lexicon: Lexicon) -> bool:
    """An execution setting given its algorithm or order type: "Execution: VWAP over the
    session", "Ausführung: Iceberg, 10 % Teilnahme"."""
    runs = letter_runs(_setting_head(value))
    entry = lexicon.words.get(runs[0]) if runs else None
    return entry is not None and entry.roles & Role.ORDER_TYPE != 0


def _current_to_target(pairs: Sequence[Pair], lexicon: Lexicon) -> tuple[Pair, Pair] | None:
    """A row that moves a share from its current figure to a target: "| Equities | 62% |
    50% |" under "| Sleeve | Current | Target |", "Aktien: aktuell 50 %, Ziel 55 %". Both
    are percents; a price target beside a price ("Current 142, Target 160") is none."""
    current = target = None
    for pair in pairs:
        if _PERCENT.search(pair.value) is None:
            continue
        roles = lexicon.field_roles(pair.keys[-1])
        if "current" in roles and current is None:
            current = pair
        elif "target" in roles and target is None:
            target = pair
    return (target, current) if target is not None and current is not None else None


def _numeric(value: str) -> bool:
    return _NUMBER.match(value.strip()) is not None


def _split_of_100(value: str) -> bool:
    """Shares named with their assets that add up to 100: "equities 60 / bonds 40"."""
    if len(value) > 200:
        return False
    shares = [float(number) for number in _SHARE.findall(value)]
    return len(shares) >= 2 and abs(sum(shares) - 100) < 1e-6


def record_hits(pairs: Sequence[Pair], lexicon: Lexicon, active: frozenset[str]) -> list[RecordHit]:
    """The findings of one record."""
    hits: list[RecordHit] = []
    sides: list[Pair] = []
    supports: list[Pair] = []
    for pair in pairs:
        own = _own_roles(pair.keys[-1], lexicon)
        above = {
            role
            for key in pair.keys[:-1]
            for role in lexicon.field_roles(key)
            or (() if _not_a_book(key, lexicon) else _leading_roles(key, lexicon))
        }
        value = lexicon.value_roles(pair.value)
        if not value and "mode" in own:
            value = lexicon.value_roles(_setting_head(pair.value))
        if not value and "side" in own:
            value = _side_said(pair.value, lexicon)
        numeric = _numeric(pair.value)
        is_side = "buy" in value or "sell" in value
        if "r_order" in active and is_side and (set(own) & {"side", "kind"} or not own):
            sides.append(pair)
        if (("quantity" in own or "price" in own or "level" in own) and numeric) or "symbol" in own:
            supports.append(pair)
        if "r_order" in active and numeric and _sided_key(pair.keys[-1], lexicon):
            hits.append(RecordHit("order", (pair,), f"{pair.keys[-1]} {pair.value}"))
        if "r_level" in active and "level" in own and numeric:
            hits.append(RecordHit("order", (pair,), f"{pair.keys[-1]} {pair.value}"))
        if (
            "r_leverage" in active
            and "leverage" in own
            and (numeric or _spelled(pair.value, lexicon))
        ):
            hits.append(RecordHit("risk_limit", (pair,), f"{pair.keys[-1]} {pair.value}"))
        if "r_limit" in active and "limit" in own and numeric:
            hits.append(RecordHit("risk_limit", (pair,), f"{pair.keys[-1]} {pair.value}"))
        weighed = numeric or _PERCENT.search(pair.value) is not None or _split_of_100(pair.value)
        # A third party's split or scenario weights: "Pension fund allocation: equities 60 %".
        weight = "weight" in above or ("weight" in own and not _not_a_book(pair.keys[-1], lexicon))
        if "r_weight" in active and weight and weighed:
            hits.append(RecordHit("rebalance", (pair,), f"{' '.join(pair.keys)} {pair.value}"))
        if "r_live" in active and (
            ("mode" in own and "live" in value)
            or ("live" in own and "on" in value)
            or ("safety" in own and "off" in value)
        ):
            hits.append(RecordHit("live_toggle", (pair,), f"{pair.keys[-1]} = {pair.value}"))
        if (
            "r_exec" in active
            and "execute" in own
            and ("on" in value or _algo(pair.value, lexicon))
        ):
            hits.append(RecordHit("execution", (pair,), f"{pair.keys[-1]} = {pair.value}"))
        if "r_intent" in active and "kind" in own:
            category = lexicon.intent(pair.value)
            if category is not None:
                hits.append(RecordHit(category, (pair,), f"{pair.keys[-1]} {pair.value}"))
    moved = _current_to_target(pairs, lexicon)
    if "r_weight" in active and moved is not None:
        hits.append(RecordHit("rebalance", moved, f"{moved[0].keys[-1]} {moved[0].value}"))
    if sides and supports:
        side = sides[0]
        hits.append(
            RecordHit(
                "order",
                (side, supports[0]),
                f"{side.keys[-1]} {side.value} with {supports[0].keys[-1]} {supports[0].value}",
            )
        )
    return hits
