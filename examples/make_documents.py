"""Writes examples/brochure.docx and examples/leaflet.pdf (issue 17), so the binary examples
can be rebuilt and reviewed as text. Needs the test extras (python-docx, reportlab).

    python examples/make_documents.py
"""

from __future__ import annotations

from pathlib import Path

import docx
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

HERE = Path(__file__).resolve().parent

BROCHURE = [
    ("heading", "Harbor Lane Infusion Clinic"),
    (
        "paragraph",
        "If migraine runs your calendar, you are in large company: almost 49 million "
        "people in the US have it, and women are almost 3x more likely than men to be among them.",
    ),
    ("item", "Most patients feel relief within 45 minutes of starting an infusion."),
    ("item", "An untreated attack can last 2-72 hours."),
    ("paragraph", "Ketamine infusions are FDA-approved for migraine and have no side effects."),
]


def brochure(path: Path) -> None:
    document = docx.Document()
    for kind, text in BROCHURE:
        if kind == "heading":
            document.add_heading(text, level=1)
        elif kind == "item":
            document.add_paragraph(text, style="List Bullet")
        else:
            document.add_paragraph(text)
    # An editor's change, still tracked: "about 1/3" inserted, "half" deleted.
    paragraph = document.add_paragraph("Before the pain, ")
    for tag, text_tag, text in (("ins", "w:t", "about 1/3"), ("del", "w:delText", "half")):
        change = OxmlElement(f"w:{tag}")
        change.set(qn("w:id"), str(len(tag)))
        change.set(qn("w:author"), "Editor")
        run = OxmlElement("w:r")
        element = OxmlElement(text_tag)
        element.text = text
        run.append(element)
        change.append(run)
        paragraph._p.append(change)
    paragraph.add_run(" of people with migraine notice an aura.")
    first_item = document.paragraphs[2]
    document.add_comment(
        first_item.runs, text="kalypso-lint: disable=KL101", author="Reviewer", initials="RV"
    )
    document.save(str(path))


LEFT = [
    "Almost 49 million people in the US",
    "live with migraine, and over 1 bil-",
    "lion people worldwide.",
    "Over 92% of our patients report",
    "relief after one session.",
]
RIGHT = [
    "- An attack can last 2-72 hours.",
    "- Roughly 2/3 of patients have a close",
    "relative with migraine.",
    "Our infusions are clinically proven",
    "and cure chronic migraine for good.",
]


def leaflet(path: Path) -> None:
    sheet = canvas.Canvas(str(path), pagesize=A4)
    _, height = A4
    sheet.setFont("Helvetica-Bold", 16)
    sheet.drawString(60, height - 60, "Migraine: what our patients ask")
    sheet.setFont("Helvetica", 11)
    for x, lines in ((60, LEFT), (310, RIGHT)):
        for index, line in enumerate(lines):
            sheet.drawString(x, height - 90 - 14 * index, line)
    sheet.showPage()
    sheet.setFillColorRGB(0.4, 0.4, 0.4)
    sheet.rect(72, 300, 400, 300, fill=1)  # the back page: a scanned photo, no text layer
    sheet.showPage()
    sheet.save()


if __name__ == "__main__":
    brochure(HERE / "brochure.docx")
    leaflet(HERE / "leaflet.pdf")
