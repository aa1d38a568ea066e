"""Scenarios from Python: the CLI's JSON, spec text and files, errors as exceptions."""

import json
import pathlib

import pytest

import casus

DATA = pathlib.Path(__file__).parent / "data"


def test_headline_invoke_is_the_clis_json():
    v = casus.invoke(attacker="RUS", target="UKR", date="2025-09-01", specs=["ukraine-b"])
    # `casus invoke --attacker RUS --target UKR --date 2025-09-01 --spec ukraine-b --format json`
    expected = json.loads((DATA / "invoke-rus-ukr-2025-09-01-ukraine-b.json").read_text())
    assert v == expected
    assert v["schema"] == casus.SCHEMAS["invoke"] == "casus.invoke/1"


def test_escalation_reading_spreads_further():
    legal = casus.invoke(attacker="RUS", target="UKR", date="2025-09-01", specs="ukraine-b")
    worst = casus.invoke(attacker="RUS", target="UKR", date="2025-09-01", specs="ukraine-b",
                         response="escalation")
    assert (legal["response"], worst["response"]) == ("legal", "escalation")
    assert len(worst["rounds"]) > len(legal["rounds"])


def test_compare_four_variants():
    c = casus.compare(["ukraine-a", "ukraine-b", "ukraine-c", "ukraine-d"],
                      attacker="RUS", target="UKR", date="2025-09-01")
    assert c["schema"] == casus.SCHEMAS["compare"] == "casus.compare/1"
    assert len(c["variants"]) == 4


SPEC = """\
id = "my-guarantee"
name = "A test guarantee"
status = "proposal"
source = "a test"
"""


def test_spec_text_with_errors_raises_spec_error_with_line_and_col():
    bad = 'id = "x"\nname = 3\n'
    with pytest.raises(casus.SpecError) as e:
        casus.invoke(attacker="RUS", target="UKR", date="2025-09-01", specs=[bad])
    msg = str(e.value)
    assert "<spec 1>:2:8: name: expected a string" in msg
    assert isinstance(e.value, ValueError)


def test_spec_file_errors_name_the_file(tmp_path):
    f = tmp_path / "broken.toml"
    f.write_text('id = "x"\nname = 3\n')
    with pytest.raises(casus.SpecError, match=r"broken\.toml:2:8: name"):
        casus.invoke(attacker="RUS", target="UKR", date="2025-09-01", specs=[str(f)])
    report = casus.spec_check(str(f))
    assert report["errors"]


def test_missing_spec_file_is_a_value_error():
    with pytest.raises(ValueError, match="reading spec file nowhere.toml"):
        casus.invoke(attacker="RUS", target="UKR", date="2025-09-01", specs=["nowhere.toml"])


@pytest.mark.parametrize(
    "kwargs, needle",
    [
        (dict(attacker="RUSS", target="UKR", date="2025-09-01"), "RUSS"),
        (dict(attacker="RUS", target="UKR", date="2025-13-01"), "2025-13-01"),
        (dict(attacker="RUS", target="UKR", date="2025-09-01", specs=["no-such-spec"]),
         "no-such-spec"),
        (dict(attacker="RUS", target="UKR", date="2025-09-01", response="war"), "war"),
        (dict(attacker="RUS", target="UKR", date="2025-09-01", place="moon"), "moon"),
        (dict(attacker="RUS", target="UKR"), "date"),
    ],
)
def test_bad_scenarios_raise_value_error(kwargs, needle):
    with pytest.raises(ValueError) as e:
        casus.invoke(**kwargs)
    assert needle in str(e.value)
    assert not isinstance(e.value, casus.SpecError)


def test_help_is_useful():
    assert "peacesciencer" in casus.dyads.__doc__
    assert "1912290" in casus.dyads.__doc__
    assert "casus.invoke/1" in casus.invoke.__doc__


def test_backtest_is_the_clis_json():
    b = casus.backtest("ukraine-b", as_if_since="1994-12-05")
    # `casus backtest ukraine-b --as-if-since 1994-12-05 --format json`
    expected = json.loads((DATA / "backtest-ukraine-b-as-if-1994-12-05.json").read_text())
    assert b == expected
    assert b["schema"] == casus.SCHEMAS["backtest"] == "casus.backtest/1"


def test_reliability_wars():
    r = casus.reliability()
    assert r["schema"] == casus.SCHEMAS["reliability"] == "casus.reliability/1"


@pytest.mark.parametrize(
    "call, needle",
    [
        (lambda: casus.backtest(), "name a treaty to backtest"),
        (lambda: casus.backtest("nato", from_=1990, to=1980), "from_ 1990 is after to 1980"),
        (lambda: casus.backtest("nato", sources=["x"]), "unknown source `x`"),
        (lambda: casus.backtest("nato", min_hostility=300), "not a MID hostility level"),
        (lambda: casus.reliability(min_hostility=-1), "not a MID hostility level"),
        (lambda: casus.reliability(treaties=["99999999"]), "no ATOP alliance with id 99999999"),
        (lambda: casus.similarity([99999999]), "99999999"),
        (lambda: casus.spec_check("nato"), "neither spec text nor a file"),
    ],
)
def test_bad_study_arguments_raise_value_error(call, needle):
    with pytest.raises(ValueError) as e:
        call()
    assert needle in str(e.value)


@pytest.mark.parametrize(
    "call, needle",
    [
        (lambda: casus.dyads(years=1990, current_year=1000), "current year 1000"),
        (lambda: casus.dyads(years=(-32768, 32767)), "outside the data"),
        (lambda: casus.stateyears(years=(2100, 2101)), "outside the data"),
        (lambda: casus.invoke(attacker="", target="", date=""), "target"),
        (lambda: casus.invoke(attacker="RUS", target="RUS", date="2025-09-01"), "also be an attacker"),
        (lambda: casus.invoke(attacker="RUS", target="UKR", date="0000-01-01"), "supported range"),
        (lambda: casus.invoke(incident="nope"), "no incident `nope`"),
        (lambda: casus.invoke(attacker="non-state:", target="USA", date="2001-09-11"), "needs a name"),
        (lambda: casus.compare(["ukraine-b"], attacker="RUS", target="UKR", date="2025-09-01"),
         "two to eight specs"),
        (lambda: casus.invoke(attacker="RUS", target="UKR", date="2025-09-01",
                              specs=["\x00\n"]), "TOML syntax"),
        (lambda: casus.invoke(attacker="RUS", target="UKR", date="2025-09-01",
                              specs=["x" * 2_000_000 + "\n"]), "larger than 1048576 bytes"),
        (lambda: casus.backtest("nato", from_="abcd"), "give a year (1946) or a day"),
        (lambda: casus.backtest("nato", as_if_since="x"), "as_if_since"),
        (lambda: casus.reliability(from_=2100, to=2100), "no incidents"),
        (lambda: casus.similarity([]), "the list is empty"),
    ],
)
def test_hostile_input_is_an_error_never_a_crash(call, needle):
    # A ValueError (or SpecError) with the library's message; never pyo3's PanicException
    # (a BaseException, which pytest.raises(ValueError) would not catch).
    with pytest.raises(ValueError) as e:
        call()
    assert needle in str(e.value)
