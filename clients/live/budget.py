"""The budget ledger: every live call's cost, reserved before it is sent, in SQLite.

One database file (``budget.sqlite3``) under the state directory holds every reservation
of every process on the machine. Before each request the caller reserves the call's worst
case; the reservation is checked against the per-run, the daily and the monthly limit and
inserted in **one** ``BEGIN IMMEDIATE`` transaction, which takes SQLite's write lock first:
two reservations, in one process or in many, can never both see the same room. After the
answer the reservation is *settled* to what the call really cost.

Each reservation carries a ``charge``: its worst case while open, its real cost once
settled. Spend in a period is the sum of charges, so open calls count at their worst case
and no limit can be overshot while they run. A reservation whose process died never
settles; after its lease it is marked *expired* and stays charged at its worst case,
because nobody knows whether the provider billed the call. Expiry never makes room, so a
slow call whose lease ran out cannot be overtaken: when it settles late, its real cost
replaces the worst case as usual.

Money is kept in integer micro-dollars (the registry's prices round to six decimals), so
sums are exact. Days and months are UTC, from the injected clock. The schema is versioned
with SQLite's ``user_version``. The database is WAL-journalled; a reservation is committed
with a full sync (once granted, it survives a power cut), a settlement without one: losing
a settlement to a power cut leaves its reservation charged at the worst case, which errs
on the safe side, and saves one disk flush per call.
"""

from __future__ import annotations

import os
import sqlite3
import threading
import uuid
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Final, Literal, Self

import msgspec
import platformdirs
from tenacity import Retrying, retry_if_exception, stop_after_delay, wait_random

from clients.live.events import BudgetAlert, Observer, emit, ignore
from orchestrator.core.clock import Clock
from orchestrator.core.config import BudgetConfig
from orchestrator.core.errors import BudgetExhausted, BudgetScope, ConfigError

__all__ = [
    "LEDGER_FILE",
    "SCHEMA_VERSION",
    "STATE_DIR_ENV",
    "BudgetLedger",
    "BudgetSummary",
    "OpenReservation",
    "PeriodSpend",
    "Reservation",
    "SettleBasis",
    "default_state_dir",
]

SCHEMA_VERSION: Final = 1
LEDGER_FILE: Final = "budget.sqlite3"
STATE_DIR_ENV: Final = "PILOT_STATE_DIR"
APP_NAME: Final = "market-outlook-pilot"

SettleBasis = Literal["usage", "no_charge", "worst_case"]

_MICRO: Final = 1_000_000

_SCHEMA: Final = """
CREATE TABLE reservations (
    id TEXT PRIMARY KEY,
    run_id TEXT NOT NULL,
    model_id TEXT NOT NULL,
    day TEXT NOT NULL,
    month TEXT NOT NULL,
    reserved_micros INTEGER NOT NULL CHECK (reserved_micros >= 0),
    charge_micros INTEGER NOT NULL CHECK (charge_micros >= 0),
    state TEXT NOT NULL CHECK (state IN ('open', 'settled', 'expired')),
    basis TEXT,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    settled_at TEXT
);
CREATE INDEX reservations_by_day ON reservations (day);
CREATE INDEX reservations_by_month ON reservations (month);
CREATE INDEX reservations_by_run ON reservations (run_id);
CREATE INDEX reservations_by_state ON reservations (state, expires_at);
CREATE TABLE alerts (
    period TEXT NOT NULL CHECK (period IN ('day', 'month')),
    period_id TEXT NOT NULL,
    threshold_pct REAL NOT NULL,
    committed_micros INTEGER NOT NULL,
    limit_micros INTEGER NOT NULL,
    raised_at TEXT NOT NULL,
    PRIMARY KEY (period, period_id)
);
"""


def default_state_dir(environ: Mapping[str, str] | None = None) -> Path:
    """``$PILOT_STATE_DIR``, else the platform's user state directory for the pilot."""
    env = os.environ if environ is None else environ
    configured = env.get(STATE_DIR_ENV)
    if configured:
        return Path(configured)
    return Path(platformdirs.user_state_dir(APP_NAME))


def _stamp(instant: datetime) -> str:
    # One fixed width, so that stored instants compare correctly as text in SQL.
    return instant.isoformat(timespec="microseconds")


def _micros(usd: float) -> int:
    return round(usd * _MICRO)


def _usd(micros: int) -> float:
    return micros / _MICRO


class Reservation(msgspec.Struct, frozen=True, kw_only=True):
    """A granted reservation: settle it with :meth:`BudgetLedger.settle`."""

    reservation_id: str
    run_id: str
    model_id: str
    amount_usd: float


class PeriodSpend(msgspec.Struct, frozen=True, kw_only=True):
    """One UTC day or month: ``committed`` = settled costs + open worst cases."""

    period_id: str
    limit_usd: float
    settled_usd: float
    reserved_usd: float
    committed_usd: float
    left_usd: float


class OpenReservation(msgspec.Struct, frozen=True, kw_only=True):
    reservation_id: str
    run_id: str
    model_id: str
    amount_usd: float
    created_at: str
    expires_at: str
    expired: bool


class BudgetSummary(msgspec.Struct, frozen=True, kw_only=True):
    """What ``pilot budget`` shows: today, this month, and the reservations not settled."""

    at: str
    ledger: str
    schema_version: int
    per_run_limit_usd: float
    alert_threshold_pct: float
    today: PeriodSpend
    month: PeriodSpend
    unsettled: tuple[OpenReservation, ...]


class BudgetLedger:
    """The process's handle on the ledger; safe to share between threads and tasks.

    The methods block (on SQLite's lock, across processes): async callers run them in a
    worker thread (``anyio.to_thread.run_sync``). Alerts go to the observer of the call
    that raised them, not to one of the ledger's: the runs of a batch share one ledger, and
    each alert belongs in the evidence of the run whose call crossed the threshold.
    """

    def __init__(
        self,
        path: Path,
        budget: BudgetConfig,
        *,
        clock: Clock,
        new_id: Callable[[], str] = lambda: uuid.uuid4().hex,
        lock_timeout_s: float = 30.0,
    ) -> None:
        self.path = path
        self.budget = budget
        self.clock = clock
        self._new_id = new_id
        self._lock = threading.Lock()
        self._db = _connect(path, lock_timeout_s)

    @classmethod
    def in_state_dir(cls, state_dir: Path, budget: BudgetConfig, *, clock: Clock) -> BudgetLedger:
        """The ledger under ``state_dir``, created (private to the user) when missing."""
        try:
            state_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        except OSError as exc:
            raise ConfigError(
                f"state directory {state_dir} cannot be created: {exc.strerror}", path=state_dir
            ) from exc
        return cls(state_dir / LEDGER_FILE, budget, clock=clock)

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # --- reserve and settle ------------------------------------------------------------

    def reserve(
        self,
        *,
        run_id: str,
        model_id: str,
        amount_usd: float,
        lease_s: float,
        observer: Observer = ignore,
    ) -> Reservation:
        """Reserve ``amount_usd`` for one request, or raise :class:`BudgetExhausted`.

        The limits are checked in the order run, day, month; the refusal names the first
        one that does not have room. An alert this reservation raises goes to ``observer``.
        """
        now = self._now()
        day, month = now.date().isoformat(), now.strftime("%Y-%m")
        amount = _micros(amount_usd)
        reservation_id = self._new_id()
        alerts: list[BudgetAlert] = []
        with self._transaction(durable=True) as db:
            self._expire(db, now)
            limits: tuple[tuple[BudgetScope, str, str, float], ...] = (
                ("run", "run_id", run_id, self.budget.run_limit_usd),
                ("day", "day", day, self.budget.daily_cost_limit_usd),
                ("month", "month", month, self.budget.monthly_cost_limit_usd),
            )
            for scope, column, key, limit_usd in limits:
                committed = _committed(db, column, key)
                left = max(_micros(limit_usd) - committed, 0)
                if amount > left:
                    raise _refusal(scope, key, amount, left, limit_usd, model_id)
            db.execute(
                "INSERT INTO reservations (id, run_id, model_id, day, month, reserved_micros,"
                " charge_micros, state, created_at, expires_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, 'open', ?, ?)",
                (
                    reservation_id,
                    run_id,
                    model_id,
                    day,
                    month,
                    amount,
                    amount,
                    _stamp(now),
                    _stamp(now + timedelta(seconds=lease_s)),
                ),
            )
            alerts = self._alerts(db, now, day, month)
        for alert in alerts:
            emit(observer, alert)
        return Reservation(
            reservation_id=reservation_id,
            run_id=run_id,
            model_id=model_id,
            amount_usd=_usd(amount),
        )

    def settle(
        self,
        reservation: Reservation,
        *,
        cost_usd: float,
        basis: SettleBasis,
        observer: Observer = ignore,
    ) -> float:
        """Replace the reservation's worst case with what the call cost; returns that cost.
        An alert the settlement raises goes to ``observer``."""
        now = self._now()
        charge = _micros(cost_usd)
        alerts: list[BudgetAlert] = []
        with self._transaction(durable=False) as db:
            row = db.execute(
                "SELECT day, month FROM reservations WHERE id = ?", (reservation.reservation_id,)
            ).fetchone()
            if row is None:
                raise BudgetExhausted(
                    f"reservation {reservation.reservation_id} is not in the ledger {self.path}",
                    scope="ledger",
                )
            db.execute(
                "UPDATE reservations SET charge_micros = ?, state = 'settled', basis = ?,"
                " settled_at = ? WHERE id = ?",
                (charge, basis, _stamp(now), reservation.reservation_id),
            )
            alerts = self._alerts(db, now, row[0], row[1])
        for alert in alerts:
            emit(observer, alert)
        return _usd(charge)

    # --- queries --------------------------------------------------------------------------

    def summary(self) -> BudgetSummary:
        """Today's and this month's spend, what is left, and every unsettled reservation."""
        now = self._now()
        day, month = now.date().isoformat(), now.strftime("%Y-%m")
        with self._lock:
            db = self._db
            # One read transaction: the three queries see the same state of the ledger.
            db.execute("BEGIN")
            try:
                today = _period(db, "day", day, self.budget.daily_cost_limit_usd)
                this_month = _period(db, "month", month, self.budget.monthly_cost_limit_usd)
                rows = db.execute(
                    "SELECT id, run_id, model_id, reserved_micros, created_at, expires_at, state"
                    " FROM reservations WHERE state IN ('open', 'expired')"
                    " ORDER BY created_at, id"
                ).fetchall()
            finally:
                db.execute("COMMIT")
        unsettled = tuple(
            OpenReservation(
                reservation_id=r[0],
                run_id=r[1],
                model_id=r[2],
                amount_usd=_usd(r[3]),
                created_at=r[4],
                expires_at=r[5],
                expired=r[6] == "expired" or datetime.fromisoformat(r[5]) <= now,
            )
            for r in rows
        )
        return BudgetSummary(
            at=now.isoformat(),
            ledger=str(self.path),
            schema_version=SCHEMA_VERSION,
            per_run_limit_usd=self.budget.run_limit_usd,
            alert_threshold_pct=self.budget.alert_threshold_pct,
            today=today,
            month=this_month,
            unsettled=unsettled,
        )

    def run_committed_usd(self, run_id: str) -> float:
        """What one run has committed so far (settled costs and open worst cases)."""
        with self._lock:
            return _usd(_committed(self._db, "run_id", run_id))

    # --- internals ------------------------------------------------------------------------

    def _now(self) -> datetime:
        now = self.clock.now()
        if now.tzinfo is None:
            raise ValueError("the budget ledger needs a clock with a time zone")
        return now.astimezone(UTC)

    @contextmanager
    def _transaction(self, *, durable: bool) -> Iterator[sqlite3.Connection]:
        """One immediate transaction: SQLite's write lock first, then reads, then writes.

        ``durable`` commits with a full sync. A ledger that cannot be written fails closed:
        no reservation, no call.
        """
        with self._lock:
            db = self._db
            try:
                db.execute(f"PRAGMA synchronous = {'FULL' if durable else 'NORMAL'}")
                db.execute("BEGIN IMMEDIATE")
                try:
                    yield db
                    db.execute("COMMIT")
                except BaseException:
                    if db.in_transaction:
                        db.execute("ROLLBACK")
                    raise
            except sqlite3.Error as exc:
                raise _ledger_failure(self.path, exc) from exc

    def _expire(self, db: sqlite3.Connection, now: datetime) -> None:
        db.execute(
            "UPDATE reservations SET state = 'expired', basis = 'lease_expired'"
            " WHERE state = 'open' AND expires_at <= ?",
            (_stamp(now),),
        )

    def _alerts(
        self, db: sqlite3.Connection, now: datetime, day: str, month: str
    ) -> list[BudgetAlert]:
        threshold = self.budget.alert_threshold_pct
        raised: list[BudgetAlert] = []
        periods: tuple[tuple[Literal["day", "month"], str, float], ...] = (
            ("day", day, self.budget.daily_cost_limit_usd),
            ("month", month, self.budget.monthly_cost_limit_usd),
        )
        for period, period_id, limit_usd in periods:
            column = "day" if period == "day" else "month"
            committed, limit = _committed(db, column, period_id), _micros(limit_usd)
            if committed * 100 < limit * threshold:
                continue
            inserted = db.execute(
                "INSERT OR IGNORE INTO alerts VALUES (?, ?, ?, ?, ?, ?)",
                (period, period_id, threshold, committed, limit, _stamp(now)),
            ).rowcount
            if inserted:
                raised.append(
                    BudgetAlert(
                        period=period,
                        period_id=period_id,
                        committed_usd=_usd(committed),
                        limit_usd=limit_usd,
                        threshold_pct=threshold,
                    )
                )
        return raised


def _connect(path: Path, lock_timeout_s: float) -> sqlite3.Connection:
    try:
        # Created private before SQLite sees it; its -wal and -shm files copy the mode.
        os.close(os.open(path, os.O_RDWR | os.O_CREAT, 0o600))
        db = sqlite3.connect(
            path, timeout=lock_timeout_s, isolation_level=None, check_same_thread=False
        )
    except (OSError, sqlite3.Error) as exc:
        raise ConfigError(f"budget ledger {path} cannot be opened: {exc}", path=path) from exc
    try:
        # Switching a new database to WAL takes an exclusive lock, and SQLite refuses at
        # once, without its busy handler, a lock request that could deadlock with another
        # connection's: several processes opening a new ledger together get "database is
        # locked". Those refusals are retried (with jitter) for as long as a lock is waited for.
        for attempt in Retrying(
            retry=retry_if_exception(_is_busy),
            stop=stop_after_delay(lock_timeout_s),
            wait=wait_random(0.001, 0.02),
            reraise=True,
        ):
            with attempt:
                db.execute("PRAGMA journal_mode = WAL")
                _migrate(db, path)
    except sqlite3.Error as exc:
        db.close()
        raise ConfigError(f"budget ledger {path} cannot be opened: {exc}", path=path) from exc
    except ConfigError:
        db.close()
        raise
    return db


def _migrate(db: sqlite3.Connection, path: Path) -> None:
    if _version(db) == SCHEMA_VERSION:
        return
    db.execute("BEGIN IMMEDIATE")
    try:
        # Checked again under the write lock: another process may have just created it.
        version = _version(db)
        if version == 0:
            if db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
                raise ConfigError(
                    f"{path} is not a budget ledger (it has tables but no ledger schema "
                    "version); point PILOT_STATE_DIR elsewhere",
                    path=path,
                )
            for statement in _SCHEMA.split(";"):
                if statement.strip():
                    db.execute(statement)
            db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        elif version != SCHEMA_VERSION:
            raise ConfigError(
                f"budget ledger {path} has schema version {version}; this version of the "
                f"pilot reads version {SCHEMA_VERSION}",
                path=path,
            )
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")


_BUSY: Final = frozenset({sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED})


def _is_busy(exc: BaseException) -> bool:
    code = getattr(exc, "sqlite_errorcode", None)
    return isinstance(exc, sqlite3.OperationalError) and code in _BUSY


def _version(db: sqlite3.Connection) -> int:
    return int(db.execute("PRAGMA user_version").fetchone()[0])


_KEY_COLUMNS: Final = frozenset({"run_id", "day", "month"})


def _committed(db: sqlite3.Connection, column: str, key: str) -> int:
    assert column in _KEY_COLUMNS  # never caller text in SQL
    row = db.execute(
        f"SELECT COALESCE(SUM(charge_micros), 0) FROM reservations WHERE {column} = ?", (key,)
    ).fetchone()
    return int(row[0])


def _period(db: sqlite3.Connection, column: str, key: str, limit_usd: float) -> PeriodSpend:
    assert column in _KEY_COLUMNS
    settled, reserved = db.execute(
        "SELECT COALESCE(SUM(CASE WHEN state = 'settled' THEN charge_micros END), 0),"
        " COALESCE(SUM(CASE WHEN state != 'settled' THEN charge_micros END), 0)"
        f" FROM reservations WHERE {column} = ?",
        (key,),
    ).fetchone()
    committed = int(settled) + int(reserved)
    return PeriodSpend(
        period_id=key,
        limit_usd=limit_usd,
        settled_usd=_usd(int(settled)),
        reserved_usd=_usd(int(reserved)),
        committed_usd=_usd(committed),
        left_usd=_usd(max(_micros(limit_usd) - committed, 0)),
    )


def _money(micros: int) -> str:
    text = f"{micros / _MICRO:,.6f}".rstrip("0")
    whole, _, cents = text.partition(".")
    return f"${whole}.{cents.ljust(2, '0')}"


_LIMIT_NAMES: Final = {
    "run": "run {key} has {left} left of its per-run limit of {limit}",
    "day": "today ({key}, UTC) has {left} left of the daily limit of {limit}",
    "month": "this month ({key}, UTC) has {left} left of the monthly limit of {limit}",
}


def _refusal(
    scope: BudgetScope, key: str, amount: int, left: int, limit_usd: float, model_id: str
) -> BudgetExhausted:
    where = _LIMIT_NAMES[scope].format(key=key, left=_money(left), limit=_money(_micros(limit_usd)))
    return BudgetExhausted(
        f"budget exhausted: a call to {model_id} may cost up to {_money(amount)}, and {where}",
        scope=scope,
        needed_usd=_usd(amount),
        left_usd=_usd(left),
    )


def _ledger_failure(path: Path, exc: sqlite3.Error) -> BudgetExhausted:
    return BudgetExhausted(
        f"the budget ledger {path} cannot be updated ({exc}); no call is made without a "
        "reservation",
        scope="ledger",
    )
