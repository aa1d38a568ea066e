"""Shared fixtures: the P1 table is built once per test session."""

import pytest

import casus

#: peacesciencer's P1 pipeline (crates/dyad/tests/parity.rs; README).
P1_ADD = ["atop", "nmc", "contiguity", "majors", "gml-mids", "capdist"]


@pytest.fixture(scope="session")
def p1():
    return casus.dyads(years=(1816, 2016), add=P1_ADD, current_year=2025)
