"""One way to choose the pack a session opens on, for the app and every command."""

from __future__ import annotations

from pathlib import Path

from tutor.service.entries import PackEntry, broken_request, pack_to_open


def entry(pack_id: str, *, loads: bool = True, requested: bool = False) -> PackEntry:
    return PackEntry(pack_id, pack_id.title(), Path(pack_id), pack=object() if loads else None,  # type: ignore[arg-type]
                     error=None if loads else f"{pack_id}.yaml:1:1: broken", requested=requested)


def test_the_pack_asked_for_by_id_then_the_one_given_with_pack_then_the_first_that_loads() -> None:
    builtin, given, broken = entry("rnn"), entry("mine", requested=True), entry("bad", loads=False)
    entries = [broken, builtin, given]
    assert pack_to_open(entries, "rnn") is builtin
    assert pack_to_open(entries) is given
    assert pack_to_open([broken, builtin]) is builtin
    assert pack_to_open([broken]) is None
    assert pack_to_open(entries, "bad") is given  # a pack that does not load is never opened


def test_a_pack_given_with_pack_that_does_not_load_is_reported_not_replaced() -> None:
    asked = entry("mine", loads=False, requested=True)
    assert broken_request([entry("rnn"), asked]) is asked
    assert broken_request([entry("rnn"), entry("bad", loads=False)]) is None
