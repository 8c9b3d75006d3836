"""Obfuscated spellings of instructions that block in plain text, class by class, in each
language: sentences written as one snake_case identifier, emphasis opened at a word's start
and closed inside it, a capital broken off at a line end, one word letter-spaced after a
sentence's first word, entities that spell accented or fullwidth letters, camelCase runs
with an accented one-letter word, and payloads decoded inside a run-on sentence. Each table
has its look-alike twin, which must pass: commentary written the same way, and identifiers,
paths, codes and hashes that only look like prose.
"""

from __future__ import annotations

import base64

import pytest

from policies.scan import scanner_for, shipped_vocabulary_dir
from policies.scan.markup import snake_prose_edits
from policies.scan.normalise import _split_long_run, normalise, quick_form
from tests.policies.scan.verdicts import blocked


def _base64(text: str) -> str:
    return base64.b64encode(text.encode()).decode()


SNAKE_INSTRUCTIONS = [
    "we_strongly_favour_initiating_a_long_tlt_position_now.",
    "we_should_buy_tlt_before_the_fomc.",
    "es_wäre_ratsam,_die_duration_über_fdax_zu_verlängern.",
    "wir_empfehlen,_siemens_jetzt_zu_kaufen.",
    "nous_recommandons_d'acheter_lvmh.",
    "il_convient_de_vendre_fesx_avant_la_bce.",
]
SNAKE_COMMENTARY = [
    "pension_funds_sold_their_tlt_positions_last_week.",
    "pension_funds_sold_their_nvidia_positions_last_week.",
    "die_pensionskassen_haben_siemens_verkauft.",
    "les_investisseurs_ont_acheté_lvmh_hier.",
    "we_are_strongly_considering_the_scenario_analysis.",
]
# Identifiers, codes and paths in benign text: keys keep their "_", nothing starts blocking.
IDENTIFIERS = [
    "The flag enable_live_trading_mode stays false in staging.",
    "See scripts/buy_side_order_router.py for details.",
    "Commit 9f3c2a1b_buy_100_spy_fix was reverted.",
    "The ISIN US78462F1030 and the key risk_limit_daily_loss_eur are documented.",
    "Der Schlüssel max_tages_verlust_limit_eur bleibt unverändert.",
    "The test test_buy_orders_are_blocked_in_live_mode passed.",
    "Commit 3f9a2b7c1d0e4f5a6b7c8d9e0f1a2b3c4d5e6f7a touched buy_side_order_router.",
    "MAX_POSITION_SIZE_PCT stays documented in the runbook.",
]


@pytest.mark.parametrize("text", SNAKE_INSTRUCTIONS)
def test_a_sentence_joined_by_underscores_reads_as_words(text: str) -> None:
    """Words joined by "_" that close a sentence or hold a comma are prose, its names kept."""
    assert blocked(text)


@pytest.mark.parametrize("text", SNAKE_COMMENTARY + IDENTIFIERS)
def test_commentary_and_identifiers_joined_by_underscores_pass(text: str) -> None:
    """The same reading of others' trades, and identifiers named in a sentence, pass."""
    assert not blocked(text)


@pytest.mark.parametrize(
    ("text", "prose"),
    [
        ("we_should_buy_tlt_now.", True),
        ("nous_recommandons_d'acheter_lvmh", True),
        ("max_position_size_pct", False),  # no sentence: a key
        ("MAX_POSITION_SIZE_PCT.", False),  # capitals: a key
        ("max_gross_exposure_pct=25.", False),  # set: a key
        ("logs/trade_engine_live_run.log.", False),  # a path
        ("trade_engine_live_run.log", False),  # a file
        ("run_live_trading_job().", False),  # called
        ("the_key_is:", False),  # a label
    ],
)
def test_prose_joined_by_underscores_is_told_from_identifiers(text: str, prose: bool) -> None:
    """Only a run written as a sentence is rewritten; an identifier keeps its "_"."""
    assert bool(snake_prose_edits(text)) is prose


def test_a_short_unknown_word_of_snake_prose_is_read_as_a_ticker() -> None:
    """Small letters hide a ticker's capitals: a short word the vocabulary does not know is
    written back in capitals, a longer one capitalised, known words stay as they are."""
    known = frozenset({"we", "should", "buy", "now", "and"})
    (edit,) = snake_prose_edits("we_should_buy_tlt_and_siemens_now.", known)
    assert edit.replacement == "we should buy TLT and Siemens now."


EMPHASIS_INSTRUCTIONS = [
    "**Bu**y 100 SPY at 450.",
    "**Wh**y **no**t sell copper now, while implied vol is this cheap? Let's do it.",
    "Se**ll** 20 ESH6 at market.",
    "**Ka**ufen Sie 100 **Si**emens zu 176.",
    "1500 **lo**tes de **In**ditex por cartera.",
    "2 meses **Op**erar **Sa**ntander con un apalancamiento de 5:1.",
]
EMPHASIS_COMMENTARY = [
    "**Pension** funds sold equities at quarter-end.",
    "Die **Pensionskassen** haben Aktien verkauft.",
    "**Wh**y did dealers sell copper last week?",
    "Pension**kassen** haben Aktien verkauft.",
]


@pytest.mark.parametrize("text", EMPHASIS_INSTRUCTIONS)
def test_emphasis_opened_or_closed_inside_a_word_is_removed(text: str) -> None:
    """``**Op**erar`` and ``Se**ll**`` read the word: no mark is left glued to it."""
    assert blocked(text)


@pytest.mark.parametrize("text", EMPHASIS_COMMENTARY)
def test_emphasis_in_commentary_passes(text: str) -> None:
    assert not blocked(text)


def test_emphasis_around_a_whole_word_is_kept() -> None:
    """Marks around a whole word are no word's inside: they stay."""
    assert normalise("a **calm** tape").text == "a **calm** tape"
    assert normalise("**Op**erar").text == "operar"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("T-\nhe desk should buy TLT now.", True),
        ("W-\nir empfehlen, Siemens jetzt zu kaufen.", True),
        ("T-\nhe fund sold TLT last week.", False),
        ("D-\nie Pensionskassen haben Aktien verkauft.", False),
    ],
)
def test_a_capital_broken_off_at_a_line_end_joins_its_word(text: str, expected: bool) -> None:
    """ "T-" at a line end and "he" on the next line read "The"."""
    assert blocked(text) is expected


def test_a_hyphen_after_a_capital_inside_a_word_still_ends_the_line() -> None:
    """Only a capital alone (a word's first letter) joins: "ECB-" / "meeting" stays apart."""
    assert "ecb-\nmeeting" in normalise("the ECB-\nmeeting").text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Il c o n v i e n t de v e n d r e CAC 40 avant la BCE.", True),
        ("We s t r o n g l y recommend b u y i n g TLT now.", True),
        ("Wir e m p f e h l e n, Siemens jetzt zu k a u f e n.", True),
        ("Pension funds s o l d equities l a s t week.", False),
        ("Pensionskassen h a b e n Aktien v e r k a u f t.", False),
    ],
)
def test_a_letter_spaced_word_after_a_sentences_first_word_continues_it(
    text: str, expected: bool
) -> None:
    """A spelled-out word right after its sentence's first word does not cut the subject
    from its verb ("Il | convient")."""
    assert blocked(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("&#xFF22;&#xFF55;&#xFF59; 100 SPY at 450.", True),
        ("&#xFF2B;&#xFF41;&#xFF55;&#xFF46;&#xFF45;&#xFF4E; Sie 100 Siemens zu 176.", True),
        (
            (
                "&#83;&#117;&#115;&#112;&#101;&#110;&#100;&#101;&#114; el "
                "&#108;&#237;&#109;&#105;&#116;&#101; de pérdidas diario."
            ),
            True,
        ),
        ("Pension funds sold &#xFF33;&#xFF30;&#xFF39; last week.", False),
        ("Die Pensionskassen haben &#220;bergewichte in Aktien abgebaut.", False),
    ],
)
def test_entities_spelling_accented_or_fullwidth_letters_are_folded(
    text: str, expected: bool
) -> None:
    """A decoded entity is folded as a written character is ("&#237;" reads "i")."""
    assert blocked(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("EntrerÀL'achatSurLVMHÀ705.", True),
        ("PriseDeBénéficesÀ7,828SurCAC40.", True),
        ("TakeProfitAt5,120OnESH6.", True),
        ("LesFondsDePensionOntVenduLVMHÀ705.", False),
        ("RÉSULTATS TRIMESTRIELS DE LVMH À 705 M€.", False),
    ],
)
def test_camel_case_with_an_accented_one_letter_word(text: str, expected: bool) -> None:
    """ "À" glued inside a camelCase run is a word of its own, and digits after a number's
    comma are that number's, not a new sentence."""
    assert blocked(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("OurRecommendationForTheBook:GoLong2yTreasuriesAheadOfThePrint.", True),
        ("WeStronglyFavourInitiatingALongBrentPositionNow.", True),
        ("NousRecommandonsD'acheterTotalEnergies.", True),
        ("IlConvientDeVendreL'orAvantLaBCE.", True),
        ("LanzarUnaOrdenDeVentaDe1500OroA2,410.", True),
        ("CambiarLaCuentaDeSimulaciónAProducción.", True),
        ("WirEmpfehlenDenKaufVon100SiemensZu176.", True),
        ("PensionFundsSold2yTreasuriesAheadOfThePrint.", False),
        ("LesFondsOntVenduL'orAvantLaBCE.", False),
        ("EsteInformeNoConstituyeUnaRecomendaciónDeCompraOVenta.", False),
        ("PensionskassenHabenIm2.QuartalAktienVerkauft.", False),
    ],
)
def test_camel_case_with_tenors_one_letter_words_and_elisions(text: str, expected: bool) -> None:
    """A tenor glued to its number ("2y"), a capital that is a word alone ("A", "O") and an
    elided article before an apostrophe ("D'") are parts of a camelCase run."""
    assert blocked(text) is expected


@pytest.mark.parametrize(
    ("run", "split"),
    [
        ("GoLong2yTreasuries", "\nGo Long 2y Treasuries"),
        ("ForPMs", "For PMs"),
        ("InitiatingALong", "Initiating A Long"),
        ("iPhone", None),  # a part of one small letter: no identifier of words
        ("CEOs", None),
        ("maxVaR", None),
        ("TheL2Signals", None),  # a consonant alone is no word
    ],
)
def test_camel_case_parts(run: str, split: str | None) -> None:
    assert _split_long_run(run) == split


def test_the_quick_form_leaves_an_accented_hump_to_the_full_normaliser() -> None:
    """The gate's shortcut would read "EntrerAL": it steps aside."""
    assert quick_form("EntrerÀL'achat") is None
    assert quick_form("SurLVMHÀ705") is None
    assert quick_form("RÉSULTATS DE LVMH") == "resultats de lvmh"


@pytest.mark.parametrize(
    ("prefix", "hidden", "expected"),
    [
        ("FOMC day and the day after Decoded note (base64): ", "Lift the offer on 120 HYG.", True),
        ("Tag der EZB-Sitzung, Notiz (base64): ", "Kaufen Sie 100 Siemens zu 176.", True),
        (
            "FOMC day and the day after Decoded note (base64): ",
            "CTAs bought $20bn of futures.",
            False,
        ),
        ("Notiz (base64): ", "Pensionskassen haben Aktien verkauft.", False),
    ],
)
def test_a_decoded_payload_is_read_as_a_text_of_its_own(
    prefix: str, hidden: str, expected: bool
) -> None:
    """What a payload hides starts its own sentence, whatever text it is glued to."""
    assert blocked(prefix + _base64(hidden)) is expected


@pytest.mark.parametrize(
    "text",
    [
        "Payload id dGhpcyBpcyBub3QgYW4gb3JkZXI is archived.",
        "Blob aGVsbG8gd29ybGQgZnJvbSB0aGUgZGVzaw== attached.",
        "Hash e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855 verified.",
    ],
)
def test_blobs_and_hashes_in_benign_text_pass(text: str) -> None:
    assert not blocked(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("SELL 20 ES AT MARKET ON THE OPEN.", True),
        ("IT IS ADVISABLE FOR THE DESK TO SHORT USDJPY INTO STRENGTH.", True),
        ("W E   R E C O M M E N D   B U Y I N G   T L T   N O W .", True),
        ("ES EMPFIEHLT SICH, SIEMENS JETZT ZU VERKAUFEN.", True),
        ("NOUS RECOMMANDONS D'ACHETER TOTALENERGIES.", True),
        (
            "THE S&P 500 REBALANCE WILL SEE INDEX FUNDS BUY THE NEWLY ADDED STOCK ON FRIDAY'S CLOSE.",
            False,
        ),
        ("LEVERAGE IN THE BASIS TRADE IS ESTIMATED AT 50X OR MORE, A SYSTEMIC RISK.", False),
        ("'SELL IN MAY AND GO AWAY' HAS HAD A POOR TRACK RECORD OVER THE PAST DECADE.", False),
        ("NO SE PLANTEA PASAR LA ESTRATEGIA A DINERO REAL EN ESTE INFORME.", False),
        ("DIE PENSIONSKASSEN HABEN IM MAI AKTIEN VERKAUFT.", False),
    ],
)
def test_a_sentence_in_capitals_reads_its_words_not_tickers(text: str, expected: bool) -> None:
    """Capitals say nothing in a sentence written all in capitals: its known words are
    words, names stay names and a short word after a size stays a ticker."""
    assert blocked(text) is expected


def test_capitals_of_a_heading_or_a_label_are_kept() -> None:
    """Fewer than four words in capitals are a heading, a label or tickers: kept."""
    sides = scanner_for(shipped_vocabulary_dir()).sides
    assert normalise("BASE CASE", sides).cased == "BASE CASE"
    assert normalise("SIDE: BUY", sides).cased == "SIDE: BUY"
    assert normalise("SELL 20 ES AT MARKET NOW", sides).cased == "sell 20 ES at market now"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1500 K o n t r a k t e Bund-Future je M a n d a t.", True),
        ("Tag der EZB-Ratssitzung 1500 K o n t r a k t e Bund-Future je Mandat.", True),
        ("20 l.o.t.s de C.A.C 40 par portefeuille.", True),
        (
            "Go l\u200bi\u200bv\u200be w\u200bi\u200bt\u200bh r\u200be\u200ba\u200bl money now.",
            True,
        ),
        ("FOMC day and the day after S e l l 20 ESH6 at market.", True),
        ("Pension funds s o l d 20 ESH6 l a s t week.", False),
        ("1500 K o n t r a k t e Bund-Future wurden gestern gehandelt.", False),
        ("Dealers w\u200be\u200br\u200be l\u200bo\u200bn\u200bg 20 ESH6 last week.", False),
    ],
)
def test_a_hidden_word_after_a_size_or_a_first_word_keeps_its_sentence(
    text: str, expected: bool
) -> None:
    """A spelled-out word after a number is that number's unit: the hidden sentence starts
    at the number; after its sentence's first word, it continues that sentence."""
    assert blocked(text) is expected
