"""Write a seeded, reproducible content site for benchmarking kalypso-lint (issue 7).

The site belongs to an invented chain of headache clinics. Pages are Markdown and HTML of
mixed lengths, with front matter, headings, lists, links, tables, code blocks, quotes and
page chrome. Figures and medical claims come from the bundled registry (claims/*.yaml):
some stated as the source does, some stretched, some with no source at all. Most numbers on
a real site are not claims, so pages are full of phone numbers, dates, times, addresses,
prices, versions and reference codes too. All sentences are written for this generator.

    python benchmarks/make_corpus.py --pages 1000 --out benchmarks/corpus/site-1000

The output folder gets `rules.yaml`, a copy of `claims/` and `content/`. The same seed and
page count always give byte-identical files.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
from collections.abc import Callable
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent

RULES_YAML = """\
# Configuration of the generated benchmark site (benchmarks/make_corpus.py).
registry: [claims]
include: ["content/**/*.md", "content/**/*.html"]
"""

CITIES = [
    ("Austin", "TX", "787"),
    ("Portland", "OR", "972"),
    ("Raleigh", "NC", "276"),
    ("Tucson", "AZ", "857"),
    ("Madison", "WI", "537"),
    ("Boise", "ID", "837"),
    ("Richmond", "VA", "232"),
    ("Omaha", "NE", "681"),
    ("Savannah", "GA", "314"),
    ("Spokane", "WA", "992"),
    ("Albany", "NY", "122"),
    ("Reno", "NV", "895"),
]
STREETS = ["Harbor Lane", "Cedar Avenue", "Mill Road", "Juniper Street", "Lakeview Drive"]
STREETS += ["Old Post Road", "Maple Court", "Riverside Boulevard", "Granite Way", "Elm Street"]
PEOPLE = ["Dana", "Marcus", "Priya", "Tomasz", "Lucia", "Kenji", "Aisha", "Ruth", "Oscar"]
PEOPLE += ["Helena", "Bram", "Nadia", "Felix", "Imani", "Soren", "Grace", "Mateo", "Wen"]
CLINICIANS = ["Dr. Alvarez", "Dr. Okafor", "Dr. Lindqvist", "Dr. Haddad", "Dr. Brennan"]
CLINICIANS += ["Nurse Practitioner Kowalski", "Dr. Yamamoto", "Dr. Mbeki", "Dr. Fontaine"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August"]
MONTHS += ["September", "October", "November", "December"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]
TOPICS = [
    "sleep and migraine",
    "screen time and headaches",
    "hydration on hot days",
    "caffeine and rebound headaches",
    "tracking your triggers",
    "weather changes and pain",
    "talking to your employer about migraine",
    "migraine in teenagers",
    "menstrual migraine",
    "cluster headaches",
    "neck pain and tension headaches",
    "what to bring to your first visit",
    "insurance and prior authorisation",
    "travelling with a chronic condition",
    "exercise when you live with migraine",
    "food diaries that actually help",
]
CONDITIONS = ["migraine", "chronic migraine", "cluster headache", "tension-type headache"]
CONDITIONS += ["post-traumatic headache", "facial pain", "medication-overuse headache"]
TREATMENTS = ["ketamine infusions", "nerve blocks", "IV hydration", "Botox injections"]
TREATMENTS += ["physical therapy", "biofeedback", "CGRP medication reviews", "IV ketamine"]

# Claims stated as the registry's sources put them.
SUPPORTED = [
    "About 39 million people in the US live with migraine, children included.",
    "Roughly 39 million Americans have migraine, according to national estimates.",
    "More than 1 billion people worldwide live with migraine.",
    "Over 90% of people with migraine cannot work or function normally during an attack.",
    "Migraine may cost the US up to $36 billion a year in care and lost working days.",
    "Women are about three times as likely as men to have migraine.",
    "In the US, migraine is most common in adults aged 18-44.",
    "An untreated migraine attack usually lasts 4 to 72 hours.",
    "About 1/3 of people with migraine notice an aura before the pain starts.",
    "Roughly one in three people with migraine have aura.",
    "Ketamine is an NMDA receptor antagonist.",
]
# Claims the registry contradicts, rejects or does not know.
CONTESTED = [
    "Almost 49 million people in the US suffer from migraine or chronic headache.",
    "Women are almost 3x more likely than men to have migraine.",
    "Migraine is most common between ages 35-45, when careers and families are busiest.",
    "An untreated migraine attack can last 2-72 hours.",
    "Roughly 2/3 of patients have a close relative with migraine.",
    "About 90% of people with migraine have a family history of it.",
    "In one study, over 92% of patients reported more than 50% pain reduction.",
    "Over 70% of our patients felt calmer after a single session.",
    "Four out of five patients cut their monthly headache days in half.",
    "Our infusions are FDA-approved for migraine and have no side effects.",
    "Ketamine infusions stop chronic migraine at its source.",
    "This treatment is clinically proven and works for everyone.",
    "Patients see up to 80% fewer attacks within 6 weeks.",
    "Nearly 12,000 patients have trusted us with their care since we opened.",
]
# Figures that are not claims: logistics, contact details, dates and codes.
LOGISTICS: list[Callable[[random.Random], str]] = [
    lambda r: f"Call us at (555) {r.randint(100, 999):03d}-{r.randint(0, 9999):04d} to book.",
    lambda r: f"Text 555-{r.randint(0, 9999):04d} if you are running late.",
    lambda r: f"We are open {r.choice(WEEKDAYS)} to Friday, 9am-5pm.",
    lambda r: f"Evening sessions start at {r.randint(5, 7)}:30 PM on {r.choice(WEEKDAYS)}s.",
    lambda r: f"Updated on {r.choice(MONTHS)} {r.randint(1, 28)}, {r.randint(2019, 2026)}.",
    lambda r: f"Parking is free on level {r.randint(1, 4)} of the garage next door.",
    lambda r: f"Take bus {r.randint(2, 88)} and get off at the {r.choice(STREETS)} stop.",
    lambda r: f"Our portal works on iOS {r.randint(15, 18)} and Android {r.randint(11, 15)}.",
    lambda r: (
        f"Version {r.randint(1, 4)}.{r.randint(0, 9)}.{r.randint(0, 20)} of the app "
        "adds a headache diary."
    ),
    lambda r: f"Please quote reference NWH-{r.randint(2020, 2026)}-{r.randint(1, 9999):04d}.",
    lambda r: f"Step {r.randint(1, 5)}: fill in the intake form before you arrive.",
    lambda r: f"Room {r.randint(100, 420)} is on the left as you leave the lift.",
    lambda r: (
        f"Appointments booked before {r.randint(1, 12)}/{r.randint(1, 28)} keep the winter rate."
    ),
    lambda r: f"We have served the community since {r.randint(1995, 2015)}.",
    lambda r: f"The office closes at noon on {r.choice(MONTHS)} {r.randint(1, 28)}.",
    lambda r: f"Fax referrals to 555-{r.randint(100, 999)}-{r.randint(0, 9999):04d}.",
    lambda r: f"Exit {r.randint(3, 40)} off Route {r.randint(1, 99)} is the quickest way in.",
    lambda r: f"A consultation costs ${r.randint(9, 30)}0 if you pay at the visit.",
    lambda r: f"Sessions last about {r.randint(40, 60)} minutes, plus time to rest afterwards.",
    lambda r: f"The {r.randint(2019, 2025)} annual report is on page {r.randint(2, 40)}.",
]
# Prose without figures, assembled from parts so the vocabulary is not a handful of words.
OPENERS = [
    "Many of our patients",
    "People who live with headaches",
    "Our nurses",
    "Families we meet",
    "People starting treatment",
    "Patients who keep a diary",
    "Our care teams",
    "Parents of teenagers",
    "Shift workers",
    "New patients",
    "Returning patients",
    "Caregivers",
]
VERBS = [
    "tell us they",
    "often find that they",
    "usually notice that they",
    "learn quickly that they",
    "sometimes worry that they",
    "are relieved when they",
    "ask whether they",
    "say it helps when they",
]
ACTIONS = [
    "sleep at regular hours",
    "write down what they ate before an attack",
    "plan quiet time after a busy week",
    "bring a list of medicines to every visit",
    "drink water through the afternoon",
    "step away from bright screens",
    "keep a cold pack in the freezer",
    "ask questions before signing anything",
    "share the diary with their doctor",
    "take breaks during long drives",
    "avoid skipping breakfast",
    "stretch their neck and shoulders",
    "set reminders for their medication",
    "talk openly with colleagues",
]
TAILS = [
    "and that is a good place to start.",
    "which makes the next conversation easier.",
    "even when the week is chaotic.",
    "because patterns become clearer over time.",
    "so we build that into every plan.",
    "and we encourage it from the first visit.",
    "without feeling they must change everything at once.",
    "and the small habits add up.",
]
ASIDES = [
    "Every plan is different, and we review yours together.",
    "Bring comfortable clothes and something to read.",
    "Our reception staff can help with forms and insurance questions.",
    "You can reschedule online at any time.",
    "We explain every option, including doing nothing for now.",
    "Your regular doctor stays part of your care.",
    "If something feels wrong during a session, tell the nurse straight away.",
    "Children must be accompanied by a parent or guardian.",
    "Interpreters are available on request.",
    "Wheelchair access is through the side entrance.",
    "We send a short summary of each visit to your portal.",
    "Ask about our quiet rooms if light and noise bother you.",
]
QUOTES = [
    "After years of trying everything, my headaches are finally gone.",
    "The nurses listened, and I finally felt heard.",
    "I went back to work the following week.",
    "The room was calm and the staff explained every step.",
]


class PageWriter:
    """Builds one page's blocks; `r` is the page's own random generator."""

    def __init__(self, r: random.Random) -> None:
        self.r = r

    def prose_sentence(self) -> str:
        r = self.r
        roll = r.random()
        if roll < 0.10:
            return r.choice(SUPPORTED)
        if roll < 0.17:
            return r.choice(CONTESTED)
        if roll < 0.40:
            return r.choice(LOGISTICS)(r)
        if roll < 0.55:
            return r.choice(ASIDES)
        return f"{r.choice(OPENERS)} {r.choice(VERBS)} {r.choice(ACTIONS)}, {r.choice(TAILS)}"

    def paragraph(self, low: int = 2, high: int = 6) -> str:
        return " ".join(self.prose_sentence() for _ in range(self.r.randint(low, high)))

    def address(self) -> tuple[str, str]:
        r = self.r
        city, state, zip3 = r.choice(CITIES)
        street = f"{r.randint(10, 4999)} {r.choice(STREETS)}, Suite {r.randint(100, 450)}"
        return f"{street}, {city}, {state} {zip3}{r.randint(10, 99)}", city

    def phone(self) -> str:
        return f"(555) {self.r.randint(100, 999)}-{self.r.randint(0, 9999):04d}"


def _slug(text: str, index: int) -> str:
    words = "".join(c if c.isalnum() else "-" for c in text.lower()).split("-")
    return "-".join(w for w in words if w)[:48] + f"-{index}"


def _sections(r: random.Random) -> int:
    """Mixed lengths: many short pages, some long articles, a few very long guides."""
    roll = r.random()
    if roll < 0.45:
        return r.randint(1, 3)
    if roll < 0.9:
        return r.randint(4, 8)
    return r.randint(10, 18)


def markdown_page(w: PageWriter, index: int) -> tuple[str, str]:
    r = w.r
    topic = r.choice(TOPICS)
    kind = r.choice(["blog", "blog", "conditions", "faq"])
    title = topic.capitalize() if kind != "conditions" else r.choice(CONDITIONS).capitalize()
    lines = [
        "---",
        f'title: "{title}"',
        f"date: {r.randint(2019, 2026)}-{r.randint(1, 12):02d}-{r.randint(1, 28):02d}",
        f"author: {r.choice(CLINICIANS)}",
        f"tags: [{r.choice(CONDITIONS)}, {r.choice(TREATMENTS)}]",
        f"weight: {r.randint(1, 99)}",
        "---",
        "",
        f"# {title}",
        "",
        w.paragraph(3, 6),
        "",
    ]
    for section in range(_sections(r)):
        lines += [f"## {r.choice(TOPICS).capitalize()} ({section + 1})", "", w.paragraph(), ""]
        roll = r.random()
        if roll < 0.35:
            bullet = r.choice(["-", "*", "1."])
            lines += [f"{bullet} {w.prose_sentence()}" for _ in range(r.randint(3, 7))] + [""]
        elif roll < 0.5:
            lines += [
                "| Clinic | Phone | Hours |",
                "|---|---|---|",
                *(
                    f"| {r.choice(CITIES)[0]} | {w.phone()} | "
                    f"{r.choice(WEEKDAYS)} {r.randint(7, 10)}am-{r.randint(4, 8)}pm |"
                    for _ in range(r.randint(2, 6))
                ),
                "",
            ]
        elif roll < 0.6:
            lines += [
                "```json",
                json.dumps(
                    {
                        "clinic": r.choice(CITIES)[0],
                        "visits": r.randint(1, 5000),
                        "build": f"{r.randint(1, 9)}.{r.randint(0, 9)}.7",
                    }
                ),
                "```",
                "",
            ]
        elif roll < 0.7:
            lines += [f'> "{r.choice(QUOTES)}" — {r.choice(PEOPLE)}, {r.randint(19, 78)}', ""]
        if r.random() < 0.5:
            link = _slug(r.choice(TOPICS), r.randint(0, 999))
            lines += [
                f"Read more in [our guide to {r.choice(TOPICS)}](/blog/{link}/) or call "
                f"{w.phone()}. {w.prose_sentence()}",
                "",
            ]
        lines += [w.paragraph(1, 5), ""]
    address, city = w.address()
    lines += ["---", "", f"*{city} clinic: {address}. Phone {w.phone()}.*", ""]
    return f"{kind}/{_slug(title, index)}.md", "\n".join(lines)


def html_page(w: PageWriter, index: int) -> tuple[str, str]:
    r = w.r
    kind = r.choice(["treatments", "locations", "news"])
    address, city = w.address()
    if kind == "treatments":
        title = r.choice(TREATMENTS).capitalize()
    elif kind == "locations":
        title = f"Our {city} clinic"
    else:
        title = f"News: {r.choice(TOPICS)}"
    body = [f"  <h1>{title}</h1>", f"  <p>{w.paragraph(3, 6)}</p>"]
    for _ in range(_sections(r)):
        body.append(f"  <h2>{r.choice(TOPICS).capitalize()}</h2>")
        body.append(f"  <p>{w.paragraph()}</p>")
        roll = r.random()
        if roll < 0.35:
            items = "".join(f"\n    <li>{w.prose_sentence()}</li>" for _ in range(r.randint(3, 6)))
            body.append(f'  <ul class="facts">{items}\n  </ul>')
        elif roll < 0.55:
            rows = "".join(
                f"\n    <tr><td>{day}</td><td>{r.randint(7, 10)}:00 AM</td>"
                f"<td>{r.randint(4, 7)}:30 PM</td></tr>"
                for day in WEEKDAYS[: r.randint(3, 6)]
            )
            body.append(f"  <table>\n    <tr><th>Day</th><th>Opens</th><th>Closes</th></tr>{rows}")
            body.append("  </table>")
        elif roll < 0.65:
            body.append(f"  <blockquote>“{r.choice(QUOTES)}” — {r.choice(PEOPLE)}</blockquote>")
        if r.random() < 0.4:
            body.append(
                f'  <p>Questions? Call <a href="tel:+1555{r.randint(1000000, 9999999)}">'
                f'{w.phone()}</a> or <a href="/contact/">write to us</a>. '
                f"{w.prose_sentence()}</p>"
            )
    page = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '  <meta charset="utf-8">',
        f"  <title>{title} | Northwind Headache Clinics</title>",
        f"  <style>.facts li {{ margin: {r.randint(2, 9)}px 0; }}</style>",
        f"  <script>window.dataLayer = []; dataLayer.push({{page: {index}}});</script>",
        "</head>",
        "<body>",
        '  <nav><a href="/">Home</a> · <a href="/locations/">Locations</a></nav>',
        *body,
        "  <!-- footer shared by every page -->",
        f"  <footer>&copy; {r.randint(2019, 2026)} Northwind Headache Clinics &middot; "
        f"{address} &middot; {w.phone()}</footer>",
        "</body>",
        "</html>",
        "",
    ]
    return f"{kind}/{_slug(title, index)}.html", "\n".join(page)


def make_corpus(out: Path, pages: int, seed: int = 7) -> Path:
    """Write `pages` pages (about 60% Markdown) under out/content; returns `out`."""
    if out.exists():
        shutil.rmtree(out)
    (out / "content").mkdir(parents=True)
    shutil.copytree(REPO_ROOT / "claims", out / "claims")
    (out / "rules.yaml").write_text(RULES_YAML, encoding="utf-8")
    for index in range(pages):
        page_random = random.Random(f"{seed}:{index}")
        writer = PageWriter(page_random)
        maker = markdown_page if page_random.random() < 0.6 else html_page
        name, text = maker(writer, index)
        path = out / "content" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=100, help="number of pages (default 100)")
    parser.add_argument("--seed", type=int, default=7, help="random seed (default 7)")
    parser.add_argument("--out", type=Path, required=True, help="folder to (re)create")
    args = parser.parse_args()
    out = make_corpus(args.out, args.pages, args.seed)
    files = list((out / "content").rglob("*.*"))
    size = sum(f.stat().st_size for f in files)
    print(f"wrote {len(files)} pages, {size / 1e6:.2f} MB, to {out}")


if __name__ == "__main__":
    main()
