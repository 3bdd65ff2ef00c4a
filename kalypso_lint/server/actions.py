"""Code actions: the four fixes a writer can take without leaving the sentence.

- draft a registry entry for an unsupported claim (scaffold's drafting, written atomically
  to the configured registry by the server: a command, since it edits no open buffer);
- suppress a finding on its line (`<!-- kalypso-lint: disable-line=CODE -->`, Markdown and
  HTML only: plain text has no comments), or around its front matter field or HTML tag
  where a comment at the end of the line would change the page (server/placement.py);
- replace an inconsistent figure with the registry's, written the way the copy writes it;
- apply a substitute phrase rule's suggestion.

Edits are computed on the text that was checked, and only offered while the buffer is still
at that version, so an edit never lands on moved text.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from lsprotocol import types

from kalypso_lint.figures import conversion_factor, rewrite_figure
from kalypso_lint.models import Finding, Span, Verdict
from kalypso_lint.registry.model import normalise_term
from kalypso_lint.server.placement import place_suppression
from kalypso_lint.server.positions import LineIndex
from kalypso_lint.server.workspace import Checked, Project

DRAFT_COMMAND = "kalypso-lint.draftEntry"
# Readers that keep comments, so a directive in them is seen (documents/markdown, html).
COMMENT_SUFFIXES = frozenset({".md", ".markdown", ".mdown", ".mkd", ".html", ".htm", ".xhtml"})
# Findings a suppression cannot or should not silence: the suppression's own problems.
UNSUPPRESSIBLE = frozenset({"KL903", "KL904"})


def span_text(index: LineIndex, span: Span) -> str:
    """The source text a span covers (newlines included), from the checked lines."""
    lines = index.lines
    if span.line == span.end_line:
        return lines[span.line - 1][span.column - 1 : span.end_column - 1]
    parts = [lines[span.line - 1][span.column - 1 :]]
    parts.extend(lines[span.line : span.end_line - 1])
    parts.append(lines[span.end_line - 1][: span.end_column - 1])
    return "\n".join(parts)


def _overlaps(span: Span, start: tuple[int, int], end: tuple[int, int]) -> bool:
    return (span.line, span.column) <= end and start <= (span.end_line, span.end_column)


def verdict_of(checked: Checked, finding: Finding) -> Verdict | None:
    for verdict in checked.verdicts:
        claim = verdict.claim
        if claim.span == finding.span and claim.text == finding.claim_text:
            return verdict
    return None


def _text_edit(checked: Checked, span: Span, new_text: str) -> types.TextEdit:
    (line, character), (end_line, end_character) = checked.index.span_to_client(span)
    return types.TextEdit(
        range=types.Range(
            start=types.Position(line=line, character=character),
            end=types.Position(line=end_line, character=end_character),
        ),
        new_text=new_text,
    )


def _edit(
    checked: Checked, title: str, span: Span, new_text: str, **extra: object
) -> types.CodeAction:
    return _edits(checked, title, ((span, new_text),), **extra)


def _edits(
    checked: Checked, title: str, edits: tuple[tuple[Span, str], ...], **extra: object
) -> types.CodeAction:
    return types.CodeAction(
        title=title,
        kind=types.CodeActionKind.QuickFix,
        edit=types.WorkspaceEdit(
            changes={checked.uri: [_text_edit(checked, span, text) for span, text in edits]}
        ),
        **extra,  # type: ignore[arg-type]
    )


def suppression_action(
    checked: Checked, finding: Finding, diagnostic: types.Diagnostic
) -> types.CodeAction | None:
    if checked.path.suffix.lower() not in COMMENT_SUFFIXES or finding.code in UNSUPPRESSIBLE:
        return None
    placement = place_suppression(
        checked.index.lines, checked.path.suffix.lower(), finding.span.line, finding.code
    )
    if placement is None:
        return None
    return _edits(checked, placement.title, placement.edits, diagnostics=[diagnostic])


def figure_action(
    checked: Checked, finding: Finding, project: Project, diagnostic: types.Diagnostic
) -> types.CodeAction | None:
    verdict = verdict_of(checked, finding)
    if verdict is None or verdict.verdict != "inconsistent" or not verdict.registry_id:
        return None
    entry = project.registry.get(verdict.registry_id)
    if entry is None or entry.bounds is None:
        return None
    factor = conversion_factor(entry.unit, verdict.claim.unit)
    if factor is None:
        return None
    low, high = (round(bound * factor, 6) for bound in entry.bounds)
    original = span_text(checked.index, finding.span)
    replacement = rewrite_figure(original, low, high)
    if replacement is None or replacement == original:
        return None
    return _edit(
        checked,
        f'Replace "{original}" with "{replacement}" (registry {entry.id})',
        finding.span,
        replacement,
        diagnostics=[diagnostic],
        is_preferred=True,
    )


def substitution_action(
    checked: Checked, finding: Finding, project: Project, diagnostic: types.Diagnostic
) -> types.CodeAction | None:
    rule = next(
        (
            r
            for r in project.config.rulebook.phrase_rules
            if r.code == finding.code and r.kind == "substitute"
        ),
        None,
    )
    if rule is None:
        return None
    original = span_text(checked.index, finding.span)
    swaps = {normalise_term(term): suggestion for term, suggestion in rule.swap.items()}
    suggestion = swaps.get(normalise_term(original))
    if not suggestion:
        return None
    if original[:1].isupper():
        suggestion = suggestion[:1].upper() + suggestion[1:]
    return _edit(
        checked,
        f'Replace "{original}" with "{suggestion}" ({rule.code} {rule.name})',
        finding.span,
        suggestion,
        diagnostics=[diagnostic],
        is_preferred=True,
    )


def draft_action(checked: Checked, verdict: Verdict) -> types.CodeAction:
    claim = verdict.claim
    return types.CodeAction(
        title=f'Draft a registry entry for "{claim.text}"',
        kind=types.CodeActionKind.QuickFix,
        command=types.Command(
            title="Draft a registry entry",
            command=DRAFT_COMMAND,
            arguments=[checked.uri, checked.version, claim.span.line, claim.span.column],
        ),
    )


def code_actions(
    checked: Checked,
    project: Project,
    start: tuple[int, int],
    end: tuple[int, int],
    diagnostic_for: Callable[[Finding], types.Diagnostic],
) -> list[types.CodeAction]:
    """Every action for the findings and claims overlapping start..end (code points)."""
    actions: list[types.CodeAction] = []
    drafted: set[Span] = set()
    for finding in checked.findings:
        if not _overlaps(finding.span, start, end):
            continue
        diagnostic = diagnostic_for(finding)
        for make in (figure_action, substitution_action):
            action = make(checked, finding, project, diagnostic)
            if action is not None:
                actions.append(action)
        verdict = verdict_of(checked, finding)
        if (
            verdict is not None
            and verdict.verdict == "unsupported"
            and verdict.reason == "no-entry"
            and verdict.claim.span not in drafted
        ):
            drafted.add(verdict.claim.span)
            actions.append(draft_action(checked, verdict))
        suppression = suppression_action(checked, finding, diagnostic)
        if suppression is not None:
            actions.append(suppression)
    return actions


@dataclass(frozen=True)
class DraftWritten:
    path: Path
    line: int
    entry_id: str


def write_draft(
    project: Project, verdict: Verdict, display: Callable[[Path], str]
) -> DraftWritten | str:
    """Draft an entry for the claim the way `registry scaffold` does and write it atomically
    to the configured registry; a sentence saying why not when it is not drafted."""
    from kalypso_lint.atomic import write_atomic
    from kalypso_lint.extract.keyterms import claim_terms
    from kalypso_lint.registry.scaffold import existing_topics, plan_drafts, prepare_writes

    configured = project.config.registry_paths()
    destination = configured[0] if configured else project.config.base_dir / "claims"
    plan = plan_drafts(
        [verdict],
        project.registry,
        claim_terms,
        existing_topics(destination),
    )
    if not plan.drafts:
        duplicate = plan.skipped[0].duplicate_of if plan.skipped else "an existing entry"
        return f"not drafted: {duplicate} already states this claim"
    texts, written = prepare_writes(destination, plan.drafts, display)
    for path, text in texts.items():
        write_atomic(path, text)
    first = written[0]
    return DraftWritten(first.path, first.line, first.draft.id)
