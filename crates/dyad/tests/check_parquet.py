#!/usr/bin/env python3
"""Checks that casus's Parquet output opens with the right types in pyarrow, pandas and DuckDB.

Usage: check_parquet.py FILE.parquet [--p1]

Needs `pip install pyarrow pandas duckdb`. With --p1 the file must be peacesciencer's P1
table (`casus dyads --years 1816-2016 --with atop,nmc,contiguity,majors,gml-mids,capdist`),
and known values and shapes are checked too. Exits non-zero with a message on any mismatch.
Run by crates/cli/tests/dyads.rs (`parquet_opens_in_pyarrow_pandas_and_duckdb`).
"""

import sys

import duckdb
import pandas as pd
import pyarrow.parquet as pq

INT_COLUMNS = {
    "ccode", "ccode1", "ccode2", "year", "atop_alliance", "atop_defense", "atop_offense",
    "atop_neutral", "atop_nonagg", "atop_consul", "conttype", "cowmaj", "cowmaj1", "cowmaj2",
    "dispnum", "gmlmidongoing", "gmlmidonset", "sidea1", "sidea2", "fatality1", "fatality2",
    "fatalpre1", "fatalpre2", "hiact1", "hiact2", "hostlev1", "hostlev2", "orig1", "orig2",
    "fatality", "hostlev", "recip", "mindur", "maxdur", "stmon", "init1", "init2",
}


def fail(msg):
    print(f"check_parquet: {msg}", file=sys.stderr)
    sys.exit(1)


def main():
    if len(sys.argv) < 2:
        fail("usage: check_parquet.py FILE.parquet [--p1]")
    path, p1 = sys.argv[1], "--p1" in sys.argv[2:]

    # pyarrow: schema types.
    table = pq.read_table(path)
    for field in table.schema:
        want = "int32" if field.name in INT_COLUMNS else ("string" if field.name == "cw_name" else "double")
        if str(field.type) != want:
            fail(f"pyarrow: column {field.name} is {field.type}, expected {want}")

    # pandas: keys are plain integers, measures floats, NA where expected.
    df = pd.read_parquet(path)
    key = "ccode1" if "ccode1" in df.columns else "ccode"
    if not pd.api.types.is_integer_dtype(df[key]) or not pd.api.types.is_integer_dtype(df["year"]):
        fail(f"pandas: keys are {df[key].dtype}/{df['year'].dtype}, expected integers")
    if len(df) != table.num_rows:
        fail("pandas and pyarrow disagree on the row count")

    # DuckDB: row count and types through SQL.
    con = duckdb.connect()
    n = con.execute(f"SELECT count(*) FROM read_parquet('{path}')").fetchone()[0]
    if n != table.num_rows:
        fail(f"duckdb: {n} rows, pyarrow {table.num_rows}")
    types = dict(con.execute(f"SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM read_parquet('{path}'))").fetchall())
    for name, typ in types.items():
        want = "INTEGER" if name in INT_COLUMNS else ("VARCHAR" if name == "cw_name" else "DOUBLE")
        if typ != want:
            fail(f"duckdb: column {name} is {typ}, expected {want}")

    if p1:
        if df.shape != (1_912_290, 50):
            fail(f"P1 shape {df.shape}, expected (1912290, 50)")
        row = con.execute(
            f"SELECT conttype, round(capdist, 3), atop_defense, cowmaj1 FROM read_parquet('{path}') "
            "WHERE ccode1 = 2 AND ccode2 = 20 AND year = 1920"
        ).fetchone()
        if row != (1, 734.869, 0, 1):
            fail(f"duckdb: USA-Canada 1920 is {row}")
        per_year = dict(con.execute(f"SELECT year, count(*) FROM read_parquet('{path}') GROUP BY year").fetchall())
        if per_year[1816] != 506 or per_year[2016] != 37_830:
            fail(f"duckdb: {per_year[1816]} dyads in 1816, {per_year[2016]} in 2016")
        if int(df["milex1"].isna().sum()) != 180_535 or int(df["dispnum"].isna().sum()) != 1_903_006:
            fail("pandas: NA counts of milex1/dispnum differ from peacesciencer's")
        if abs(df["cinc1"].sum() - df["cinc2"].sum()) > 1e-6:
            fail("pandas: cinc1 and cinc2 sums differ in a directed table")

    print(f"ok: {path}: {table.num_rows} rows x {table.num_columns} columns; pyarrow, pandas and duckdb agree")


if __name__ == "__main__":
    main()
