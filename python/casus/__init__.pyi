"""Type stubs of casus (docs/python.md). JSON answers are typed loosely as dicts: their
schemas are the CLI's (casus.invoke/1, casus.compare/1, casus.backtest/1,
casus.reliability/1), documented in docs/invoke.md and docs/backtest.md."""

from typing import Any, Dict, List, Literal, Optional, Sequence, Tuple, Union, overload

import pyarrow

__version__: str
SCHEMAS: Dict[str, str]

class SpecError(ValueError):
    """A spec with errors; the message has one `file:line:col: message` line per error."""

Years = Union[int, Tuple[int, int], None]
Names = Union[str, Sequence[str]]

@overload
def dyads(
    years: Years = ...,
    add: Names = ...,
    directed: bool = ...,
    *,
    current_year: Optional[int] = ...,
    fix_contiguity_overlap: bool = ...,
    gml_init: str = ...,
    fingerprint: Literal[False] = ...,
) -> pyarrow.Table: ...
@overload
def dyads(
    years: Years = ...,
    add: Names = ...,
    directed: bool = ...,
    *,
    current_year: Optional[int] = ...,
    fix_contiguity_overlap: bool = ...,
    gml_init: str = ...,
    fingerprint: Literal[True],
) -> str: ...
@overload
def stateyears(
    years: Years = ...,
    add: Names = ...,
    *,
    current_year: Optional[int] = ...,
    fingerprint: Literal[False] = ...,
) -> pyarrow.Table: ...
@overload
def stateyears(
    years: Years = ...,
    add: Names = ...,
    *,
    current_year: Optional[int] = ...,
    fingerprint: Literal[True],
) -> str: ...
def similarity(
    alliances: Optional[Sequence[int]] = ...,
    *,
    members: Literal["atop5", "atop4"] = ...,
    current_year: Optional[int] = ...,
) -> List[Dict[str, Any]]: ...
def invoke(
    attacker: Union[str, Sequence[str], None] = ...,
    target: Optional[str] = ...,
    date: Optional[str] = ...,
    *,
    specs: Names = ...,
    response: Optional[Literal["legal", "escalation"]] = ...,
    place: Optional[str] = ...,
    incident: Optional[str] = ...,
    only_specs: bool = ...,
    all: bool = ...,
) -> Dict[str, Any]: ...
def compare(
    variants: Sequence[str],
    attacker: Union[str, Sequence[str], None] = ...,
    target: Optional[str] = ...,
    date: Optional[str] = ...,
    *,
    response: Optional[Literal["legal", "escalation"]] = ...,
    place: Optional[str] = ...,
    incident: Optional[str] = ...,
) -> Dict[str, Any]: ...
def backtest(
    specs: Names = ...,
    *,
    all: bool = ...,
    from_: Union[int, str, None] = ...,
    to: Union[int, str, None] = ...,
    min_hostility: int = ...,
    sources: Optional[Sequence[Literal["mids", "wars", "library"]]] = ...,
    as_if_since: Optional[str] = ...,
    details: Optional[bool] = ...,
) -> Dict[str, Any]: ...
def reliability(
    *,
    mids: bool = ...,
    from_: Union[int, str, None] = ...,
    to: Union[int, str, None] = ...,
    min_hostility: int = ...,
    joiners: bool = ...,
    during_war: bool = ...,
    treaties: Names = ...,
) -> Dict[str, Any]: ...
def spec_check(spec: str) -> Dict[str, Any]: ...
