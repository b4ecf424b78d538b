"""Claims are checked against a result's scalars and series statistics, exactly."""

from __future__ import annotations

import math

import pytest

from tutor.evidence.claims import compare, evaluate_claim, series_statistic
from tutor.evidence.result import Plot, Result, Series
from tutor.packs.schema import Claim

RESULT = Result(
    name="demo",
    kind="simulation",
    params={},
    seed=0,
    reading="",
    scalars={"gamma": 1.0, "max_sigmoid_prime": 0.25},
    plots=(
        Plot(
            "t",
            "step",
            "norm",
            (
                Series("decay", [0, 1, 2], [1000.0, 10.0, 0.5]),
                Series("boom", [0, 1, 2], [1.0, 1e200, math.inf], overflow_step=2),
            ),
        ),
    ),
)


@pytest.mark.parametrize(
    ("stat", "series", "expected"),
    [
        ("first", "decay", 1000.0),
        ("last", "decay", 0.5),
        ("min", "decay", 0.5),
        ("max", "decay", 1000.0),
        ("first_over_last", "decay", 2000.0),
        ("last_over_first", "decay", 0.0005),
        ("overflow_step", "boom", 2.0),
        ("overflow_step", "decay", None),
    ],
)
def test_series_statistics(stat, series, expected):
    assert series_statistic(RESULT.all_series()[series], stat) == expected


def test_scalar_claim_with_an_expression_value():
    outcome = evaluate_claim(Claim(scalar="max_sigmoid_prime", op="==", value="0.25"), RESULT)
    assert outcome.held
    assert outcome.message == "scalar 'max_sigmoid_prime' is 0.25, claimed == 0.25: holds"


def test_failing_series_claim_says_what_was_observed():
    outcome = evaluate_claim(Claim(series="decay", stat="first_over_last", op=">", value="1e4"), RESULT)
    assert not outcome.held
    assert outcome.observed == 2000.0
    assert outcome.message == "first_over_last of series 'decay' is 2000, claimed > 1e+04: fails"


def test_overflow_claims():
    assert evaluate_claim(Claim(series="decay", stat="overflow_step", op="=="), RESULT).held
    assert not evaluate_claim(Claim(series="boom", stat="overflow_step", op="=="), RESULT).held
    assert evaluate_claim(Claim(series="boom", stat="overflow_step", op="<=", value="2"), RESULT).held


def test_missing_outputs_fail_with_a_reason():
    assert evaluate_claim(Claim(scalar="nope", op=">", value="1"), RESULT).message == "demo has no scalar 'nope'"
    assert evaluate_claim(Claim(series="x", stat="max", op=">", value="1"), RESULT).message == "demo has no series 'x'"


@pytest.mark.parametrize(
    ("observed", "op", "expected", "held"),
    [
        (1.0, "==", 1.0 + 1e-12, True),
        (1.0, "==", 1.001, False),
        (1.0, "!=", 1.001, True),
        (math.nan, ">", 1.0, False),
        (math.inf, ">", 1e300, True),
        (2.0, "<=", 2.0, True),
        (None, "==", None, True),
        (None, ">", 1.0, False),
    ],
)
def test_compare(observed, op, expected, held):
    assert compare(observed, op, expected, 1e-9) is held
