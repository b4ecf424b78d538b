"""`tutor serve` without a browser: its command line, its warning, its one-line errors."""

from __future__ import annotations

import errno
import getpass
import shlex
import sys
from pathlib import Path

import pytest

from tutor.cli import main
from tutor.commands import serve


class FakeServer:
    """Stands in for textual_serve's Server: records how it was made and served."""

    made: list[dict] = []
    fail_with: OSError | None = None

    def __init__(self, command: str, **options) -> None:
        FakeServer.made.append({"command": command, **options})

    def serve(self) -> None:
        if FakeServer.fail_with is not None:
            raise FakeServer.fail_with


@pytest.fixture(autouse=True)
def fake_server(monkeypatch: pytest.MonkeyPatch) -> type[FakeServer]:
    import textual_serve.server

    FakeServer.made, FakeServer.fail_with = [], None
    monkeypatch.setattr(textual_serve.server, "Server", FakeServer)
    return FakeServer


def test_serves_this_tutor_with_its_packs_on_the_loopback_address_by_default(tmp_path: Path, capsys) -> None:
    pack = tmp_path / "my pack"
    pack.mkdir()
    assert main(["serve", "--pack", str(pack)]) == 0
    (made,) = FakeServer.made
    assert made["host"] == "127.0.0.1" and made["port"] == 8000 and made["public_url"] is None
    assert shlex.split(made["command"]) == [sys.executable, "-m", "tutor", "--pack", str(pack.resolve())]
    assert capsys.readouterr().err == ""


def test_another_host_is_served_with_a_one_line_warning(capsys) -> None:
    assert main(["serve", "--host", "0.0.0.0", "--port", "8123", "--public-url", "http://box:8123"]) == 0
    assert capsys.readouterr().err == (
        f"tutor serve: warning: listening on 0.0.0.0: anyone who can reach port 8123 can use the tutor "
        f"as {getpass.getuser()}, with this user's progress\n"
    )
    assert FakeServer.made[0]["public_url"] == "http://box:8123"


@pytest.mark.parametrize("host", ["127.0.0.1", "127.1.2.3", "localhost", "::1", "[::1]"])
def test_loopback_hosts_need_no_warning(host: str) -> None:
    assert serve.is_loopback(host)


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.5", "::", "example.org"])
def test_other_hosts_are_not_loopback(host: str) -> None:
    assert not serve.is_loopback(host)


@pytest.mark.parametrize(
    ("argv", "line"),
    [
        (["--port", "0"], "tutor serve: --port must be between 1 and 65535, not 0\n"),
        (["--port", "70000"], "tutor serve: --port must be between 1 and 65535, not 70000\n"),
        (["--pack", "no/such/pack"], "tutor serve: --pack no/such/pack: no such file or folder\n"),
    ],
)
def test_bad_options_are_one_line_and_exit_2(argv: list[str], line: str, capsys) -> None:
    assert main(["serve", *argv]) == 2
    assert capsys.readouterr().err == line
    assert FakeServer.made == []


def test_a_port_in_use_is_one_line_and_exit_2(capsys) -> None:
    FakeServer.fail_with = OSError(errno.EADDRINUSE, "address already in use")
    assert main(["serve", "--port", "8124"]) == 2
    assert capsys.readouterr().err == "tutor serve: cannot listen on 127.0.0.1:8124: address already in use\n"
