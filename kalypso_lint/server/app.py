"""The language server itself: pygls wiring, debounced checks, publishing.

Checks run one at a time on a single worker thread (spaCy is not thread-safe to share, and
one editor rarely needs more); the event loop stays free for hovers and code actions. A
check is published only if the buffer is still at the version that was checked, so a slow
result never overwrites a newer one, and each change cancels the check still waiting for
its debounce delay: the last keystroke wins.
"""

from __future__ import annotations

import asyncio
import logging
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import from_fs_path, to_fs_path

from kalypso_lint import __version__
from kalypso_lint.discover import display_path
from kalypso_lint.models import Finding
from kalypso_lint.server.actions import DRAFT_COMMAND, DraftWritten, code_actions, write_draft
from kalypso_lint.server.diagnostics import diagnostic, problem_diagnostic
from kalypso_lint.server.hover import hover_markdown
from kalypso_lint.server.workspace import Checked, Problem, Projects

DEFAULT_DEBOUNCE = 0.05  # seconds after the last change before a check starts
# Registry files and configurations: a change to any of them may change every verdict.
WATCHED_GLOBS = ("**/*.yaml", "**/*.yml", "**/pyproject.toml")

logger = logging.getLogger("kalypso_lint.server")

Outcome = tuple[Checked | Problem | None, list[Problem]]


class KalypsoServer(LanguageServer):
    def __init__(self, debounce: float = DEFAULT_DEBOUNCE) -> None:
        super().__init__(
            "kalypso-lint",
            __version__,
            text_document_sync_kind=types.TextDocumentSyncKind.Incremental,
        )
        self.debounce = debounce
        self.projects = Projects()
        self.checks = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kalypso-lint-check")
        self.pending: dict[str, asyncio.Task[None]] = {}
        self.results: dict[str, Checked] = {}
        self.problem_uris: set[str] = set()
        # LSP: `exit` after `shutdown` ends with 0, without it with 1. pygls knows, but its
        # sys.exit is swallowed by its own start_io, so the server keeps its own account.
        self.shut_down = False
        self.exited = False

    def exit_code(self) -> int:
        return 1 if self.exited and not self.shut_down else 0

    # -- state read on the event loop -------------------------------------------------------
    def encoding(self) -> str:
        chosen = self.workspace.position_encoding or "utf-16"
        return str(getattr(chosen, "value", chosen))

    def folders(self) -> list[Path]:
        paths = [to_fs_path(folder.uri) for folder in self.workspace.folders.values()]
        if self.workspace.root_path:
            paths.append(self.workspace.root_path)
        return sorted({Path(p).resolve() for p in paths if p})

    def open_document(self, uri: str) -> Any:
        return self.workspace.text_documents.get(uri)

    # -- checking --------------------------------------------------------------------------
    def schedule(self, uri: str, delay: float) -> None:
        """Check `uri` after `delay`, replacing a check still waiting for its turn."""
        waiting = self.pending.pop(uri, None)
        if waiting is not None:
            waiting.cancel()
        self.pending[uri] = asyncio.ensure_future(self._check_later(uri, delay))

    async def _check_later(self, uri: str, delay: float) -> None:
        if delay > 0:
            await asyncio.sleep(delay)
        await self.check_now(uri)

    def _run(self, uri: str, path: Path, text: str, version: int | None, language: str) -> Outcome:
        """On the check thread: the check and the problems known after it."""
        outcome = self.projects.check(uri, path, text, version, language, self.encoding())
        return outcome, self.projects.problems()

    async def check_now(self, uri: str) -> None:
        document = self.open_document(uri)
        if document is None or not uri.startswith("file:"):
            return
        version, text = document.version, document.source
        self.projects.folders = self.folders()
        loop = asyncio.get_running_loop()
        outcome, problems = await loop.run_in_executor(
            self.checks, self._run, uri, Path(document.path), text, version, document.language_id
        )
        current = self.open_document(uri)
        if current is None or current.version != version:
            return  # a newer change is on its way: this result is stale, never shown
        self.publish_problems(problems)
        if isinstance(outcome, Checked):
            self.results[uri] = outcome
            project = self.projects.project(outcome.project_key)
            rulebook = project.config.rulebook if project else None
            diagnostics = (
                [diagnostic(finding, outcome.index, rulebook) for finding in outcome.findings]
                if rulebook is not None
                else []
            )
        else:
            self.results.pop(uri, None)
            diagnostics = []
        if uri not in self.problem_uris:
            self.publish(uri, diagnostics, version)

    def publish(self, uri: str, diagnostics: list[types.Diagnostic], version: int | None) -> None:
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, diagnostics=diagnostics, version=version)
        )

    def publish_problems(self, problems: list[Problem]) -> None:
        """One diagnostic on each configuration or registry file that does not load; cleared
        once it loads again."""
        now: dict[str, types.Diagnostic] = {}
        for problem in problems:
            uri = from_fs_path(str(problem.path)) or problem.path.as_uri()
            document = self.open_document(uri)
            text = document.source if document is not None else _read(problem.path)
            now.setdefault(uri, problem_diagnostic(problem, text, self.encoding()))
        for uri in self.problem_uris - now.keys():
            self.publish(uri, [], None)
        for uri, problem_diag in now.items():
            self.publish(uri, [problem_diag], None)
        self.problem_uris = set(now)

    async def reload(self) -> None:
        """Forget every project and check every open page again (a watched file changed)."""
        loop = asyncio.get_running_loop()
        await loop.run_in_executor(self.checks, self.projects.forget)
        for uri in list(self.workspace.text_documents):
            self.schedule(uri, 0)

    def checked(self, uri: str, current_only: bool) -> Checked | None:
        result = self.results.get(uri)
        if result is None:
            return None
        document = self.open_document(uri)
        if current_only and (document is None or document.version != result.version):
            return None
        return result


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None


def build_server(debounce: float = DEFAULT_DEBOUNCE) -> KalypsoServer:
    server = KalypsoServer(debounce)

    @server.feature(types.INITIALIZED)
    async def initialized(ls: KalypsoServer, params: types.InitializedParams) -> None:
        watch = ls.client_capabilities.workspace
        dynamic = watch and watch.did_change_watched_files
        if dynamic and dynamic.dynamic_registration:
            options = types.DidChangeWatchedFilesRegistrationOptions(
                watchers=[types.FileSystemWatcher(glob_pattern=glob) for glob in WATCHED_GLOBS]
            )
            registration = types.Registration(
                id="kalypso-lint-watch",
                method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                register_options=options,
            )
            try:
                await ls.client_register_capability_async(
                    types.RegistrationParams(registrations=[registration])
                )
            except Exception as error:  # a client that refuses still gets mtime checks
                logger.warning("could not register file watchers: %s", error)

    @server.feature(types.SHUTDOWN)
    def on_shutdown(ls: KalypsoServer, params: None) -> None:
        ls.shut_down = True

    @server.feature(types.EXIT)
    def on_exit(ls: KalypsoServer, params: None) -> None:
        ls.exited = True

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: KalypsoServer, params: types.DidOpenTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri, 0)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: KalypsoServer, params: types.DidChangeTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri, ls.debounce)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: KalypsoServer, params: types.DidSaveTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri, 0)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: KalypsoServer, params: types.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        waiting = ls.pending.pop(uri, None)
        if waiting is not None:
            waiting.cancel()
        ls.results.pop(uri, None)
        if uri not in ls.problem_uris:
            ls.publish(uri, [], None)

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    async def watched_changed(ls: KalypsoServer, params: types.DidChangeWatchedFilesParams) -> None:
        await ls.reload()

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def hover(ls: KalypsoServer, params: types.HoverParams) -> types.Hover | None:
        checked = ls.checked(params.text_document.uri, current_only=False)
        if checked is None:
            return None
        project = ls.projects.project(checked.project_key)
        if project is None:
            return None
        at = checked.index.from_client(params.position.line, params.position.character)
        for verdict in checked.verdicts:
            span = verdict.claim.span
            if (span.line, span.column) <= at <= (span.end_line, span.end_column):
                (line, character), (end_line, end_character) = checked.index.span_to_client(span)
                return types.Hover(
                    contents=types.MarkupContent(
                        kind=types.MarkupKind.Markdown,
                        value=hover_markdown(
                            verdict, project.registry, project.config.settings.tolerance
                        ),
                    ),
                    range=types.Range(
                        start=types.Position(line=line, character=character),
                        end=types.Position(line=end_line, character=end_character),
                    ),
                )
        return None

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]),
    )
    def code_action(ls: KalypsoServer, params: types.CodeActionParams) -> list[types.CodeAction]:
        checked = ls.checked(params.text_document.uri, current_only=True)
        if checked is None:
            return []
        project = ls.projects.project(checked.project_key)
        if project is None:
            return []
        start = checked.index.from_client(params.range.start.line, params.range.start.character)
        end = checked.index.from_client(params.range.end.line, params.range.end.character)
        rulebook = project.config.rulebook

        def diagnostic_for(finding: Finding) -> types.Diagnostic:
            return diagnostic(finding, checked.index, rulebook)

        return code_actions(checked, project, start, end, diagnostic_for)

    @server.command(DRAFT_COMMAND)
    async def draft_entry(ls: KalypsoServer, *arguments: Any) -> dict[str, Any] | None:
        uri, version, line, column = arguments
        checked = ls.checked(uri, current_only=True)
        project = ls.projects.project(checked.project_key) if checked else None
        if checked is None or project is None or checked.version != version:
            ls.window_show_message(
                types.ShowMessageParams(
                    type=types.MessageType.Warning,
                    message="kalypso-lint: the page changed; ask for the code action again",
                )
            )
            return None
        verdict = next(
            (
                v
                for v in checked.verdicts
                if (v.claim.span.line, v.claim.span.column) == (line, column)
            ),
            None,
        )
        if verdict is None:
            return None
        base = ls.projects.folder_of(checked.path) or project.config.base_dir

        def display(path: Path) -> str:
            return display_path(path, base)

        loop = asyncio.get_running_loop()
        written = await loop.run_in_executor(ls.checks, write_draft, project, verdict, display)
        if not isinstance(written, DraftWritten):
            ls.window_show_message(
                types.ShowMessageParams(
                    type=types.MessageType.Info, message=f"kalypso-lint: {written}"
                )
            )
            return None
        ls.window_show_message(
            types.ShowMessageParams(
                type=types.MessageType.Info,
                message=f"kalypso-lint: drafted {written.entry_id} in "
                f"{display(written.path)}:{written.line}; add sources, then approve it",
            )
        )
        await ls.reload()
        return {
            "uri": from_fs_path(str(written.path)),
            "line": written.line,
            "id": written.entry_id,
        }

    return server


def serve(debounce: float = DEFAULT_DEBOUNCE) -> int:
    """Serve LSP over standard input and output until the client says exit; the exit code
    (1 for an `exit` without `shutdown` first)."""
    server = build_server(debounce)
    server.start_io()
    return server.exit_code()
