"""Captions bound to the run: references rendered from a Result, literals kept as written,
unknown names refused at validation, hand-written numbers refused by `tutor check`."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.unit.packfiles import write_pack
from tutor.cli import main
from tutor.evidence.caption import (
    hand_numbers,
    reference_problems,
    render_caption,
    unbound_numbers,
)
from tutor.evidence.result import Plot, Result, Series
from tutor.packs.loader import load_pack
from tutor.packs.problems import PackError

RESULT = Result(
    name="demo", kind="simulation", params={"scale": 0.9, "steps": 50, "scales": (0.5, 1.5)}, seed=0, reading="",
    scalars={"rho": 0.7149, "first_over_last[scale=0.5]": 3.53e-19},
    plots=(Plot("t", "x", "y", (Series("jacobian_norm", [0, 1, 2], [2.0, 1.0, 0.25]),)),),
)


def test_references_render_scalars_series_statistics_and_parameters():
    text = ("ρ = {rho:.2f}, last {jacobian_norm.last:.3g}, ratio {jacobian_norm.first_over_last}, "
            "max {jacobian_norm.max:.1f}, {steps} steps at scale {scale}, {first_over_last[scale=0.5]:.2p}")
    assert render_caption(text, RESULT) == (
        "ρ = 0.71, last 0.25, ratio 8, max 2.0, 50 steps at scale 0.9, 3.5·10⁻¹⁹")


def test_literals_unwrap_and_references_wait_for_the_run():
    text = "A {=32 × 32} matrix (Pascanu {=2013}): ρ = {rho:.2f}"
    assert render_caption(text) == "A 32 × 32 matrix (Pascanu 2013): ρ = …"
    assert render_caption(text, RESULT) == "A 32 × 32 matrix (Pascanu 2013): ρ = 0.71"


def test_a_name_the_result_lacks_is_left_as_written_and_other_braces_untouched():
    assert render_caption("{nope:.2f} and {} and {{x}}", RESULT) == "{nope:.2f} and {} and {{x}}"


def test_reference_problems_name_the_reference_and_what_is_known():
    problems = reference_problems("{rho:.2f} {rh:.2f} {jacobian_norm} {jacobian_norm.last:>9} {norm.min}",
                                  ["rho"], ["jacobian_norm"], ["steps"])
    assert [(ref.start, message) for ref, message in problems] == [
        (10, "{rh:.2f}: the run has no scalar or parameter 'rh' (known: rho, steps)"),
        (19, ("{jacobian_norm}: series 'jacobian_norm' needs a statistic: .first, .last, .min, .max, "
              ".first_over_last, .last_over_first, .overflow_step")),
        (35, "{jacobian_norm.last:>9}: '>9' is not a caption format (use .2f, .3g, .1e, .0%, .3p, sup or sub)"),
        (59, "{norm.min}: the run has no series 'norm' (series: jacobian_norm)"),
    ]


def test_hand_numbers_are_numbers_as_written_outside_references_and_literals():
    found = hand_numbers("ρ ≈ 0.6 after 20,000 runs, 1/4, 4.5·10⁻⁵, 0.9²⁰, L2, Wₕₕ, σ₁, {rho:.2f}, {=1997}")
    assert [(n.text, n.value) for n in found] == [
        ("0.6", 0.6), ("20,000", 20000.0), ("1/4", 0.25), ("4.5·10⁻⁵", pytest.approx(4.5e-5)),
        ("0.9²⁰", pytest.approx(0.9**20))]


def test_a_number_equal_to_a_claim_or_parameter_is_bound():
    assert [n.text for n in unbound_numbers("passes 1e6 at scale 1.1, about 117", [1e6, 1.1])] == ["117"]


QUESTION = """\
questions:
  - id: q1
    level: basic
    topics: [rnn]
    prompt: What does the run show?
    answer: It grows.
    explanation: Repeated multiplication.
    check:
      kind: self
    evidence:
      - name: rnn
        params: {{scale: 1.2}}
        claims:
          - {{series: jacobian_norm, stat: last_over_first, op: ">", value: 1000}}
        caption: >-
          With scale 1.2 the product passes 1000 in {{=2}} ways;
          {caption}
"""


def write(folder: Path, caption: str) -> Path:
    return write_pack(folder, QUESTION.format(caption=caption))


def test_an_unknown_reference_is_a_pack_error_at_its_own_line_and_column(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "p", "the norm ends at {jacobian_nrom.last:.3g}.")
    with pytest.raises(PackError) as raised:
        load_pack(tmp_path / "p")
    assert raised.value.lines() == [
        ("p/questions.yaml:17:28: questions[0].evidence[0].caption: {jacobian_nrom.last:.3g}: the run has no series "
         "'jacobian_nrom' (series: grad_norm, jacobian_norm)")]


def test_check_fails_a_wrong_hand_written_number_with_its_location(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "p", "the norm ends near 117.")
    assert main(["check", "p", "--seeds", "1"]) == 1
    out = capsys.readouterr().out
    assert ("p/questions.yaml:17:30: q1: evidence[0].caption: hand-written number '117' is neither rendered "
            "from the run nor backed by a claim (write {name:.3g}, add a claim, or mark it {=117} if it is "
            "not about the run)") in out.splitlines()
    assert "  caption         1       1" in out.splitlines()


def test_check_passes_a_caption_whose_numbers_are_rendered_claimed_or_literal(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "p", "the norm ends at {jacobian_norm.last:.3g} (Pascanu {=2013}).")
    assert main(["check", "p", "--seeds", "1"]) == 0
    assert "  caption         1       0" in capsys.readouterr().out.splitlines()
    shown = capsys.readouterr()
    assert main(["show", "q1", "--pack", "p"]) == 0
    from tutor.evidence import registry

    last = registry.run("rnn", {"scale": 1.2}, seed=0).all_series()["jacobian_norm"].y[-1]
    text = capsys.readouterr().out
    assert f"the norm ends at {last:.3g} (Pascanu 2013)." in text
    assert shown.err == ""


def test_the_markdown_sheet_prints_each_caption_rendered_from_a_run(tmp_path):
    from tutor.authoring.export_markdown import pack_to_markdown
    from tutor.evidence import registry

    write(tmp_path / "p", "the norm ends at {jacobian_norm.last:.3g}.")
    sheet = pack_to_markdown(load_pack(tmp_path / "p"))
    last = registry.run("rnn", {"scale": 1.2}, seed=0).all_series()["jacobian_norm"].y[-1]
    assert (f"- Evidence `rnn`: With scale 1.2 the product passes 1000 in 2 ways; the norm ends at {last:.3g}."
            in sheet.splitlines())
