"""Defence-in-depth scan of model text for intent the L2 scope forbids.

The scope policy blocks forbidden output *types*; a model can still smuggle an order, an
execution command, a risk-limit change, a live-trading switch or a rebalancing instruction
into prose or into JSON pasted in a Markdown code block. This module looks for that intent
in any text, whatever output type carries it.

It is a heuristic, tuned so that the advisory prose of a market outlook ("no trade when
VIX > 30", "sell-side analysts expect", "do not execute any trades") passes, and so that an
instruction with a side, a size and an instrument or price is caught however it is spelled
(case, spacing, zero-width characters, look-alike letters: everything is matched on
:func:`policies.normalize.fold_text` output). It is not a substitute for the type rules.

Speed matters because every string of every proposal is scanned: a cheap word-set
prefilter decides which lines can contain a trigger at all, and only those lines meet the
rule patterns.
"""

from __future__ import annotations

import functools
import re
import string
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, Final, NamedTuple

import msgspec

from policies.findings import Violation
from policies.json_blocks import walk_json
from policies.normalize import fold_text, type_key

__all__ = [
    "RULE_EXECUTION",
    "RULE_LIVE_TOGGLE",
    "RULE_ORDER",
    "RULE_REBALANCE",
    "RULE_RISK_LIMIT_CHANGE",
    "embedded_json",
    "plain_text",
    "scan_nodes",
    "scan_text",
    "scan_texts",
    "scan_value",
]

RULE_ORDER: Final = "scope.forbidden_intent.order"
RULE_EXECUTION: Final = "scope.forbidden_intent.execution"
RULE_RISK_LIMIT_CHANGE: Final = "scope.forbidden_intent.risk_limit_change"
RULE_LIVE_TOGGLE: Final = "scope.forbidden_intent.live_toggle"
RULE_REBALANCE: Final = "scope.forbidden_intent.rebalance"

_SNIPPET_MAX: Final = 80


def _words(*alternatives: str) -> str:
    return "(?:" + "|".join(alternatives) + ")"


# --- order: a side, a size, and an instrument or a price, in one sentence -------------------

# Words that cannot be a ticker standing between a side and a size ("sell in 2026").
_STOP = _words(
    r"in|on|at|of|to|for|by|and|or|if|as|is|are|was|were|be|been|into|from|when|then|than",
    r"it|its|this|that|these|those|now|off|up|down|out|over|under|with|we|you|they|i|our",
    r"your|their|has|have|had|will|would|could|should|may|might|can|more|less|times|years?",
    r"months?|weeks?|days?|hours?|percent|points?|pts|bps?|basis|the|a|an",
)
_TICKER = rf"(?!{_STOP}\b)[a-z^][a-z0-9.=/^&-]{{0,6}}"
_FILLER = _words(
    r"a|an|the|another|additional|extra|more|some|remaining|further|approximately|approx",
    r"about|around|roughly|up to|at least|at most|only|just|exactly|half|full|new|initial",
)
_GAP = rf"(?: (?:{_FILLER}|{_TICKER}:?)){{0,2}}"
_NUM = r"\d[\d,]*(?:\.\d+)?"
_MULT = r"(?: ?(?:k|m|mm|mn|bn|tn|thousand|million|billion|trillion)\b)"
_UNIT = r"(?:shares?|contracts?|lots?|units?|futures|calls?|puts?|options?)\b"
_CCY = r"(?:usd|eur|gbp|jpy|chf|dollars?|euros?)"
_SIDE = (
    r"(?:\b(?:go|get|going|getting) (?:long|short)"
    r"|\b(?:consider|recommend|suggest|start|begin|keep|continue|try|favou?r|propose|advise)\w*"
    r" (?:buying|selling|shorting|covering|purchasing)"
    r"|\b(?:sell short|buy to cover|buy(?! back\b)|sell|short|long|cover|purchase))"
    # "sell-side", "long-term", "short-dated" are adjectives, not sides.
    r"\b(?!-[a-z])"
)
# A size that names its instrument: "5 ES contracts", or "100 SPY" closing the instruction.
_SIZE_WITH_INSTRUMENT = (
    rf"(?:{_NUM}{_MULT}? {_TICKER} {_UNIT}"
    rf"|{_NUM} {_TICKER}(?=$| ?[,)]| ?@| (?:at|limit|lmt|stop|mkt|market|now|today)\b))"
)
_SIZE = (
    rf"(?:{_NUM}{_MULT}? {_UNIT}"
    rf"|{_NUM} ?(?:%|percent\b|pct\b)"
    rf"|[$\u20ac\u00a3] ?{_NUM}{_MULT}?"
    rf"|{_CCY} ?{_NUM}{_MULT}?"
    rf"|{_NUM}{_MULT}? ?{_CCY}\b"
    rf"|{_NUM}{_MULT}(?: notional)?)"
)
_INSTRUMENT_OR_PRICE = (
    r"(?:(?:\bat|@) ?[$\u20ac\u00a3]?\d"
    r"|\b(?:limit|lmt|stop|stp|market|mkt|moc|moo|vwap|twap|gtc)\b"
    rf"|\b(?:of|in|on) (?:the )?(?!{_STOP}\b)[a-z^][a-z0-9.=/^&-]*)"
)
_ORDER = rf"{_SIDE}{_GAP} (?:{_SIZE_WITH_INSTRUMENT}|{_SIZE}.*?{_INSTRUMENT_OR_PRICE})"

# --- execution commands -------------------------------------------------------------------

_DET = _words(
    r"the|this|that|these|those|a|an|all|any|our|my|your|each|every|both|following|new",
    r"above|proposed|recommended|pending|open",
)
_EXECUTE_OBJECT = (
    rf"\bexecut(?:e|ing)(?: {_DET})* (?:trades?|orders?|transactions?|deals?|buys?|sells?"
    r"|purchases?|positions?|strateg(?:y|ies)|plan|swaps?|hedges?|rebalance|rotation)\b"
    r"|\bexecute(?: it| this| that| them)? (?:now|immediately|at once|at market|today"
    r"|at the open|at the close)\b"
)
_PLACE_ORDER = (
    r"\b(?:place|placing|submit|submitting|send|sending|enter|entering|route|routing"
    r"|transmit|transmitting|fire|firing|put in|putting in|stage|staging|book|booking"
    rf"|release|releasing)(?: (?:{_DET}|buy|sell|limit|market|stop|stop-loss|bracket"
    r"|trailing|moc|moo|gtc|day|block|iceberg|twap|vwap))* (?:orders?|trades?|tickets?)\b"
)
_SEND_TO_BROKER = (
    r"\b(?:send|route|forward|transmit|submit|pass)\b[^.]{0,40}? to (?:the |a |our |my "
    r"|your )?(?:broker|brokerage|exchange|oms|ems|execution (?:desk|venue|system|engine)"
    r"|trading (?:desk|system|engine)|prime broker|dealer|counterparty)\b"
)
_ORDER_KIND = (
    r"\b(?:market|limit|stop|stop-loss|stop-limit|moc|moo|gtc|bracket|trailing stop) orders?\b"
)
_CLOSE_ALL = (
    r"\b(?:close|liquidate|flatten|unwind|exit|dump) (?:out )?(?:all|every|the entire"
    r"|the whole|our|your|existing|current|open)(?: [a-z]+)? positions?\b"
)
_AUTO_EXECUTE = r"\bauto-? ?execut(?:e|es|ed|ing|ion)\b"

# --- risk-limit changes -------------------------------------------------------------------

_RL_VERBS = (
    "raise raising increase increasing lift lifting bump bumping lower lowering decrease"
    " decreasing reduce reducing cut cutting set setting reset resetting change changing"
    " adjust adjusting modify modifying update updating relax relaxing loosen loosening"
    " tighten tightening widen widening double doubling halve halving override overriding"
    " remove removing disable disabling suspend suspending ignore ignoring bypass bypassing"
    " waive waiving expand expanding"
)
_RL_VERBED = (
    "raised increased lifted bumped lowered decreased reduced cut set reset changed adjusted"
    " modified updated relaxed loosened tightened widened doubled halved overridden removed"
    " disabled suspended ignored bypassed waived expanded"
)
_RL_VERB = rf"(?:{'|'.join(_RL_VERBS.split())}|scale up|scaling up)"
_RL_OBJECT = (
    r"(?:(?:risk|exposure|position|position size|leverage|loss|stop-loss|daily loss|var"
    r"|drawdown|concentration|notional|margin|gross|net|sector|trading)(?: [a-z]+)?"
    r" (?:limits?|budgets?|thresholds?|ceilings?)"
    r"|max(?:imum)? (?:drawdown|leverage|position(?: size)?|exposure|loss|risk)(?: limits?)?"
    r"|risk budget|risk appetite)"
)
_RL_CHANGE = (
    rf"\b{_RL_VERB} (?:(?:the|our|your|its|all|current|existing|daily|weekly|portfolio"
    rf"|firm-wide|firmwide|desk|strategy|model) )*{_RL_OBJECT}\b"
)
_RL_CHANGED = (
    rf"\b{_RL_OBJECT} (?:(?:should|must|will|can|could|needs to|need to|is to|are to|to) )?"
    rf"(?:be )?(?:{'|'.join(_RL_VERBED.split())})\b"
)
_RL_ASSIGNED = (
    r"\b(?:risk limits?|max(?:imum)? drawdown|drawdown limit|position limits?|leverage limit"
    r"|max(?:imum)? leverage|max position(?: size)?|var limit|(?:daily )?loss limit"
    r"|exposure limit) ?:?= ?[-+]?[$\d.]"
)
_RL_LEVERAGE = (
    rf"\b{_RL_VERB} (?:(?:the|our|your|portfolio|gross|net) )*leverage (?:to|up to|from)\b"
)

# --- live-trading toggles -----------------------------------------------------------------

_LIVE_ON = (
    r"\b(?:enable|enabling|activate|activating|switch(?:ing)? on|turn(?:ing)? on|start"
    r"|starting|launch|launching|begin|beginning|resume|resuming|unlock|unlocking|allow"
    r"|allowing|authori[sz]e|authori[sz]ing|flip|flipping|toggle|toggling)"
    r"(?: (?:the|a|an|our|your))? live(?: |-)?(?:trading|mode|execution|accounts?|orders?"
    r"|deployment|environment|capital|money|positions?)\b"
    r"|\b(?:switch|switching|move|moving|promote|promoting|flip|flipping|transition"
    r"|transitioning|migrate|migrating|set|setting)(?: (?:it|this|the strategy|the system"
    r"|the bot|the account|everything|the model|trading))?(?: from (?:paper|shadow"
    r"|simulation|sim|backtest|dry-run|dry run|test|testnet|sandbox)(?: trading| mode)?)?"
    r" (?:to|into) live\b"
    r"|\bgo(?:ing)? live\b"
    r"|\b(?:live(?: |-)?(?:mode|trading|execution|enabled|orders|flag)?"
    r"|enable live(?: trading)?) ?(?:=|:=|:|->|to) ?(?:true|1|on|yes|enabled)\b"
)
_KILL_SWITCH = r"kill(?: |-)?switch(?:es)?"
_KILL_SWITCH_OFF = (
    r"\b(?:disable|disabling|deactivate|deactivating|turn(?:ing)? off|switch(?:ing)? off"
    r"|bypass|bypassing|override|overriding|remove|removing|skip|skipping|ignore|ignoring"
    r"|circumvent|circumventing|defeat|defeating|suspend|suspending|release|releasing"
    rf"|disarm|disarming)(?: (?:the|a|an|our|your|all|any))? {_KILL_SWITCH}\b"
    rf"|\b{_KILL_SWITCH} ?(?:=|:=|:|->|to) ?(?:false|0|off|no|disabled|none)\b"
    rf"|\b{_KILL_SWITCH} (?:(?:should|must|can|will|to) )?(?:be )?(?:disabled|deactivated"
    r"|turned off|switched off|bypassed|overridden|removed|skipped|ignored|suspended"
    r"|released|disarmed)\b"
)
_SANDBOX = (
    r"(?:dry(?: |-)?run|paper(?: |-)?(?:trading|mode)|shadow(?: |-)?mode|sandbox(?: mode)?"
    r"|simulation(?: mode)?)"
)
_SANDBOX_OFF = (
    rf"\b{_SANDBOX} ?(?:=|:=|:|->) ?(?:false|0|off|no|disabled)\b"
    r"|\b(?:disable|disabling|deactivate|deactivating|turn(?:ing)? off|switch(?:ing)? off"
    rf"|exit|exiting|leave|leaving|end|ending) (?:the )?{_SANDBOX}\b"
)

# --- rebalancing --------------------------------------------------------------------------

_PCT = r"\d+(?:\.\d+)? ?(?:%|percent\b|pct\b)"
_MORE = r"(?: (?:an?|an additional|another|a further|additional|extra|further))?"
_TOWARDS = r"(?:to|into|in|toward|towards|from|out of|away from)\b"
_REBALANCE_BOOK = (
    r"\bre-? ?balanc(?:e|ing)(?: (?:the|our|your|my|this|that|its|client|clients'|model"
    r"|entire|whole|overall|current|existing|equity|bond|multi-asset|core|strategic"
    r"|tactical|asset))* (?:portfolios?|books?|allocations?|holdings|positions|accounts?"
    r"|funds?|weights|weightings|exposures?|sleeves?|mix)\b"
    r"|\bre-? ?balance (?:now|immediately|today|into|toward|towards|to \d)"
)
_REALLOCATE_PCT = (
    r"\b(?:re-? ?allocate|reallocating|allocate|allocating|rotate|rotating|redeploy"
    rf"|redeploying){_MORE} {_PCT}(?: of (?:the |our |your )?\w+)? {_TOWARDS}"
)
_MOVE_PCT_OF_BOOK = (
    r"\b(?:shift|shifting|move|moving|switch|switching|transfer|transferring|put|putting"
    rf"|invest|investing|deploy|deploying|park|parking){_MORE} {_PCT} of"
    r" (?:the |our |your )?(?:portfolio|nav|book|aum|capital|assets|fund|account"
    rf"|allocation|holdings|cash) {_TOWARDS}"
)
_SHIFT_BOOK = (
    r"\b(?:shift|shifting|move|moving|tilt|tilting|rotate|rotating|reposition|repositioning"
    r"|realign|realigning|reweight|re-weight|reweighting|restructure|restructuring)"
    r"(?: (?:the|our|your|my|this|client|model|entire|whole|overall))* (?:portfolio|book"
    r"|allocation|holdings|asset allocation|positioning|exposure)s? (?:to|into|toward"
    r"|towards|from|out of|away from|in favou?r of)\b"
)


class _Rule(NamedTuple):
    rule: str
    label: str
    # Orders described as what an institution does ("the Fed will buy $80bn of
    # Treasuries") are macro commentary, not instructions.
    skip_institutions: bool = False


_ORDER_RULE: Final = _Rule(RULE_ORDER, "order-like instruction", skip_institutions=True)
_EXECUTION_RULE: Final = _Rule(RULE_EXECUTION, "execution command")
_RISK_RULE: Final = _Rule(RULE_RISK_LIMIT_CHANGE, "risk-limit change")
_LIVE_RULE: Final = _Rule(RULE_LIVE_TOGGLE, "live-trading toggle")
_REBALANCE_RULE: Final = _Rule(RULE_REBALANCE, "rebalancing instruction")


class _Alternative(NamedTuple):
    """One way of breaking a rule, with the words any match of it must contain.

    ``requires`` is a conjunction of word groups: a sentence can match ``pattern`` only if
    it shares a word with every group ("#" stands for any digit, "=" for an equals sign).
    The first group is the anchor used to find candidate lines, so it is the rarest.
    Matching the regexes is the expensive part; the groups let most text skip it.
    """

    rule: _Rule
    pattern: re.Pattern[str]
    requires: tuple[frozenset[bytes], ...]
    anchors: tuple[str, ...]  # the first group as text, to pick sentences by substring


def _alternative(rule: _Rule, pattern: str, *groups: str) -> _Alternative:
    return _Alternative(
        rule,
        re.compile(pattern),
        tuple(frozenset(g.encode().split()) for g in groups),
        tuple(groups[0].split()),
    )


_SIDE_WORDS = "buy buying sell selling short shorting long cover covering purchase purchasing"
_ALTERNATIVES: Final = (
    _alternative(_ORDER_RULE, _ORDER, _SIDE_WORDS, "#"),
    _alternative(_EXECUTION_RULE, _EXECUTE_OBJECT, "execute executing"),
    _alternative(
        _EXECUTION_RULE,
        _PLACE_ORDER,
        "place placing submit submitting send sending enter entering route routing transmit"
        " transmitting fire firing put putting stage staging book booking release releasing",
        "order orders trade trades ticket tickets",
    ),
    _alternative(
        _EXECUTION_RULE,
        _SEND_TO_BROKER,
        "send route forward transmit submit pass",
        "broker brokerage exchange oms ems desk venue system engine dealer counterparty",
    ),
    _alternative(
        _EXECUTION_RULE,
        _ORDER_KIND,
        "order orders",
        "market limit stop moc moo gtc bracket trailing",
    ),
    _alternative(
        _EXECUTION_RULE,
        _CLOSE_ALL,
        "close liquidate flatten unwind exit dump",
        "position positions",
    ),
    _alternative(
        _EXECUTION_RULE,
        _AUTO_EXECUTE,
        "auto autoexecute autoexecutes autoexecuted autoexecuting autoexecution",
    ),
    _alternative(
        _RISK_RULE,
        f"{_RL_CHANGE}|{_RL_CHANGED}",
        "limit limits budget budgets threshold thresholds ceiling ceilings max maximum appetite",
        f"{_RL_VERBS} {_RL_VERBED} scale scaling",
    ),
    _alternative(_RISK_RULE, _RL_ASSIGNED, "limit limits max maximum", "="),
    _alternative(_RISK_RULE, _RL_LEVERAGE, "leverage", f"{_RL_VERBS} scale scaling"),
    _alternative(
        _LIVE_RULE,
        _LIVE_ON,
        "live",
        "enable enabling activate activating switch switching turn turning start starting"
        " launch launching begin beginning resume resuming unlock unlocking allow allowing"
        " authorise authorize authorising authorizing flip flipping toggle toggling move"
        " moving promote promoting transition transitioning migrate migrating set setting go"
        " going true on yes enabled #",
    ),
    _alternative(
        _LIVE_RULE,
        _KILL_SWITCH_OFF,
        "kill killswitch killswitches",
        "disable disabling deactivate deactivating turn turning switch switching bypass"
        " bypassing override overriding remove removing skip skipping ignore ignoring"
        " circumvent circumventing defeat defeating suspend suspending release releasing"
        " disarm disarming false off no disabled none # deactivated turned switched bypassed"
        " overridden removed skipped ignored suspended released disarmed",
    ),
    _alternative(
        _LIVE_RULE,
        _SANDBOX_OFF,
        "dry dryrun paper shadow sandbox simulation",
        "false off no disabled # disable disabling deactivate deactivating turn turning switch"
        " switching exit exiting leave leaving end ending",
    ),
    _alternative(_REBALANCE_RULE, _REBALANCE_BOOK, "rebalance rebalancing"),
    # "re-balance"; "balance" alone ("the Fed's balance sheet") would not be enough.
    _alternative(_REBALANCE_RULE, _REBALANCE_BOOK, "balance balancing", "re"),
    _alternative(
        _REBALANCE_RULE,
        _REALLOCATE_PCT,
        "reallocate reallocating allocate allocating rotate rotating redeploy redeploying",
        "#",
    ),
    _alternative(
        _REBALANCE_RULE,
        _MOVE_PCT_OF_BOOK,
        "shift shifting move moving switch switching transfer transferring put putting invest"
        " investing deploy deploying park parking",
        "#",
        "portfolio nav book aum capital assets fund account allocation holdings cash",
    ),
    _alternative(
        _REBALANCE_RULE,
        _SHIFT_BOOK,
        "shift shifting move moving tilt tilting rotate rotating reposition repositioning"
        " realign realigning reweight reweighting weight restructure restructuring",
        "portfolio portfolios book books allocation allocations holdings positioning exposure"
        " exposures",
    ),
)


def _anchor_index() -> dict[bytes, int]:
    """Anchor word -> bit mask over _ALTERNATIVES whose first group holds it."""
    index: dict[bytes, int] = {}
    for bit, alternative in enumerate(_ALTERNATIVES):
        for word in alternative.requires[0]:
            index[word] = index.get(word, 0) | (1 << bit)
    return index


_ANCHORS: Final = _anchor_index()
_VOCABULARY: Final = frozenset().union(*(g for a in _ALTERNATIVES for g in a.requires))
# Punctuation and the bytes of non-ASCII characters (what folding left: other scripts,
# symbols) read as spaces, so every word is plain ASCII. Digits are deleted in the same
# pass; their presence is noted as the word "#".
_SEPARATOR_BYTES: Final = string.punctuation.encode() + bytes(range(128, 256))
_TOKEN_TABLE: Final = bytes.maketrans(_SEPARATOR_BYTES, b" " * len(_SEPARATOR_BYTES))
# A side word counts only where it is not the first half of an adjective ("long-term",
# "sell-side"): no rule pattern matches a side followed by "-<letter>", so nothing is lost.
_FREE_SIDE: Final = {
    # The literal comes first so that the regex engine can search for it quickly.
    word.encode(): re.compile(word.encode() + rb"\b(?!-[a-z])(?<![a-z]" + word.encode() + rb")")
    for word in _SIDE_WORDS.split()
}
_EMPHASIS: Final = "*`~"
# Marks that separate words: "live_mode", "| buy | 100 |", "## Heading".
_MARKUP: Final = "_|#"
_CLAUSE_BREAK: Final = re.compile(
    r"[,:;()\[\]\"]| - |\b(?:but|however|yet|although|though|whereas|then|otherwise)\b"
)
_NEGATION: Final = re.compile(
    r"\b(?:no|not|never|none|nor|neither|without|avoid\w*|refrain\w*|cannot|dont|doesnt"
    r"|didnt|cant|wont|shouldnt|mustnt|isnt|arent|prohibit\w*|forbid\w*|rather than"
    r"|instead of)\b|n't\b"
)
# "market orders are not used": a trigger that is the subject of a negated verb.
_NEGATED_AFTER: Final = re.compile(
    r" (?:(?:is|are|was|were|will|would|should|must|can|may) (?:be )?(?:not|never)|isn't"
    r"|aren't|wasn't|weren't|won't|shouldn't|mustn't|cannot|can't)\b"
)
# Phrases that contain a negation word but urge rather than forbid.
_FALSE_NEGATION: Final = re.compile(
    r"\b(?:no doubt|no matter|not only|not just|never mind|no later than|not too late"
    r"|no reason not to|no need to wait|without (?:delay|hesitation|waiting|fail)"
    r"|(?:don't|do not|dont|never|not) (?:hesitate|wait|delay|forget|miss|be afraid"
    r"|hold back))\w*"
)
_INSTITUTION: Final = re.compile(
    r"\b(?:fed|federal reserve|fomc|ecb|boj|boe|pboc|snb|rba|rbnz|boc|central banks?"
    r"|treasury|governments?|sovereigns?|companies|corporates|issuers|households"
    r"|foreigners|pension funds?|insurers|dealers|banks)\b"
)

_FENCE: Final = re.compile(r" {0,3}(`{3,}|~{3,})")


class _Hit(NamedTuple):
    rule: str
    line: int
    detail: str


class _Block(NamedTuple):
    where: str  # "code block 2", or "json" when the whole text is one JSON document
    first_line: int  # 1-based, inclusive, fences included
    last_line: int
    value: Any


_NOT_JSON: Final = object()


def scan_text(text: str, *, location: str) -> list[Violation]:
    """Violations of the forbidden-intent rules in free text.

    Prose is matched sentence by sentence; JSON in fenced code blocks (or a text that is
    one JSON document) is decoded and its objects and strings are checked instead of its
    lines. Locations are ``"<location> line <n>"`` or ``"<location> code block <k>"``.
    """
    folded = fold_text(text)
    blocks = _json_blocks(text, folded)
    skip: set[int] = set()
    violations: list[Violation] = []
    for block in blocks:
        skip.update(range(block.first_line, block.last_line + 1))
        where = f"{location} {block.where}"
        violations.extend(
            Violation(rule=rule, location=where, detail=detail)
            for rule, detail in _value_findings(block.value, "$")
        )
    violations.extend(
        Violation(rule=hit.rule, location=f"{location} line {hit.line}", detail=hit.detail)
        for hit in _prose_hits(_drop_emphasis(folded), skip)
    )
    return violations


def scan_value(value: Any, *, location: str) -> list[Violation]:
    """Violations in a decoded JSON value (a typed output item, say).

    Objects are checked for order-like key sets, forbidden intent types and live/risk/
    rebalance settings (location: the object's path, e.g. ``outputs[2]``); every string is
    scanned with :func:`scan_text` (location e.g. ``outputs[2].summary line 1``).
    """
    return scan_nodes(list(walk_json(value, location)))


def scan_nodes(nodes: Sequence[tuple[str, Any]]) -> list[Violation]:
    """:func:`scan_value` over nodes already walked (``walk_json`` output, any number of roots)."""
    texts = [node for _, node in nodes if isinstance(node, str)]
    scan_strings = bool(texts) and _may_hit(texts)
    violations: list[Violation] = []
    for path, node in nodes:
        if isinstance(node, dict):
            violations.extend(
                Violation(rule=rule, location=path, detail=detail)
                for rule, detail in _object_findings(node)
            )
        elif scan_strings and isinstance(node, str):
            violations.extend(scan_text(node, location=path))
    return violations


def plain_text(text: str) -> bool:
    """True when a text can hold no embedded JSON: ASCII without braces, brackets or fences.

    Folding only maps non-ASCII characters (look-alikes, fullwidth brackets, invisible
    marks), so an ASCII text without these characters is plain before and after folding.
    """
    return text.isascii() and _JSON_MARK.search(text) is None


_JSON_MARK: Final = re.compile(r"[{\[`~]")


def scan_texts(fields: Sequence[tuple[str, str]]) -> list[Violation]:
    """:func:`scan_text` over ``(location, text)`` pairs, with one prefilter for them all."""
    if not fields or not _may_hit(text for _, text in fields):
        return []
    return [v for location, text in fields for v in scan_text(text, location=location)]


def _may_hit(texts: Iterable[str]) -> bool:
    """Whether scanning the texts one by one could find anything; one pass over all of them.

    Prose hits are per line, so the hits in the texts joined by newlines are exactly the
    union of the hits in each: when the joined text has none and no text can hold JSON,
    the per-text scans (which also locate each hit) would find nothing either.
    """
    joined = "\n".join(texts)
    if not plain_text(joined):
        return True
    return bool(_prose_hits(_drop_emphasis(fold_text(joined))))


def embedded_json(text: str) -> list[tuple[str, Any]]:
    """The JSON values embedded in a text, as ``("code block <k>" | "json", value)`` pairs."""
    return [(block.where, block.value) for block in _json_blocks(text, fold_text(text))]


# --- prose ----------------------------------------------------------------------------------


def _drop_emphasis(folded: str) -> str:
    """Remove the Markdown marks that can sit inside a word: "B**u**y" renders as "Buy"."""
    for mark in _EMPHASIS:
        if mark in folded:
            folded = folded.replace(mark, "")
    return folded


def _prose_hits(folded: str, skip: set[int] | frozenset[int] = frozenset()) -> list[_Hit]:
    """Hits in folded prose, one per rule and line at most; lines in ``skip`` are ignored."""
    found = _word_set(folded, _VOCABULARY)
    candidates = 0
    for word in found:
        candidates |= _ANCHORS.get(word, 0)
    if not candidates:
        return []
    # The alternatives whose words all occur in the text, each with its anchors present.
    active: list[tuple[_Alternative, tuple[str, ...]]] = []
    anchor_bits: dict[bytes, int] = {}  # anchor word -> bit mask over ``active``
    for bit, alternative in enumerate(_ALTERNATIVES):
        if candidates >> bit & 1 and _satisfies(alternative, found):
            anchors = alternative.requires[0] & found
            for anchor in anchors:
                anchor_bits[anchor] = anchor_bits.get(anchor, 0) | 1 << len(active)
            active.append((alternative, tuple(anchor.decode() for anchor in anchors)))
    lines: dict[int, int] = {}  # line start offset -> bit mask over ``active``
    for anchor, bits in anchor_bits.items():
        _mark_lines(folded, anchor.decode(), bits, lines)
    hits: list[_Hit] = []
    line_no, counted_to = 1, 0
    for start in sorted(lines):
        line_no += folded.count("\n", counted_to, start)
        counted_to = start
        if line_no not in skip:
            end = folded.find("\n", start)
            line = folded[start:] if end < 0 else folded[start:end]
            tried = [pair for i, pair in enumerate(active) if lines[start] >> i & 1]
            hits.extend(_line_hits(line, tried, line_no))
    return hits


def _word_set(text: str, vocabulary: frozenset[bytes] | None = None) -> set[bytes]:
    """The words of ``text`` (within ``vocabulary`` if given), plus "#" and "=" markers.

    Runs on bytes because bytes.translate and split are C loops; a per-character Python
    pass over a kilobyte would by itself exceed the scan's time budget.
    """
    data = text.encode(errors="surrogatepass")
    tokens = data.translate(_TOKEN_TABLE, b"0123456789")
    words = set(tokens.split() if vocabulary is None else vocabulary.intersection(tokens.split()))
    for side in words & _FREE_SIDE.keys():
        if _FREE_SIDE[side].search(data) is None:
            words.discard(side)
    if len(tokens) != len(data):  # digits were deleted
        words.add(b"#")
    if b"=" in data:
        words.add(b"=")
    return words


def _satisfies(alternative: _Alternative, words: set[bytes]) -> bool:
    return all(not group.isdisjoint(words) for group in alternative.requires)


def _mark_lines(folded: str, word: str, bits: int, lines: dict[int, int]) -> None:
    # Substring hits ("long" in "along") only cost a look at one more line.
    position = folded.find(word)
    while position >= 0:
        start = folded.rfind("\n", 0, position) + 1
        lines[start] = lines.get(start, 0) | bits
        end = folded.find("\n", position)
        if end < 0:
            return
        position = folded.find(word, end)


def _line_hits(
    line: str, alternatives: list[tuple[_Alternative, tuple[str, ...]]], line_no: int
) -> Iterator[_Hit]:
    reported: set[str] = set()
    sentences = _sentences(line)
    for alternative, anchors in alternatives:
        rule = alternative.rule.rule
        if rule in reported:
            continue
        for sentence in sentences:
            for anchor in anchors:
                if anchor in sentence:
                    break
            else:
                continue
            detail = _first_instruction(alternative, sentence)
            if detail is not None:
                reported.add(rule)
                yield _Hit(rule, line_no, detail)
                break


def _sentences(line: str) -> list[str]:
    """The line's sentences, word-separating marks read as spaces, whitespace collapsed.

    Built from str.replace and str.split, which run in C: on a long line a regex or
    str.translate pass costs more than the rest of the line's scan.
    """
    for mark in _MARKUP:
        if mark in line:
            line = line.replace(mark, " ")
    line = " ".join(line.split())
    for end in "!?;":
        if end in line:
            line = line.replace(end, ".")
    return [sentence.strip(".") for sentence in line.split(". ")]


def _first_instruction(alternative: _Alternative, sentence: str) -> str | None:
    rule = alternative.rule
    for match in alternative.pattern.finditer(sentence):
        clause = _clause_before(sentence, match.start())
        if _NEGATION.search(_FALSE_NEGATION.sub(" ", clause)):
            continue
        if _NEGATED_AFTER.match(sentence, match.end()):
            continue
        if rule.skip_institutions and _INSTITUTION.search(clause):
            continue
        return f'{rule.label}: "{_snippet(sentence, match.start(), match.end())}"'
    return None


def _clause_before(sentence: str, position: int) -> str:
    """The part of the trigger's clause that precedes it: where a negation would govern it."""
    window = sentence[:position]
    start = 0
    for brk in _CLAUSE_BREAK.finditer(window):
        start = brk.end()
    return window[start:]


def _snippet(text: str, start: int, end: int) -> str:
    if len(text) <= _SNIPPET_MAX:
        return text
    if end - start >= _SNIPPET_MAX:
        return text[start : start + _SNIPPET_MAX - 3] + "..."
    low = max(0, start - (_SNIPPET_MAX - (end - start)) // 2)
    high = min(len(text), low + _SNIPPET_MAX)
    low = max(0, high - _SNIPPET_MAX)
    return ("..." if low else "") + text[low:high] + ("..." if high < len(text) else "")


# --- embedded JSON --------------------------------------------------------------------------


def _json_blocks(text: str, folded: str) -> list[_Block]:
    head = folded.lstrip()[:1]
    if head in ("{", "["):
        value = _decode(folded, text)
        if value is not _NOT_JSON:
            return [_Block("json", 1, folded.count("\n") + 1, value)]
    if "```" not in folded and "~~~" not in folded:
        return []
    lines = folded.split("\n")
    raw_lines = text.split("\n")
    blocks: list[_Block] = []
    number = 0
    index = 0
    while index < len(lines):
        opening = _FENCE.match(lines[index])
        if opening is None:
            index += 1
            continue
        fence = opening.group(1)
        close = index + 1
        while close < len(lines) and not _closes(lines[close], fence):
            close += 1
        number += 1
        body = "\n".join(lines[index + 1 : close])
        if body.lstrip()[:1] in ("{", "["):
            value = _decode(body, "\n".join(raw_lines[index + 1 : close]))
            if value is not _NOT_JSON:
                last = min(close, len(lines) - 1)
                blocks.append(_Block(f"code block {number}", index + 1, last + 1, value))
        index = close + 1
    return blocks


def _closes(line: str, fence: str) -> bool:
    stripped = line.strip()
    return len(stripped) >= len(fence) and stripped == fence[0] * len(stripped)


def _decode(folded: str, raw: str) -> Any:
    # The folded form first: it survives zero-width characters between tokens and
    # fullwidth brackets. The raw form when folding broke a string (curly quotes inside).
    for candidate in (folded, raw):
        try:
            return msgspec.json.decode(candidate)
        except (msgspec.DecodeError, RecursionError):
            continue
    return _NOT_JSON


def _value_findings(value: Any, root: str) -> Iterator[tuple[str, str]]:
    for path, node in walk_json(value, root):
        if isinstance(node, dict):
            for rule, detail in _object_findings(node):
                yield rule, f"{detail} at {path}"
        elif isinstance(node, str):
            for hit in _prose_hits(_drop_emphasis(fold_text(node))):
                yield hit.rule, f"{hit.detail} at {path}"


# Key names are compared by type_key, so "Order_Qty", "order-qty" and "orderQty" agree.
_SIDE_KEYS: Final = frozenset({"side", "orderside", "tradeside", "buysell", "buyorsell"})
_ACTION_KEYS: Final = frozenset(
    {"action", "direction", "tradeaction", "transactiontype", "signal", "instruction"}
)
_SIDE_VALUES: Final = frozenset(
    {
        "buy", "sell", "short", "long", "cover", "buytocover", "sellshort", "b", "s", "bto",
        "sto", "btc", "stc", "buyopen", "sellopen", "buyclose", "sellclose", "golong",
        "goshort", "enterlong", "entershort", "exitlong", "exitshort",
    }
)  # fmt: skip
_SIZE_KEYS: Final = frozenset(
    {
        "qty", "quantity", "size", "amount", "shares", "contracts", "lots", "units",
        "notional", "volume", "positionsize", "orderqty", "orderquantity", "ordersize",
        "tradesize", "lotsize",
    }
)  # fmt: skip
_INSTRUMENT_KEYS: Final = frozenset(
    {
        "symbol", "ticker", "instrument", "asset", "security", "contract", "isin", "cusip",
        "sedol", "figi", "ric", "underlying", "pair", "market", "price", "limitprice",
        "stopprice", "limit", "stop", "entry", "entryprice", "targetprice", "orderprice",
        "ordertype", "stoploss", "takeprofit",
    }
)  # fmt: skip
_KIND_KEYS: Final = frozenset(
    {"type", "kind", "outputtype", "action", "command", "intent", "op", "operation"}
)
_INTENT_KINDS: Final[dict[str, str]] = {
    "orderparameters": RULE_ORDER,
    "orderparameter": RULE_ORDER,
    "order": RULE_ORDER,
    "orders": RULE_ORDER,
    "orderticket": RULE_ORDER,
    "tradeorder": RULE_ORDER,
    "tradeinstruction": RULE_ORDER,
    "tradeticket": RULE_ORDER,
    "executioncommand": RULE_EXECUTION,
    "execution": RULE_EXECUTION,
    "executeorder": RULE_EXECUTION,
    "executetrade": RULE_EXECUTION,
    "execute": RULE_EXECUTION,
    "risklimitchange": RULE_RISK_LIMIT_CHANGE,
    "risklimitupdate": RULE_RISK_LIMIT_CHANGE,
    "risklimit": RULE_RISK_LIMIT_CHANGE,
    "risklimits": RULE_RISK_LIMIT_CHANGE,
    "livetoggle": RULE_LIVE_TOGGLE,
    "livetrading": RULE_LIVE_TOGGLE,
    "livemode": RULE_LIVE_TOGGLE,
    "golive": RULE_LIVE_TOGGLE,
    "portfoliorebalance": RULE_REBALANCE,
    "rebalance": RULE_REBALANCE,
    "rebalancing": RULE_REBALANCE,
    "reallocation": RULE_REBALANCE,
}
_LIVE_ON_KEYS: Final = frozenset(
    {
        "live", "livemode", "livetrading", "liveenabled", "enablelive", "enablelivetrading",
        "golive", "tradinglive", "realmoney",
    }
)  # fmt: skip
_LIVE_OFF_KEYS: Final = frozenset(
    {
        "killswitch", "killswitchenabled", "killswitchon", "dryrun", "papertrading",
        "papermode", "shadowmode", "sandbox", "simulation", "simulate",
    }
)  # fmt: skip
_EXECUTE_KEYS: Final = frozenset(
    {
        "execute", "autoexecute", "executenow", "executeimmediately", "sendtobroker",
        "submitorder", "placeorder", "autotrade",
    }
)  # fmt: skip
_RISK_LIMIT_KEY_PARTS: Final = (
    "risklimit", "drawdownlimit", "positionlimit", "leveragelimit", "losslimit",
    "exposurelimit", "varlimit", "riskbudget", "leveragecap", "positioncap", "maxleverage",
    "maxpositionsize",
)  # fmt: skip
_REBALANCE_KEY_PARTS: Final = (
    "rebalanc", "reallocat", "targetweight", "targetallocation", "newallocation", "newweight",
)  # fmt: skip
_TRUE_WORDS: Final = frozenset({"true", "yes", "on", "1", "enabled", "enable", "live"})
_FALSE_WORDS: Final = frozenset({"false", "no", "off", "0", "disabled", "disable", "none"})


def _object_findings(obj: dict[str, Any]) -> Iterator[tuple[str, str]]:
    # Most objects (scenarios, triggers, risks) have none of the keys any rule looks at,
    # and objects of one shape recur: the answer is cached per tuple of key names.
    if not _may_concern_rules(tuple(obj)):
        return
    keys = {type_key(str(key)): value for key, value in obj.items()}
    sides = [k for k, v in keys.items() if k in _SIDE_KEYS or _is_side(k, v)]
    sizes = [k for k in keys if k in _SIZE_KEYS]
    instruments = [k for k in keys if k in _INSTRUMENT_KEYS]
    if sides and sizes and instruments:
        named = ", ".join((sides[0], sizes[0], instruments[0]))
        yield RULE_ORDER, f"order-like object with {named}"
    for key, value in keys.items():
        if key in _KIND_KEYS and isinstance(value, str):
            rule = _INTENT_KINDS.get(type_key(value))
            if rule is not None:
                yield rule, f"object with {key} {_brief(value)}"
        if key in _LIVE_ON_KEYS and _switch(value) is True:
            yield RULE_LIVE_TOGGLE, f"live-trading setting {key} = {_brief(value)}"
        elif key in _LIVE_OFF_KEYS and _switch(value) is False:
            yield RULE_LIVE_TOGGLE, f"safety setting {key} = {_brief(value)}"
        elif key in _EXECUTE_KEYS and _switch(value) is True:
            yield RULE_EXECUTION, f"execution setting {key} = {_brief(value)}"
        elif value is not None and _RISK_LIMIT_KEY.search(key):
            yield RULE_RISK_LIMIT_CHANGE, f"risk-limit setting {key} = {_brief(value)}"
        elif _REBALANCE_KEY.search(key):
            yield RULE_REBALANCE, f"rebalancing setting {key}"


# One C-level search per key instead of a Python loop over the parts: every key of every
# object of every proposal meets these.
_RISK_LIMIT_KEY: Final = re.compile("|".join(map(re.escape, _RISK_LIMIT_KEY_PARTS)))
_REBALANCE_KEY: Final = re.compile("|".join(map(re.escape, _REBALANCE_KEY_PARTS)))
_KEY_PART: Final = re.compile(
    "|".join(map(re.escape, (*_RISK_LIMIT_KEY_PARTS, *_REBALANCE_KEY_PARTS)))
)


@functools.lru_cache(maxsize=1024)
def _may_concern_rules(names: tuple[Any, ...]) -> bool:
    """Whether any object rule could apply to an object with these key names."""
    keys = [type_key(str(name)) for name in names]
    return not _RULE_KEYS.isdisjoint(keys) or _KEY_PART.search("\n".join(keys)) is not None


# Every key some object rule looks at by name.
_RULE_KEYS: Final = (
    _SIDE_KEYS
    | _ACTION_KEYS
    | _SIZE_KEYS
    | _INSTRUMENT_KEYS
    | _KIND_KEYS
    | _LIVE_ON_KEYS
    | _LIVE_OFF_KEYS
    | _EXECUTE_KEYS
)


def _brief(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _is_side(key: str, value: Any) -> bool:
    return key in _ACTION_KEYS and isinstance(value, str) and type_key(value) in _SIDE_VALUES


def _switch(value: Any) -> bool | None:
    """A JSON value read as an on/off setting; None when it is neither."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return value != 0
    if isinstance(value, str):
        word = type_key(value)
        if word in _TRUE_WORDS:
            return True
        if word in _FALSE_WORDS:
            return False
    return None
