"""casus from Python: security guarantees as code, and peace-science research tables.

Every function calls the same Rust crates as the ``casus`` command line:

* ``dyads`` and ``stateyears`` build peacesciencer's tables and return a ``pyarrow.Table``
  that shares the Rust side's Arrow buffers (handed over through the Arrow C stream
  interface, no copy); ``.to_pandas()`` and ``polars.from_arrow`` work on it.
* ``invoke``, ``compare``, ``spec_check`` and ``similarity`` return plain Python dicts and
  lists with the CLI's ``--format json`` schemas (``casus.SCHEMAS``; docs/python.md).

Bad arguments raise ``ValueError`` (``casus.SpecError``, a ``ValueError``, for a spec with
errors; its message keeps the ``file:line:col: message`` lines of ``casus spec check``).
"""

from __future__ import annotations

import json as _json
from typing import Any, Iterable, Optional, Sequence, Tuple, Union

import pyarrow as _pa

from . import _casus
from ._casus import SpecError

SpecError.__module__ = "casus"  # shown as casus.SpecError in tracebacks and help()

__all__ = [
    "SCHEMAS",
    "SpecError",
    "backtest",
    "compare",
    "dyads",
    "invoke",
    "reliability",
    "similarity",
    "spec_check",
    "stateyears",
]

__version__ = "0.1.0"

#: The JSON schema (name/version) each scenario function answers with.
SCHEMAS = dict(_casus.SCHEMAS)

Years = Union[int, Tuple[int, int], None]


def _years(years: Years) -> Optional[Tuple[int, int]]:
    if years is None:
        return None
    if isinstance(years, bool):
        raise ValueError("years: give (first, last), e.g. (1816, 2016), or one year")
    if isinstance(years, int):
        return (years, years)
    try:
        first, last = years
        return (int(first), int(last))
    except (TypeError, ValueError):
        raise ValueError(
            f"years: {years!r} is not a year range; give (first, last), e.g. (1816, 2016), or one year"
        ) from None


def _names(arg: str, value: Union[str, Iterable[str], None]) -> list:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    out = list(value)
    for v in out:
        if not isinstance(v, str):
            raise ValueError(f"{arg}: {v!r} is not a string; give names such as 'RUS' or 'nmc'")
    return out


def _table(native: Any) -> _pa.Table:
    # pyarrow imports the C stream: the columns keep pointing at the Rust buffers.
    return _pa.table(native)


def dyads(
    years: Years = None,
    add: Union[str, Sequence[str]] = (),
    directed: bool = True,
    *,
    current_year: Optional[int] = None,
    fix_contiguity_overlap: bool = False,
    gml_init: str = "sidea-all-joiners",
    fingerprint: bool = False,
) -> Union[_pa.Table, str]:
    """Dyad-years, like peacesciencer's ``create_dyadyears()`` and its ``add_*`` functions.

    Args:
        years: ``(first, last)`` or one year; default 1816 to the current year, as
            peacesciencer.
        add: tables to add, in this order (columns follow it): ``atop``, ``nmc``,
            ``contiguity``, ``majors``, ``gml-mids``, ``capdist``, ``sscore``;
            peacesciencer's names (``add_nmc``, ``cow_majors``) are accepted too.
        directed: both (a, b) and (b, a) (default); ``False`` for ccode1 < ccode2 only.
        current_year: peacesciencer's "current year" (default: this year minus one).
        fix_contiguity_overlap: let real contiguity win over an overlapping 0 record
            (peacesciencer lets the 0 record win; docs/dyads.md).
        gml_init: who counts as initiator: ``sidea-all-joiners`` (default),
            ``sidea-with-joiners``, ``sidea-orig``.
        fingerprint: return the table's fingerprint (per year: rows, column sums, NA
            counts) as the CSV text of ``casus dyads --fingerprint`` instead of the table.

    Returns:
        A ``pyarrow.Table`` (Int32 codes, Float64 measures, Utf8 names; nulls for missing
        values), rows sorted by ccode1, ccode2, year; or the fingerprint text.

    Raises:
        ValueError: unknown table names, years outside the data, bad options.

    Example:
        >>> p1 = casus.dyads(years=(1816, 2016),
        ...                  add=["atop", "nmc", "contiguity", "majors", "gml-mids", "capdist"])
        >>> p1.num_rows
        1912290
    """
    out = _casus.dyads(
        _years(years),
        ",".join(_names("add", add)),
        bool(directed),
        current_year,
        bool(fix_contiguity_overlap),
        gml_init,
        bool(fingerprint),
    )
    return out if fingerprint else _table(out)


def stateyears(
    years: Years = None,
    add: Union[str, Sequence[str]] = (),
    *,
    current_year: Optional[int] = None,
    fingerprint: bool = False,
) -> Union[_pa.Table, str]:
    """State-years, like peacesciencer's ``create_stateyears()``, ``add_nmc()`` and
    ``add_cow_majors()``.

    Args:
        years: ``(first, last)`` or one year; default 1816 to the current year.
        add: ``nmc`` and/or ``majors``, in column order.
        current_year: peacesciencer's "current year" (default: this year minus one).
        fingerprint: return the ``casus stateyears --fingerprint`` CSV text instead.

    Returns:
        A ``pyarrow.Table``: ccode, cw_name, year, then the added columns; or the
        fingerprint text.

    Example:
        >>> casus.stateyears(years=(1816, 2016), add=["nmc", "majors"]).num_rows
        15951
    """
    out = _casus.stateyears(
        _years(years), ",".join(_names("add", add)), current_year, bool(fingerprint)
    )
    return out if fingerprint else _table(out)


def similarity(
    alliances: Optional[Sequence[int]] = None,
    *,
    members: str = "atop5",
    current_year: Optional[int] = None,
) -> list:
    """Alliance-portfolio similarity within ATOP alliances (``casus similarity --format json``).

    Args:
        alliances: ATOP ids (e.g. ``[3180]`` for NATO); ``None`` for every alliance.
        members: the ATOP member-level file: ``atop5`` (5.1, default) or ``atop4`` (4.01).
        current_year: peacesciencer's "current year" (default: this year minus one).

    Returns:
        A list of dicts ``{atopid, year, mean_s, min_s, mean_pi, min_pi, mean_kappa,
        min_kappa}``; a score that cannot be computed is ``None``.
    """
    ids = None if alliances is None else [int(a) for a in alliances]
    return _json.loads(_casus.similarity(ids, members, current_year))


def invoke(
    attacker: Union[str, Sequence[str], None] = None,
    target: Optional[str] = None,
    date: Optional[str] = None,
    *,
    specs: Union[str, Sequence[str]] = (),
    response: Optional[str] = None,
    place: Optional[str] = None,
    incident: Optional[str] = None,
    only_specs: bool = False,
    all: bool = False,
) -> dict:
    """Invokes the guarantees in force for one attack (``casus invoke --format json``).

    Args:
        attacker: state (``"RUS"``, ``365``-as-text, ``"Russia"``) or ``"non-state:NAME"``;
            a list for several.
        target: the state attacked.
        date: the day of the attack, ``YYYY-MM-DD``.
        specs: guarantees to add: library ids (``"ukraine-b"``, ``"nato"``), ATOP ids
            (``"3180"``), paths to spec files, or spec TOML text itself.
        response: ``"legal"`` (default) or ``"escalation"``.
        place: ``territory`` (default), ``occupied``, ``region:NAME``, ``sea[:REGION]``,
            ``forces-abroad[:REGION]``.
        incident: a library incident (e.g. ``"crimea-2014"``) instead of attacker/target/date.
        only_specs: invoke only the given specs, not every treaty in force.
        all: list every clause checked, not only those that bind.

    Returns:
        The ``casus.invoke/1`` document as a dict (obligations, traces, response rounds,
        balance of capabilities).

    Raises:
        SpecError: a spec with errors (``file:line:col: message`` lines).
        ValueError: unknown states, bad dates, unknown spec ids.

    Example:
        >>> v = casus.invoke(attacker="RUS", target="UKR", date="2025-09-01",
        ...                  specs=["ukraine-b"])
        >>> v["schema"]
        'casus.invoke/1'
    """
    return _json.loads(
        _casus.invoke(
            _names("attacker", attacker),
            target,
            date,
            place,
            incident,
            _names("specs", specs),
            bool(only_specs),
            response,
            bool(all),
        )
    )


def compare(
    variants: Sequence[str],
    attacker: Union[str, Sequence[str], None] = None,
    target: Optional[str] = None,
    date: Optional[str] = None,
    *,
    response: Optional[str] = None,
    place: Optional[str] = None,
    incident: Optional[str] = None,
) -> dict:
    """Guarantee variants side by side for one attack (``casus compare --format json``).

    Args:
        variants: two to eight specs: library ids, spec files or spec text.
        attacker, target, date, response, place, incident: as for :func:`invoke`.

    Returns:
        The ``casus.compare/1`` document as a dict.

    Example:
        >>> c = casus.compare(["ukraine-a", "ukraine-b"], attacker="RUS", target="UKR",
        ...                   date="2025-09-01")
    """
    return _json.loads(
        _casus.compare(
            _names("variants", variants),
            _names("attacker", attacker),
            target,
            date,
            place,
            incident,
            response,
        )
    )


def backtest(
    specs: Union[str, Sequence[str]] = (),
    *,
    all: bool = False,
    from_: Union[int, str, None] = None,
    to: Union[int, str, None] = None,
    min_hostility: int = 2,
    sources: Optional[Sequence[str]] = None,
    as_if_since: Optional[str] = None,
    details: Optional[bool] = None,
) -> dict:
    """Replays treaties against the historical record (``casus backtest --format json``).

    Args:
        specs: treaties: library ids (``"nato"``, ``"ukraine-b"``), ATOP ids (``"3180"``),
            spec files or spec text.
        all: every treaty of the world as well.
        from_, to: the window: a year (``1946``) or a day (``"1946-03-05"``).
        min_hostility: lowest MID hostility: 2 threat (default), 3 display, 4 use of
            force, 5 war.
        sources: incidents from ``"mids"``, ``"wars"``, ``"library"`` (default mids and
            library).
        as_if_since: evaluate the treaties as if in force since this day (proposals).
        details: per-incident lists (default: unless ``all``).

    Returns:
        The ``casus.backtest/1`` document as a dict.

    Example:
        >>> b = casus.backtest("ukraine-b", as_if_since="1994-12-05")
    """
    return _json.loads(
        _casus.backtest(
            _names("specs", specs),
            bool(all),
            None if from_ is None else str(from_),
            None if to is None else str(to),
            int(min_hostility),
            None if sources is None else _names("sources", sources),
            as_if_since,
            details,
        )
    )


def reliability(
    *,
    mids: bool = False,
    from_: Union[int, str, None] = None,
    to: Union[int, str, None] = None,
    min_hostility: int = 4,
    joiners: bool = False,
    during_war: bool = False,
    treaties: Union[str, Sequence[str]] = (),
) -> dict:
    """Did allies come when a defence pact was triggered? (``casus reliability --format json``)

    Args:
        mids: cases from GML MIDs instead of COW wars (the default).
        from_, to: the window: a year or a day.
        min_hostility: lowest MID hostility (MIDs only; default 4, use of force).
        joiners: count side-B joiners as attacked too.
        during_war: let war incidents span the rest of their war.
        treaties: only these ATOP alliances (ids such as ``"3180"``).

    Returns:
        The ``casus.reliability/1`` document as a dict, cases included.
    """
    return _json.loads(
        _casus.reliability(
            bool(mids),
            None if from_ is None else str(from_),
            None if to is None else str(to),
            int(min_hostility),
            bool(joiners),
            bool(during_war),
            _names("treaties", treaties),
        )
    )


def spec_check(spec: str) -> dict:
    """Checks one spec (a path to a .toml file, or its text) like ``casus spec check
    --format json``; returns the report (errors with file, line, column, hint) and never
    raises for errors in the spec itself."""
    return _json.loads(_casus.spec_check(spec))
