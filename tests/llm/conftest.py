"""The real local model, started once for the tests that need it (skipped where it is missing)."""

from __future__ import annotations

import pytest
import real_model


@pytest.fixture(scope="module")
def real_llm_url():
    model, why_not = real_model.find()
    if model is None:
        pytest.skip(why_not)
    with real_model.serve(model) as url:
        yield url
