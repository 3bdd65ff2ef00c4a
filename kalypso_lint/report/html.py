"""`--format html`: one self-contained file for reviewers (issue 9).

Each checked page is a collapsed section whose text sits in an inert `<template>` until the
reader opens it, so a 1,000-page report opens as a list of pages, not a million nodes.
Everything in it comes decided from the pipeline (kalypso_lint.pages): this module escapes
and wraps. Copy is user input, so every piece of it goes through `html.escape`, the data for
the side panel is JSON with `<`, `>` and `&` escaped, and a Content-Security-Policy lets only
this report's own style and script run (by hash) and forbids every network request.
"""

from __future__ import annotations

import base64
import hashlib
import json
from dataclasses import asdict
from html import escape
from importlib import resources
from typing import Any

from kalypso_lint.catalog import Rule, RuleBook
from kalypso_lint.figures import format_figure
from kalypso_lint.models import VERDICTS, Finding, PageLine, PageView, RunResult, Summary, Verdict
from kalypso_lint.pages import NO_FINDING
from kalypso_lint.report import ReportContext
from kalypso_lint.wording import counted

# A symbol and a word for each verdict, so no state is told by colour alone.
VERDICT_SYMBOL = {
    "supported": "✓",
    "inconsistent": "≠",
    "unsupported": "?",
    "stale": "↻",
    "prohibited": "⊘",
}
FLAG_SYMBOL = "⚑"  # a finding at no claim (a phrase rule), marked where it stands


def _asset(name: str) -> str:
    return resources.files("kalypso_lint.data").joinpath(name).read_text(encoding="utf-8")


def _csp_hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def _json_for_script(value: object) -> str:
    """JSON that cannot end its <script> element or open a comment inside it."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def _summary_text(summary: Summary) -> str:
    verdicts = ", ".join(f"{n} {name}" for name, n in summary.by_verdict.items() if n)
    severities = ", ".join(counted(n, name) for name, n in summary.by_severity.items() if n)
    text = counted(summary.claims, "claim") + (f" ({verdicts})" if verdicts else "")
    findings = counted(summary.findings, "finding") + (f" ({severities})" if severities else "")
    return f"{text}; {findings}"


def _badge(verdict: str, extra: str = "") -> str:
    return (
        f'<span class="badge v-{verdict}"><span aria-hidden="true">{VERDICT_SYMBOL[verdict]}</span>'
        f" {verdict}{extra}</span>"
    )


def _claim_html(page_id: str, index: int, verdict: Verdict, view: PageView, text: str) -> str:
    claim = verdict.claim
    codes = [view.findings[i].code for i in view.claim_findings[index]]
    tag = " · ".join([verdict.verdict, *codes])
    reading = format_figure(claim.value, claim.low, claim.high, claim.unit)
    if claim.qualifier and claim.value is not None:
        reading = f"{claim.qualifier} {reading}"
    attributes = {
        "type": "button",
        "class": f"claim kl-nav v-{verdict.verdict}",
        "id": f"{page_id}-c{index}",
        "data-v": verdict.verdict,
        "data-codes": " ".join(codes),
        "data-e": verdict.registry_id or "",
        "data-f": " ".join(str(i) for i in view.claim_findings[index]),
        "data-at": f"{claim.span.line}:{claim.span.column}",
        "data-read": reading if claim.category == "numeric" else claim.kind,
        "aria-describedby": f"{page_id}-c{index}-t",
    }
    return _mark_html(attributes, text, VERDICT_SYMBOL[verdict.verdict], tag)


def _mark_html(attributes: dict[str, str], text: str, symbol: str, tag: str) -> str:
    """A highlight the keyboard reaches, and the label after it that says what it is."""
    attrs = " ".join(f'{name}="{escape(value)}"' for name, value in attributes.items())
    return (
        f"<button {attrs}>{escape(text)}</button>"
        f'<span class="tag" id="{escape(attributes["id"])}-t">'
        f'<span aria-hidden="true">{symbol} </span>{escape(tag)}</span>'
    )


def _flag_html(page_id: str, index: int, finding: Finding, text: str) -> str:
    attributes = {
        "type": "button",
        "class": f"flag kl-nav sev-{finding.severity}",
        "id": f"{page_id}-m{index}",
        "data-v": "finding",
        "data-codes": finding.code,
        "data-f": str(index),
        "data-at": f"{finding.span.line}:{finding.span.column}",
        "aria-describedby": f"{page_id}-m{index}-t",
    }
    return _mark_html(attributes, text, FLAG_SYMBOL, f"{finding.code} {finding.severity}")


def _line_html(page_id: str, line: PageLine, view: PageView) -> str:
    role = ' role="heading" aria-level="3"' if line.kind == "heading" else ""
    parts = [
        f'<p class="blk k-{line.kind}"{role}><span class="ln" aria-hidden="true">{line.line}</span>'
    ]
    for piece in line.pieces:
        if piece.claim is not None:
            verdict = view.claims[piece.claim]
            parts.append(_claim_html(page_id, piece.claim, verdict, view, piece.text))
        elif piece.finding is not None:
            finding = view.findings[piece.finding]
            parts.append(_flag_html(page_id, piece.finding, finding, piece.text))
        else:
            parts.append(escape(piece.text))
    parts.append("</p>")
    return "".join(parts)


def _findings_html(page_id: str, view: PageView) -> str:
    if not view.findings:
        return '<p class="no-findings">No findings on this page.</p>'
    rows = [
        f'<h3 class="findings-title">Findings on this page ({len(view.findings)})</h3>'
        '<ol class="findings">'
    ]
    for index, finding in enumerate(view.findings):
        where = f"{finding.span.line}:{finding.span.column}"
        claim = view.finding_claims[index]
        if index in view.marked:
            opening = (
                f'<li class="finding kl-row sev-{finding.severity}" id="{page_id}-f{index}" '
                f'data-v="finding" data-codes="{finding.code}">'
                f'<a class="at" href="#{page_id}-m{index}">{where}</a>'
            )
        elif claim is None:
            opening = (
                f'<li class="finding kl-nav sev-{finding.severity}" id="{page_id}-f{index}" '
                f'tabindex="-1" data-v="finding" data-codes="{finding.code}" data-f="{index}" '
                f'data-at="{where}"><span class="at">{where}</span>'
            )
        else:
            verdict = view.claims[claim].verdict
            opening = (
                f'<li class="finding kl-row sev-{finding.severity}" id="{page_id}-f{index}" '
                f'data-v="{verdict}" data-codes="{finding.code}">'
                f'<a class="at" href="#{page_id}-c{claim}">{where}</a>'
            )
        rows.append(
            f'{opening} <span class="code">{finding.code}</span> '
            f'<span class="sev">{finding.severity}</span> '
            f'<span class="msg">{escape(finding.message)}</span></li>'
        )
    rows.append("</ol>")
    return "".join(rows)


def _page_link(path: str) -> str:
    """A published page (issue 17) links to where it lives; its lines are of its main text."""
    if not path.lower().startswith(("http://", "https://")):
        return ""
    return (
        f' · <a class="page-url" href="{escape(path)}" rel="noopener noreferrer" '
        'target="_blank">open the published page</a> (lines are lines of its main text)'
    )


def _page_html(number: int, view: PageView) -> str:
    page_id = f"p{number}"
    text = "".join(_line_html(page_id, line, view) for line in view.lines)
    if not view.lines:
        text = '<p class="no-text">No prose was read from this file.</p>'
    body = f'<div class="text">{text}</div>{_findings_html(page_id, view)}'
    return (
        f'<section class="page" id="{page_id}" data-path="{escape(view.path)}" '
        f'data-keys="{escape(" ".join(view.keys))}">'
        f'<h2 class="page-head"><button type="button" class="toggle" aria-expanded="false" '
        f'aria-controls="{page_id}-body">{escape(view.path)}</button></h2>'
        f'<p class="page-summary">{escape(_summary_text(view.summary))}{_page_link(view.path)}</p>'
        f'<div class="page-body" id="{page_id}-body" hidden></div>'
        f"<template>{body}</template></section>"
    )


def _filters_html(result: RunResult, rules: dict[str, Rule]) -> str:
    summary = result.summary
    verdicts = "".join(
        f'<label><input type="checkbox" name="verdict" value="{name}" checked> '
        f'{_badge(name)} <span class="count">{summary.by_verdict.get(name, 0)}</span></label>'
        for name in VERDICTS
    )
    names = {code: rule.name for code, rule in rules.items()}
    codes = "".join(
        f'<label><input type="checkbox" name="code" value="{escape(code)}" checked> '
        f'<span class="code">{escape(code)}</span> {escape(names.get(code, ""))}'
        f' <span class="count">{count}</span></label>'
        for code, count in summary.by_code.items()
    )
    supported = summary.by_verdict.get("supported", 0)
    codes += (
        f'<label><input type="checkbox" name="code" value="{NO_FINDING}" checked> '
        f'no finding <span class="count">{supported}</span></label>'
    )
    return (
        '<form class="filters" id="filters" aria-label="Filters">'
        f"<fieldset><legend>Verdict</legend>{verdicts}</fieldset>"
        f"<fieldset><legend>Rule</legend>{codes}</fieldset>"
        '<div class="actions"><button type="button" id="open-all">Open all pages</button> '
        '<button type="button" id="close-all">Close all pages</button></div>'
        '<p class="keys">Keys: <kbd>n</kbd> or <kbd>j</kbd> next claim, <kbd>p</kbd> or '
        "<kbd>k</kbd> previous, <kbd>Enter</kbd> details, <kbd>Esc</kbd> back to the text. "
        "Filters dim the claims they leave out and hide pages with none left.</p>"
        '<p id="filter-status" role="status"></p></form>'
    )


def _panel_data(result: RunResult, rules: dict[str, Rule]) -> dict[str, Any]:
    described = {
        code: {
            "name": rule.name,
            "severity": rule.severity,
            "what": rule.what,
            "why": rule.why,
            "instead": rule.instead,
            "url": rule.help_uri,
        }
        for code, rule in rules.items()
    }
    entries = {entry_id: asdict(entry) for entry_id, entry in result.entries.items()}
    return {"rules": described, "entries": entries}


GENERATOR = "kalypso-lint"


def render(result: RunResult, context: ReportContext) -> str:
    style = _asset("report.css")
    script = _asset("report.js")
    policy = (
        "default-src 'none'; "
        f"style-src {_csp_hash(style)}; script-src {_csp_hash(script)}; "
        "img-src data:; form-action 'none'; base-uri 'none'"
    )
    rules = dict((context.rulebook or RuleBook()).rules)
    panel_data = _json_for_script(_panel_data(result, rules))
    summary = result.summary
    pages = result.pages or []
    run_chips = "".join(_badge(name, f" {summary.by_verdict.get(name, 0)}") for name in VERDICTS)
    parts = [
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        # Marks the file as our own report: discovery never reads it as a page (issue 14).
        f'<meta name="generator" content="{GENERATOR}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<meta http-equiv="Content-Security-Policy" content="{policy}">'
        f"<title>{escape(context.title)}</title><style>{style}</style></head><body>"
        '<a class="skip" href="#pages">Skip to the pages</a>'
        f'<header class="run"><h1>{escape(context.title)}</h1>'
        f'<p class="meta">kalypso-lint {escape(context.tool_version)} · '
        f"{counted(summary.files, 'file')} · {escape(_summary_text(summary))}</p>"
        f'<p class="run-chips">{run_chips}</p></header>'
        '<div class="layout"><div class="column">',
        _filters_html(result, rules),
        f'<main id="pages" tabindex="-1" data-total="{len(pages)}">'
        '<h2 class="visually-hidden">Pages</h2>',
    ]
    if result.pages is None:
        parts.append('<p class="no-pages">This run kept no page text to show.</p>')
    elif not pages:
        parts.append('<p class="no-pages">No pages were checked.</p>')
    parts.extend(_page_html(number, view) for number, view in enumerate(pages, start=1))
    parts.append(
        "</main></div>"
        '<aside class="panel" id="panel" tabindex="-1" aria-labelledby="panel-title">'
        '<h2 id="panel-title">Details</h2><div id="panel-body"><p>Open a page and choose a '
        "highlighted claim (click it, or press <kbd>n</kbd>) to see its registry entry, "
        "tolerance, sources and the rule behind each finding.</p></div></aside></div>"
        f'<script type="application/json" id="kl-data">{panel_data}'
        f"</script><script>{script}</script></body></html>\n"
    )
    return "".join(parts)
