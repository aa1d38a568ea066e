"""Research tables from Python: shapes, parity with the CLI, no copy, pandas and polars."""

import hashlib
import os
import pathlib
import subprocess

import pyarrow as pa
import pytest

import casus
from conftest import P1_ADD

ROOT = pathlib.Path(__file__).resolve().parents[2]

#: sha256 of `casus dyads --years 1816-2016 --with atop,nmc,contiguity,majors,gml-mids,capdist
#: --fingerprint --current-year 2025` (the CLI built from this commit's crates).
P1_FINGERPRINT_SHA256 = "0a76b226105fd4d2d42b220ce07456866763b6f5babcef49949086e21d239b74"


def cli():
    """The casus binary, if one is built (CASUS_BIN, else target/release or target/debug)."""
    for p in [os.environ.get("CASUS_BIN")] + [
        str(ROOT / "target" / d / "casus") for d in ("release", "debug")
    ]:
        if p and os.access(p, os.X_OK):
            return p
    return None


def test_p1_shape(p1):
    assert isinstance(p1, pa.Table)
    assert p1.num_rows == 1912290
    assert p1.num_columns == 50
    assert p1.column_names[:3] == ["ccode1", "ccode2", "year"]
    assert p1.schema.field("ccode1").type == pa.int32()
    assert not p1.schema.field("ccode1").nullable
    assert p1.schema.field("cinc1").type == pa.float64()


def test_p1_fingerprint_is_the_clis():
    fp = casus.dyads(years=(1816, 2016), add=P1_ADD, current_year=2025, fingerprint=True)
    assert fp.startswith("year,n,ccode1_sum,ccode1_na,")
    assert hashlib.sha256(fp.encode()).hexdigest() == P1_FINGERPRINT_SHA256
    exe = cli()
    if exe is None:
        pytest.skip("no casus binary built; the pinned hash above still checked parity")
    out = subprocess.run(
        [exe, "dyads", "--years", "1816-2016", "--with", ",".join(P1_ADD),
         "--fingerprint", "--current-year", "2025", "-q"],
        check=True, capture_output=True, text=True,
    ).stdout
    assert fp == out


def test_p1_known_row(p1):
    # USA (2) – Canada (20), 1950: allies (NATO) and contiguous by land (COW contiguity 1).
    t = p1.filter(
        (pa.compute.field("ccode1") == 2) & (pa.compute.field("ccode2") == 20)
        & (pa.compute.field("year") == 1950)
    )
    assert t.num_rows == 1
    row = t.to_pylist()[0]
    assert row["atop_defense"] == 1
    assert row["conttype"] == 1


def test_undirected_is_half():
    t = casus.dyads(years=(1990, 1990), add="atop", directed=False)
    d = casus.dyads(years=1990, add=["atop"])
    assert d.num_rows == 2 * t.num_rows
    assert pa.compute.all(pa.compute.less(t["ccode1"], t["ccode2"])).as_py()


def test_stateyears_p3():
    t = casus.stateyears(years=(1816, 2016), add=["nmc", "majors"])
    assert t.num_rows == 15951
    assert t.num_columns == 11


def test_no_copy_on_the_python_side():
    native = casus._casus.dyads((1816, 2016), ",".join(P1_ADD), True, 2025, False,
                                "sidea-all-joiners", False)
    a = pa.table(native)
    b = pa.table(native)  # a second export of the same Rust buffers
    for name in ("ccode1", "cinc1", "conttype"):
        ca, cb = a[name].chunks[0], b[name].chunks[0]
        # The value buffer is the Rust buffer itself: both imports point at one address.
        assert ca.buffers()[1].address == cb.buffers()[1].address
    # pyarrow allocated nothing for the columns: they live in the Rust allocation.
    before = pa.total_allocated_bytes()
    pa.table(native)
    assert pa.total_allocated_bytes() - before < 1 << 16


def test_pandas_and_polars():
    t = casus.dyads(years=1990, add=["nmc"])
    df = t.to_pandas()
    assert len(df) == t.num_rows
    assert list(df.columns) == t.column_names
    pl = pytest.importorskip("polars")
    p = pl.from_arrow(t)
    assert p.height == t.num_rows
    assert p["ccode1"].dtype == pl.Int32


def test_similarity_nato():
    rows = casus.similarity([3180])
    assert rows and set(rows[0]) == {
        "atopid", "year", "mean_s", "min_s", "mean_pi", "min_pi", "mean_kappa", "min_kappa"}
    assert {r["atopid"] for r in rows} == {3180}
    assert rows[0]["year"] == 1949


@pytest.mark.parametrize(
    "kwargs, needle",
    [
        (dict(add=["atop", "nmcc"]), "unknown table `nmcc`; choose from"),
        (dict(years=(2016, 1816)), "first year (2016) is after the last (1816)"),
        (dict(years=(1700, 1720)), "outside the data"),
        (dict(years=(1816, 99999)), "99999 is not a year"),
        (dict(years="1816-2016"), "not a year range"),
        (dict(add=["atop", "atop"]), "given twice"),
        (dict(gml_init="all"), "gml_init: unknown value"),
        (dict(add=[3]), "not a string"),
    ],
)
def test_bad_dyad_arguments_raise_value_error(kwargs, needle):
    with pytest.raises(ValueError) as e:
        casus.dyads(**kwargs)
    assert needle in str(e.value)


def test_stateyears_refuses_dyad_tables():
    with pytest.raises(ValueError, match="cannot be added to state_year data"):
        casus.stateyears(years=1990, add=["atop"])
