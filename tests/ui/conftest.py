"""Fixtures for the UI tests, and a runner for `async def` tests.

The test extra has no asyncio plugin, so coroutine tests are run here with
`asyncio.run` (one fresh event loop per test, which is what Textual's `run_test` wants).
"""

from __future__ import annotations

import asyncio
import inspect

import pytest
from fakes import FakeBackend, FakePack, backend_with, make_pack

from tutor.ui.app import TutorApp


@pytest.hookimpl(tryfirst=True)
def pytest_pyfunc_call(pyfuncitem: pytest.Function) -> bool | None:
    if inspect.iscoroutinefunction(pyfuncitem.obj):
        arguments = {name: pyfuncitem.funcargs[name] for name in pyfuncitem._fixtureinfo.argnames}
        asyncio.run(asyncio.wait_for(pyfuncitem.obj(**arguments), timeout=30))
        return True
    return None


@pytest.fixture
def pack() -> FakePack:
    return make_pack()


@pytest.fixture
def backend(pack: FakePack) -> FakeBackend:
    return backend_with(pack)


@pytest.fixture
def app(backend: FakeBackend) -> TutorApp:
    return TutorApp(backend)

