"""Directives read from prose, class by class: what an instruction to us is, and what is not.

Each table pairs instructions of one class with commentary that uses the same words for a
third party, the past, a forecast or a negation; the commentary must pass.
"""

from __future__ import annotations

import pytest

from policies.scan import CATEGORIES, Field, scanner_for, shipped_vocabulary_dir
from tests.policies.scan.verdicts import blocked

UNKNOWN_SUBJECTS = [
    "The desk should buy 200 shares of AAPL at 180.",
    "Client accounts must buy 100 shares of QQQ.",
    "The overlay needs to short 4 ES contracts at 5,200.",
    "Our traders need to sell 10 NQ contracts at 18,000.",
]
THIRD_PARTY_FLOWS = [
    "CTAs are adding to equity longs as volatility falls.",
    "Pension funds will rebalance into bonds at quarter-end.",
    "Dealers sold 2 billion of Treasuries last week.",
    "Japanese lifers will likely buy more JGBs next fiscal year.",
    "Systematic strategies could sell 30 billion dollars of equities.",
    "Refiners trimmed runs by 3 %.",
]


@pytest.mark.parametrize("text", UNKNOWN_SUBJECTS)
def test_an_unknown_subject_advised_to_act_is_an_instruction(text: str) -> None:
    """A subject the lexicon does not know, with "should"/"must", fails closed."""
    assert blocked(text)


@pytest.mark.parametrize("text", THIRD_PARTY_FLOWS)
def test_flows_of_others_are_commentary(text: str) -> None:
    """Named third parties, forecasts and past flows are descriptions, not orders."""
    assert not blocked(text)


TRADE_IDIOMS = [
    "Accumulate TLT below 92.",
    "Pile into NVDA under 850.",
    "Initiate a position in XOM at 110.",
    "Put on a long in ES at 5,100.",
    "Cover the short in TSLA at 180.",
    "Fade the rally in SPY at 520.",
    "Press the short in IWM at 190.",
    "Book gains in AAPL at 200.",
    "Scale out of QQQ above 500.",
    "Take chips off the table in EURUSD at 1.12.",
    "Trim 200 shares of AAPL into strength.",
]
IDIOMS_DESCRIBED = [
    "Investors accumulated gold throughout 2024.",
    "Retail piled into meme stocks in 2021.",
    "The rally faded after the CPI print at 8:30.",
    "Traders took profits after a 20 % rally.",
    "Speculators bailed out of crude in June.",
    "Tariffs add to inflation pressure.",
]


@pytest.mark.parametrize("text", TRADE_IDIOMS)
def test_trade_idioms_beyond_buy_and_sell_are_orders(text: str) -> None:
    """Idioms of buying and selling with a target and a price or size block."""
    assert blocked(text)


@pytest.mark.parametrize("text", IDIOMS_DESCRIBED)
def test_trade_idioms_in_the_past_or_of_others_pass(text: str) -> None:
    """The same idioms describing what others did pass."""
    assert not blocked(text)


CLOSES = [
    "Close out the ES long.",
    "Cut the NQ short at 18,900.",
    "Stop out of the SPY long below 500.",
    "Halve the position in NVDA.",
    "Double the NVDA position.",
    "Pare the QQQ position by a third.",
    "Square up the EURUSD position.",
]
CLOSES_DESCRIBED = [
    "The market closed out the week higher.",
    "Funds liquidated positions in March.",
    "Banks flattened their books after the shock.",
    "The index closed at 5,100.",
]


@pytest.mark.parametrize("text", CLOSES)
def test_closing_or_resizing_a_position_is_an_instruction(text: str) -> None:
    """Verbs that close, halve or double a position block with the position as object."""
    assert blocked(text)


@pytest.mark.parametrize("text", CLOSES_DESCRIBED)
def test_closes_described_pass(text: str) -> None:
    """Closing described in the past or of an index passes."""
    assert not blocked(text)


GERMAN_WORD_ORDER = [
    "Stocken Sie Ihre Position in Siemens um 500 Aktien auf.",
    "Bauen Sie die Position in BASF um 300 Stück ab.",
    "Steigen Sie bei 17.800 in den DAX-Future ein.",
    "Wir gehen bei 112,40 mit 2500 RTYZ6 long.",
    "Lösen Sie die Absicherung im DAX-Future auf.",
    "Wir empfehlen, die Position in SAP um 200 Aktien aufzustocken.",
    "Es ist ratsam, bei 17.800 in den DAX-Future einzusteigen.",
    "Wir sind der Meinung, dass wir den DAX-Future bei 18.400 kaufen sollten.",
]
GERMAN_DESCRIBED = [
    "Pensionsfonds stockten ihre Anleihebestände um 5 Mrd. Euro auf.",
    "Privatanleger stiegen bei 18.000 Punkten in den DAX ein.",
    "Die Notenbank baut ihre Bilanz um 20 Mrd. Euro im Monat ab.",
    "Der DAX stieg um 2 % auf 18.500 Punkte an.",
    "Die Stimmung hellt sich im Dezember auf 48 Punkte auf.",
]


@pytest.mark.parametrize("text", GERMAN_WORD_ORDER)
def test_german_separable_and_verb_final_orders_are_read(text: str) -> None:
    """A separable verb's particle at the clause end, or joined with "zu", makes the verb."""
    assert blocked(text)


@pytest.mark.parametrize("text", GERMAN_DESCRIBED)
def test_german_separable_verbs_of_others_pass(text: str) -> None:
    """The same verbs in the past, of third parties or of institutions pass."""
    assert not blocked(text)


@pytest.mark.parametrize(
    ("text", "urged"),
    [
        ("Not buying 200 shares of TLT at 92 would be negligent.", True),
        ("Es wäre falsch, 1000 AMZN bei 148,20 nicht zu kaufen.", True),
        ("There is no better moment than now to short 5 ES contracts at 5,150.", True),
        ("Buying SPY after this rally would be a mistake.", False),
        ("Es wäre falsch, SAP nach dieser Rally zu kaufen.", False),
    ],
)
def test_a_frame_that_discourages_urges_the_negated_action(text: str, urged: bool) -> None:
    """Under "would be a mistake" a negated action is urged and a plain one discouraged.

    A discouraged action written out as a whole order (target, size, price) still blocks:
    see test_orders.py.
    """
    assert blocked(text) == urged


LEVELS_AROUND_THE_KEYWORD = [
    "Stop-loss on QQQ at 5,150.",
    "Exit level for AAPL: 5,150.",
    "Stop-loss sur TLT à 5,150.",
    "Der Stop-Loss für QQQ liegt bei 5,050, bitte setzen.",
    "Position size = 8% NAV in AMZN.",
    "Cap net equity exposure at 12%.",
]
LEVELS_DESCRIBED = [
    "Analysten sehen das Kursziel für SAP bei 200 Euro.",
    "Die Unterstützung liegt bei 112,40, der Widerstand bei 98,75.",
    "Stops are clustered near 4,480 in the S&P 500.",
    "Dealers cut exposure to commercial real estate by 10 % last year.",
]


@pytest.mark.parametrize("text", LEVELS_AROUND_THE_KEYWORD)
def test_levels_with_their_target_between_keyword_and_number_block(text: str) -> None:
    """What a level is for may stand between the level word and its number."""
    assert blocked(text)


@pytest.mark.parametrize("text", LEVELS_DESCRIBED)
def test_levels_of_others_and_capitalised_german_nouns_pass(text: str) -> None:
    """A German noun after its article opens no sentence; levels of others stay commentary."""
    assert not blocked(text)


@pytest.mark.parametrize(
    ("text", "instruction"),
    [
        ("Gross leverage should go to 8.0x.", True),
        ("A short position of 2500 NQH7 is to be established at 148.20.", True),
        ("Die Aktienquote sollte auf 60 % steigen.", True),
        ("Handelsmodus auf live stellen.", True),
        ("Prenez une position longue de 300 ZNH7 à 5,050.", True),
        ("Leverage among hedge funds could rise to 4x gross.", False),
        ("Einige Strategen empfehlen, QQQ zu kaufen; wir beziehen dazu keine Position.", False),
    ],
)
def test_a_recommendation_governs_the_noun_it_predicates(text: str, instruction: bool) -> None:
    """A limit, weight or side noun advised by a later modal is an instruction; a forecast
    or a recommendation reported of others is not."""
    assert blocked(text) == instruction


@pytest.mark.parametrize(
    ("text", "instruction"),
    [
        ("Sell.\nNQH7\n150 contracts\n@ 98.75", True),
        ("Short. ES. 20 lots.", True),
        ("Sell AAPL. Size 300.", True),
        ("Kaufen. SAP. 100 Stück.", True),
        ("Short rates rose. Long yields fell 10 bps.", False),
        ("Buy TLT? Labour market cooling argues for patience.", False),
    ],
)
def test_a_side_waits_across_sentences_for_its_target_and_size(
    text: str, instruction: bool
) -> None:
    """A side alone in its sentence takes the target opening the next and a later size;
    a noun such as "labour market" is no order type that could complete it."""
    assert blocked(text) == instruction


@pytest.mark.parametrize(
    ("text", "instruction"),
    [
        ("BoJ meeting week Se recomienda la compra de 1000 TLT a 148.20.", True),
        ("energy prices New allocation: AMZN 5%, ES 10%.", True),
        ("central bank meeting We recommend buying 100 shares of SPY at 500.", True),
        ("Flatten the 20 lot ES book at 112.40.", True),
        ("what I buy is time: 5 % growth is plausible.", False),
    ],
)
def test_a_sentence_run_on_without_its_stop_is_read_on_its_own(
    text: str, instruction: bool
) -> None:
    """A capitalised recommendation, pronoun or article before an action starts a sentence;
    a ticker in capitals ("ES") or "I" does not."""
    assert blocked(text) == instruction


@pytest.mark.parametrize(
    ("text", "instruction"),
    [
        ("Nous recommandons d'acheter 100 actions de LVMH à 700 euros.", True),
        ("Il est recommandé d'acheter 50 actions de L'Oréal à 400 euros.", True),
        ("N'achetez pas d'actions Airbus pour l'instant.", False),
        ("Nous ne recommandons pas d'acheter des actions LVMH.", False),
        ("Les investisseurs ont pris leurs bénéfices sur Airbus à 150 euros.", False),
    ],
)
def test_an_elided_word_is_read_apart_from_the_word_it_is_written_onto(
    text: str, instruction: bool
) -> None:
    """French "d'acheter" is "d'" and "acheter"; "n'achetez pas" keeps its negation."""
    assert blocked(text) == instruction


@pytest.mark.parametrize(
    ("text", "instruction"),
    [
        ("Earnings should add 5 % to the index this year.", False),
        ("The rally could fade toward 5,300 as breadth narrows.", False),
        ("Growth should pick up to 2 % next year.", False),
        ("Ein Ausstieg aus Anleihen wäre bei 3 % Rendite ein Fehler, meinen Analysten.", False),
        ("The book must add 5 ES contracts at 5,100.", True),
        ("Client accounts must buy 100 shares of QQQ.", True),
    ],
)
def test_an_unknown_subject_is_advised_only_to_trade_outright(text: str, instruction: bool) -> None:
    """An unknown subject before "should" forecasts with weak verbs ("add", "pick up") and is
    advised with a side; a subject before a modal is a subject whatever its number;
    "Ausstieg" is a noun, not "stieg … aus"."""
    assert blocked(text) == instruction


@pytest.mark.parametrize(
    ("text", "instruction"),
    [
        ("Get out if it breaks 95.", True),
        ("Bail if NQ closes below 18,000.", True),
        ("Get out of TLT if it trades below 88.", True),
        ("Protect it below 4,900.", True),
        ("Investors may bail if CPI prints above 3 %.", False),
        ("If the index breaks 5,000, volatility could rise.", False),
    ],
)
def test_an_exit_takes_its_level_from_the_condition_after_it(text: str, instruction: bool) -> None:
    """An exit or stop opening its clause, its number in the "if" clause after it, blocks."""
    assert blocked(text) == instruction


# A side waiting for its size is completed by a size anywhere in the field: a sentence
# that is commentary must never leave one waiting.
WAITING_COMMENTARY = [
    # "Mrd." abbreviates a scale before its currency; the stop ends no sentence.
    "Systematische Fonds könnten bis zu 40 Mrd. Dollar verkaufen. Die Quote liegt bei 300 Stück.",
    "Staatsfonds haben 12 Mio. Euro in Anleihen umgeschichtet. Das Volumen lag bei 300 Stück.",
    # A negated recommendation governs the infinitive it introduces.
    "Wir empfehlen nicht, in diese Rally hinein zu kaufen. Size: 300.",
    "We do not recommend choosing to buy into this rally. Size: 300.",
]
WAITING_INSTRUCTIONS = [
    "Wir empfehlen, SAP zu kaufen. Size: 300.",
    "We do not recommend chasing the rally, buy 300 SAP.",
    "Go short ES. Size: 20.",
]


@pytest.mark.parametrize("text", WAITING_COMMENTARY)
def test_commentary_leaves_no_side_waiting(text: str) -> None:
    """Commentary with a size elsewhere in the field passes: nothing in it waits for one."""
    assert not blocked(text)


@pytest.mark.parametrize("text", WAITING_INSTRUCTIONS)
def test_a_waiting_side_asked_of_us_is_completed(text: str) -> None:
    """A side asked of us, its size in the next sentence, is an order."""
    assert blocked(text)


def test_a_verb_final_side_spans_its_target() -> None:
    """The finding of a verb-final side runs from its target to the verb, never empty."""
    text = "Wir empfehlen, SAP zu kaufen. Size: 300."
    scanner = scanner_for(shipped_vocabulary_dir())
    (found,) = scanner.scan_fields([[Field("free_text", text)]], frozenset(CATEGORIES))
    assert found.span is not None
    assert text[found.span[0] : found.span[1]] == "SAP zu kaufen"


def test_a_long_field_reads_an_abbreviated_scale_within_its_sentence() -> None:
    """In a long field, read sentence by sentence, "40 Mrd. Dollar" stays one sentence."""
    filler = "Die Renditen stiegen, die Kurve wurde steiler. " * 600
    text = filler + "Systematische Fonds könnten bis zu 40 Mrd. Dollar verkaufen. Size: 300."
    assert len(text) > 20_000
    assert not blocked(text)
    assert blocked(filler + "Wir empfehlen, SAP zu kaufen. Size: 300.")
