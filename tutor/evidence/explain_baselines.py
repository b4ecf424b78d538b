"""Explanations for the benchmarks' baselines and Adam's step size (see `tutor.evidence.explain`):
what number a model has to beat, and why Adam's updates stop showing a vanished gradient."""

from __future__ import annotations

from typing import Any

from tutor.evidence.text import format_number as fmt


def adding_baseline(params: dict[str, Any], scalars: dict[str, float]) -> str:
    return (f"Predicting the mean (1) scores the target's variance, 2·1/12 = 1/6; this sample gives "
            f"{fmt(scalars['mse_mean'])}. Remembering one of the two marked numbers leaves the other's variance, "
            f"1/12 (here {fmt(scalars['mse_one_value'])}). A model has learned the task only well below 1/6; a "
            "plateau near 1/12 means it holds one number, not two.")


def copy_task(params: dict[str, Any], scalars: dict[str, float]) -> str:
    steps, length, categories = int(params["steps"]), int(params["length"]), int(params["categories"])
    return (f"Without memory the blanks cost nothing and each of the {length} recalled symbols costs "
            f"ln {categories} = {fmt(scalars['recall_step_loss'])} nats, so the mean over all "
            f"{int(scalars['sequence_steps'])} steps is {length}·ln {categories}/(T + {2 * length}) = "
            f"{fmt(scalars['baseline_formula'])} at T = {steps}. A loss on this line means the model learned the "
            "blanks and nothing else; the line falls as T grows, so compare at the same T.")


def adam_scaling(params: dict[str, Any], scalars: dict[str, float]) -> str:
    return (f"Adam divides each step by √v̂, so gradients {fmt(scalars['gradient_spread'])}× apart in size move "
            f"their parameters only {fmt(scalars['adam_step_spread'])}× apart; plain SGD's steps would differ as "
            f"much as the gradients do. Only near ε = {params['eps']:g} does the step shrink (to s/(s + ε)). A "
            "vanished gradient therefore no longer shows in the updates, and its direction, mostly noise, is "
            "followed at full speed.")
