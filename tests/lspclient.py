"""A small Language Server Protocol client for the end-to-end tests of `kalypso-lint server`.

It speaks JSON-RPC with Content-Length framing over the real server's stdin and stdout, the
way an editor does: a reader thread collects every message, requests wait for their
response, and requests from the server (client/registerCapability) are answered. Every wait
has a timeout, so a broken server fails a test instead of hanging it.
"""

from __future__ import annotations

import json
import queue
import subprocess
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

DEFAULT_TIMEOUT = 60.0

Message = dict[str, Any]


class ServerGone(AssertionError):
    pass


class LspClient:
    def __init__(self, command: list[str], cwd: Path) -> None:
        self.process = subprocess.Popen(
            command,
            cwd=cwd,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        self.messages: queue.Queue[Message | None] = queue.Queue()
        self.notifications: list[Message] = []  # every notification received, in order
        self.server_requests: list[Message] = []
        self._responses: dict[int, Message] = {}
        self._next_id = 0
        self._lock = threading.Lock()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        self.stderr_lines: list[str] = []
        threading.Thread(target=self._read_stderr, daemon=True).start()

    # -- wire ------------------------------------------------------------------------------
    def _read_stderr(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            self.stderr_lines.append(line.decode("utf-8", "replace"))

    def _read(self) -> None:
        stream = self.process.stdout
        assert stream is not None
        while True:
            length = None
            while True:
                header = stream.readline()
                if not header:
                    self.messages.put(None)
                    return
                header = header.strip()
                if not header:
                    break
                name, _, value = header.decode("ascii").partition(":")
                if name.lower() == "content-length":
                    length = int(value)
            assert length is not None, "message without Content-Length"
            self.messages.put(json.loads(stream.read(length)))

    def _send(self, message: Message) -> None:
        body = json.dumps(message).encode("utf-8")
        stream = self.process.stdin
        assert stream is not None
        with self._lock:
            stream.write(f"Content-Length: {len(body)}\r\n\r\n".encode("ascii") + body)
            stream.flush()

    def _pump(self, timeout: float) -> None:
        """Handle one incoming message (or return after `timeout`)."""
        try:
            message = self.messages.get(timeout=timeout)
        except queue.Empty:
            return
        if message is None:
            raise ServerGone("the server closed its output:\n" + "".join(self.stderr_lines))
        if "id" in message and "method" in message:  # a request from the server
            self.server_requests.append(message)
            self._send({"jsonrpc": "2.0", "id": message["id"], "result": None})
        elif "id" in message:
            self._responses[message["id"]] = message
        else:
            self.notifications.append(message)

    # -- API -------------------------------------------------------------------------------
    def notify(self, method: str, params: Any) -> None:
        self._send({"jsonrpc": "2.0", "method": method, "params": params})

    def request(self, method: str, params: Any, timeout: float = DEFAULT_TIMEOUT) -> Any:
        self._next_id += 1
        request_id = self._next_id
        self._send({"jsonrpc": "2.0", "id": request_id, "method": method, "params": params})
        deadline = time.monotonic() + timeout
        while request_id not in self._responses:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError(f"no response to {method} within {timeout} s")
            self._pump(min(left, 0.5))
        response = self._responses.pop(request_id)
        if "error" in response:
            raise AssertionError(f"{method} failed: {response['error']}")
        return response.get("result")

    def wait_for(
        self, found: Callable[[Message], bool], timeout: float = DEFAULT_TIMEOUT, start: int = 0
    ) -> Message:
        """The first notification (from index `start` on) that `found` accepts."""
        deadline = time.monotonic() + timeout
        seen = start
        while True:
            while seen < len(self.notifications):
                message = self.notifications[seen]
                seen += 1
                if found(message):
                    return message
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError(f"no matching notification within {timeout} s")
            self._pump(min(left, 0.5))

    def settle(self, seconds: float) -> None:
        """Collect whatever arrives during `seconds`."""
        deadline = time.monotonic() + seconds
        while (left := deadline - time.monotonic()) > 0:
            self._pump(min(left, 0.1))

    def diagnostics(
        self, uri: str, version: int | None = None, timeout: float = DEFAULT_TIMEOUT, start: int = 0
    ) -> list[Message]:
        """The diagnostics next published for `uri` (at `version`, when given)."""

        def wanted(message: Message) -> bool:
            if message.get("method") != "textDocument/publishDiagnostics":
                return False
            params = message["params"]
            return params["uri"] == uri and (version is None or params.get("version") == version)

        return list(self.wait_for(wanted, timeout, start)["params"]["diagnostics"])

    def published(self, uri: str, start: int = 0) -> list[Message]:
        """Every publishDiagnostics for `uri` received so far (from index `start`)."""
        return [
            m["params"]
            for m in self.notifications[start:]
            if m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri
        ]

    def initialize(self, root: Path, encodings: list[str] | None = None) -> Any:
        capabilities: dict[str, Any] = {
            "workspace": {"didChangeWatchedFiles": {"dynamicRegistration": True}},
            "textDocument": {
                "publishDiagnostics": {"versionSupport": True, "codeDescriptionSupport": True},
                "hover": {"contentFormat": ["markdown", "plaintext"]},
                "codeAction": {
                    "codeActionLiteralSupport": {"codeActionKind": {"valueSet": ["quickfix"]}}
                },
            },
        }
        if encodings is not None:
            capabilities["general"] = {"positionEncodings": encodings}
        result = self.request(
            "initialize",
            {
                "processId": None,
                "rootUri": root.as_uri(),
                "workspaceFolders": [{"uri": root.as_uri(), "name": root.name}],
                "capabilities": capabilities,
            },
        )
        self.notify("initialized", {})
        return result

    def open(self, path: Path, text: str | None = None, language: str = "markdown") -> str:
        uri = path.as_uri()
        self.notify(
            "textDocument/didOpen",
            {
                "textDocument": {
                    "uri": uri,
                    "languageId": language,
                    "version": 1,
                    "text": path.read_text(encoding="utf-8") if text is None else text,
                }
            },
        )
        return uri

    def change(self, uri: str, version: int, text: str) -> None:
        self.notify(
            "textDocument/didChange",
            {"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": text}]},
        )

    def close(self, timeout: float = 20) -> int:
        """shutdown, exit, and the server's exit status."""
        try:
            if self.process.poll() is None:
                self.request("shutdown", None, timeout=timeout)
                self.notify("exit", None)
            return self.process.wait(timeout=timeout)
        finally:
            if self.process.poll() is None:
                self.process.kill()
                self.process.wait()
